/**
 * Pulumi schema object types derived from this package's own zod schemas (through zod's JSON
 * Schema), so that each shape is declared once, in its model file, and the plugin's types follow it.
 */
import { z } from "zod";

type JsonSchema = {
    type?: string | string[];
    description?: string;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    items?: JsonSchema;
    enum?: unknown[];
    additionalProperties?: JsonSchema | boolean;
    anyOf?: JsonSchema[];
};

/** A nullable schema (`anyOf` with null) as its non-null member. */
const nonNull = (p: JsonSchema): JsonSchema => (p.anyOf ? (p.anyOf.find((m) => m.type !== "null") ?? p) : p);

/**
 * One property: its non-null type, a named type for nested objects listed in `refs` (for a map by
 * id, `z.record`, the type of its values).
 */
function property(name: string, schema: JsonSchema, refs: Readonly<Record<string, string>>): object {
    const p = nonNull(schema);
    if (refs[name] && typeof p.additionalProperties === "object")
        return { type: "object", additionalProperties: { $ref: `#/types/${refs[name]}` } };
    if (refs[name]) return { $ref: `#/types/${refs[name]}` };
    const types = Array.isArray(p.type) ? p.type.filter((t) => t !== "null") : [p.type];
    const type = types[0] ?? "string";
    if (type === "array")
        return { type: "array", items: p.items ? property(`${name}[]`, p.items, refs) : { type: "string" } };
    if (type === "object") return { type: "object" };
    return { type };
}

/**
 * The Pulumi schema type of a zod object schema. Fields that may be null are not `required`;
 * nested objects become references to the named types in `refs` (by property name).
 */
export function pulumiObjectType(
    schema: z.ZodType,
    description: string | undefined,
    refs: Readonly<Record<string, string>> = {},
): { description: string; type: "object"; properties: Record<string, object>; required: string[] } {
    // Nested objects become references: their own schema is declared as a type of its own.
    const json = z.toJSONSchema(schema) as JsonSchema;
    const properties: Record<string, object> = {};
    for (const [name, p] of Object.entries(json.properties ?? {})) properties[name] = property(name, p, refs);
    const nullable = (p: JsonSchema) =>
        (Array.isArray(p.type) && p.type.includes("null")) || !!p.anyOf?.some((m) => m.type === "null");
    const required = (json.required ?? []).filter((name) => !nullable(json.properties![name]));
    return { description: description ?? json.description ?? "", type: "object", properties, required };
}
