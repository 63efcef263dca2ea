/**
 * A project's API key (`sk-proj-...`), on the wire and as this package returns it. The wire nests
 * the owner under `owner.user` or `owner.service_account` by `owner.type`; this package flattens
 * it into one owner shape.
 */
import { z } from "zod";
import type { Endpoint } from "./listing/endpoint";
import { unixSeconds } from "./admin-api-key";
import { interned } from "./internal/objects";

const OwnerDetailsWire = z.looseObject({
    id: z.string().nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
    created_at: unixSeconds.nullish(),
    role: z.string().nullish(),
});

/** One `organization.project.api_key` as OpenAI sends it. */
export const ProjectApiKeyWire = z.looseObject({
    object: z.string().optional(),
    id: z.string().min(1),
    name: z.string().nullish(),
    redacted_value: z.string(),
    created_at: unixSeconds,
    last_used_at: unixSeconds.nullish(),
    /** Whether the owner still has access to the project; what completeness and policies hinge on. */
    owner_project_access: z.enum(["active", "inactive"]),
    owner: z
        .looseObject({
            type: z.string().nullish(),
            user: OwnerDetailsWire.nullish(),
            service_account: OwnerDetailsWire.nullish(),
        })
        .nullish(),
});
export type ProjectApiKeyWire = z.infer<typeof ProjectApiKeyWire>;

/** Who owns a project key, flattened: a user (with an email) or a service account (without). */
export const ProjectApiKeyOwner = z.object({
    /** `user` or `service_account`. */
    type: z.string().nullable(),
    id: z.string().nullable(),
    name: z.string().nullable(),
    /** Users only; `null` for service accounts. */
    email: z.string().nullable(),
    /** The owner's role in the project. */
    role: z.string().nullable(),
    createdAt: z.number().nullable(),
});
export type ProjectApiKeyOwner = z.infer<typeof ProjectApiKeyOwner>;

/** A project API key as this package returns it. Project keys have no expiry. */
export const ProjectApiKey = z.object({
    id: z.string(),
    name: z.string().nullable(),
    /** What OpenAI shows of the key, e.g. `sk-proj-...abc`; never the key itself. */
    redactedValue: z.string(),
    createdAt: z.number(),
    lastUsedAt: z.number().nullable(),
    /** `active`: the owner has access to the project; `inactive`: a key left behind by someone who lost it. */
    ownerProjectAccess: z.enum(["active", "inactive"]),
    owner: ProjectApiKeyOwner,
});
export type ProjectApiKey = z.infer<typeof ProjectApiKey>;

/** Converts a validated wire key, flattening the owner; owners are interned in `owners`. @internal */
export function projectApiKeyFromWire(key: ProjectApiKeyWire, owners?: Map<string, unknown>): ProjectApiKey {
    const type = key.owner?.type ?? null;
    const details = (type === "service_account" ? key.owner?.service_account : key.owner?.user) ?? {};
    const owner: ProjectApiKeyOwner = {
        type,
        id: details.id ?? null,
        name: details.name ?? null,
        email: type === "service_account" ? null : (details.email ?? null),
        role: details.role ?? null,
        createdAt: details.created_at ?? null,
    };
    const shared = interned(owner, owners, "project-key-owner");
    return {
        id: key.id,
        name: key.name ?? null,
        redactedValue: key.redacted_value,
        createdAt: key.created_at,
        lastUsedAt: key.last_used_at ?? null,
        ownerProjectAccess: key.owner_project_access,
        owner: shared,
    };
}

/**
 * `GET /organization/projects/{project_id}/api_keys?owner_project_access=any`: without `any`, the
 * endpoint applies membership-based visibility that may leave out keys whose owner lost access,
 * which are exactly the keys a security review looks for.
 */
export function projectApiKeysEndpoint(projectId: string): Endpoint<ProjectApiKey> {
    return {
        path: `/organization/projects/${encodeURIComponent(projectId)}/api_keys`,
        scope: "/organization/projects/{project_id}/api_keys",
        query: { owner_project_access: "any" },
        ordered: false,
        label: `API key listing of project ${projectId}`,
        items: "keys",
        item: "Key",
        within: ` of project ${projectId}'s API keys`,
        wire: ProjectApiKeyWire,
        convert: (wire, shared) => projectApiKeyFromWire(wire as ProjectApiKeyWire, shared),
    };
}
