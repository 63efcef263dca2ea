/**
 * `npm run api-docs`: the provider plugin's API reference for each language, generated from its
 * schema as the Registry's are, into docs/api/<language>.md. tests/api-docs.test.ts keeps the
 * committed pages equal to what the schema gives.
 */
import * as fs from "fs";
import * as path from "path";
import {
    DOTNET_NAMESPACE,
    GO_SDK_MODULE,
    NODEJS_SDK_PACKAGE,
    packageSchema,
    PLUGIN_PACKAGE,
    PYTHON_SDK_MODULE,
} from "../provider/plugin/schema";
import { markdownCell } from "./api-docs-text";

type Property = {
    type?: string;
    items?: Property;
    additionalProperties?: Property;
    $ref?: string;
    description?: string;
    secret?: boolean;
};
type ObjectSpec = { description?: string; properties?: Record<string, Property>; required?: string[] };
type Schema = {
    version: string;
    description: string;
    config: { variables: Record<string, Property> };
    functions: Record<string, { description: string; inputs: ObjectSpec; outputs: ObjectSpec }>;
    resources: Record<
        string,
        {
            description: string;
            inputProperties: Record<string, Property>;
            properties: Record<string, Property>;
            requiredInputs?: string[];
            required?: string[];
        }
    >;
    types: Record<string, ObjectSpec>;
};

export const LANGUAGES = ["yaml", "python", "go", "nodejs", "dotnet"] as const;
export type Language = (typeof LANGUAGES)[number];

const TITLES: Record<Language, string> = {
    yaml: "YAML",
    python: "Python",
    go: "Go",
    nodejs: "Node.js (TypeScript)",
    dotnet: ".NET (C#)",
};
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);
const shortName = (token: string) => token.split(":")[2];

/** A property's name as the language's SDK spells it. */
function propertyName(lang: Language, name: string): string {
    return lang === "python" ? snake(name) : lang === "go" || lang === "dotnet" ? pascal(name) : name;
}

/** A type as the language's SDK spells it. */
function typeName(lang: Language, p: Property): string {
    if (p.$ref) return shortName(p.$ref.replace("#/types/", ""));
    if (p.type === "array") {
        const item = typeName(lang, p.items!);
        return {
            yaml: `List<${item}>`,
            python: `Sequence[${item}]`,
            go: `[]${item}`,
            nodejs: `${item}[]`,
            dotnet: `ImmutableArray<${item}>`,
        }[lang];
    }
    if (p.type === "object" && p.additionalProperties) {
        const v = typeName(lang, p.additionalProperties);
        return {
            yaml: `Map<${v}>`,
            python: `Mapping[str, ${v}]`,
            go: `map[string]${v}`,
            nodejs: `{[key: string]: ${v}}`,
            dotnet: `ImmutableDictionary<string, ${v}>`,
        }[lang];
    }
    const scalar: Record<string, Record<Language, string>> = {
        string: { yaml: "String", python: "str", go: "string", nodejs: "string", dotnet: "string" },
        integer: { yaml: "Integer", python: "int", go: "int", nodejs: "number", dotnet: "int" },
        number: { yaml: "Number", python: "float", go: "float64", nodejs: "number", dotnet: "double" },
        boolean: { yaml: "Boolean", python: "bool", go: "bool", nodejs: "boolean", dotnet: "bool" },
    };
    return scalar[p.type ?? "string"]?.[lang] ?? "any";
}

function table(lang: Language, props: Record<string, Property> = {}, required: string[] = []): string {
    const rows = Object.entries(props)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, p]) => {
            const notes = [required.includes(name) ? "required" : "", p.secret ? "secret" : ""]
                .filter(Boolean)
                .join(", ");
            return `| \`${propertyName(lang, name)}\` | \`${typeName(lang, p)}\` | ${notes} | ${markdownCell(p.description ?? "")} |`;
        });
    if (rows.length === 0) return "None.\n";
    return ["| name | type | | description |", "|---|---|---|---|", ...rows].join("\n") + "\n";
}

/** A function's name in the language's SDK (YAML calls it by token). */
function functionName(lang: Language, token: string): string {
    const name = shortName(token);
    return { yaml: token, python: snake(name), go: pascal(name), nodejs: name, dotnet: pascal(name) }[lang];
}

/** How the language calls a function. */
function callForm(lang: Language, token: string): string {
    const name = shortName(token);
    switch (lang) {
        case "yaml":
            return `fn::invoke:\n  function: ${token}\n  arguments: { ... }`;
        case "python":
            return `import ${PYTHON_SDK_MODULE} as admin_keys\nresult = admin_keys.${snake(name)}(...)          # or ${snake(name)}_output(...)`;
        case "go":
            return `import "${GO_SDK_MODULE}/openaiadminkeys"\nresult, err := openaiadminkeys.${pascal(name)}(ctx, &openaiadminkeys.${pascal(name)}Args{...})`;
        case "nodejs":
            return `import * as adminKeys from "${NODEJS_SDK_PACKAGE}";\nconst result = await adminKeys.${name}({ ... });   // or ${name}Output({ ... })`;
        case "dotnet":
            return `using ${DOTNET_NAMESPACE};\nvar result = await ${pascal(name)}.InvokeAsync(new ${pascal(name)}Args { ... });   // or Invoke(...)`;
    }
}

function resourceForm(lang: Language, token: string): string {
    const name = shortName(token);
    switch (lang) {
        case "yaml":
            return `resources:\n  adminKeys:\n    type: ${token}`;
        case "python":
            return `inventory = admin_keys.${name}("adminKeys")`;
        case "go":
            return `inventory, err := openaiadminkeys.New${name}(ctx, "adminKeys", &openaiadminkeys.${name}Args{})`;
        case "nodejs":
            return `const inventory = new adminKeys.${name}("adminKeys", {});`;
        case "dotnet":
            return `var inventory = new ${name}("adminKeys");`;
    }
}

const FENCE: Record<Language, string> = {
    yaml: "yaml",
    python: "python",
    go: "go",
    nodejs: "typescript",
    dotnet: "csharp",
};
const fence = (lang: Language, code: string) => `\`\`\`${FENCE[lang]}\n${code}\n\`\`\`\n`;

/** The reference page of one language. */
export function apiDocs(lang: Language, schema = packageSchema() as Schema): string {
    const out: string[] = [];
    out.push(`# ${PLUGIN_PACKAGE} ${schema.version}: ${TITLES[lang]} API reference\n`);
    out.push("<!-- Generated from the provider plugin's schema by `npm run api-docs`; do not edit. -->\n");
    out.push(`${markdownCell(schema.description)}\n`);
    out.push(
        "How to install the plugin and this SDK: [README](../../README.md#install-the-provider-plugin). Other languages: " +
            LANGUAGES.filter((l) => l !== lang)
                .map((l) => `[${TITLES[l]}](${l}.md)`)
                .join(", ") +
            ".\n",
    );
    out.push("## Provider configuration\n");
    out.push(
        lang === "yaml"
            ? "Stack configuration, e.g. `pulumi config set --secret openai-admin-keys:adminKey`, or a `pulumi:providers:openai-admin-keys` resource's properties.\n"
            : "Stack configuration (`openai-admin-keys:<name>`), or the arguments of an explicit `Provider` resource.\n",
    );
    out.push(table(lang, schema.config.variables));
    out.push("## Functions\n");
    for (const [token, fn] of Object.entries(schema.functions).sort(([a], [b]) => a.localeCompare(b))) {
        out.push(`### ${functionName(lang, token)}\n`);
        out.push(`${markdownCell(fn.description)}\n`);
        out.push(fence(lang, callForm(lang, token)));
        out.push("Arguments:\n");
        out.push(table(lang, fn.inputs.properties, fn.inputs.required));
        out.push("Result:\n");
        out.push(table(lang, fn.outputs.properties, fn.outputs.required));
    }
    out.push("## Resources\n");
    for (const [token, r] of Object.entries(schema.resources)) {
        out.push(`### ${lang === "yaml" ? token : shortName(token)}\n`);
        out.push(`${markdownCell(r.description)}\n`);
        out.push(fence(lang, resourceForm(lang, token)));
        out.push("Inputs:\n");
        out.push(table(lang, r.inputProperties, r.requiredInputs));
        out.push("Outputs:\n");
        out.push(table(lang, r.properties, r.required));
    }
    out.push("## Types\n");
    for (const [token, t] of Object.entries(schema.types).sort(([a], [b]) => a.localeCompare(b))) {
        out.push(`### ${shortName(token)}\n`);
        if (t.description) out.push(`${markdownCell(t.description)}\n`);
        out.push(table(lang, t.properties, t.required));
    }
    return out.join("\n");
}

export const DOCS_DIR = path.join(__dirname, "..", "docs", "api");

if (require.main === module) {
    fs.mkdirSync(DOCS_DIR, { recursive: true });
    for (const lang of LANGUAGES) fs.writeFileSync(path.join(DOCS_DIR, `${lang}.md`), apiDocs(lang));
    process.stderr.write(`api-docs: wrote ${LANGUAGES.map((l) => `docs/api/${l}.md`).join(", ")}\n`);
}
