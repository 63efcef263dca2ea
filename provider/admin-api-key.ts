/**
 * The Admin API key, on the wire (snake_case, as OpenAI sends it) and as this package returns it
 * (camelCase, every field present, `null` where OpenAI has no value).
 *
 * Response schemas are loose on purpose: OpenAI adds fields over time, and a new field must not
 * break a deployment. Only what this package relies on is checked.
 */
import { z } from "zod";
import type { Endpoint } from "./listing/endpoint";
import { interned } from "./internal/objects";

export type { Order } from "./listing/endpoint";

/**
 * Latest timestamp accepted: 9999-12-31T23:59:59Z. A larger one is no date (and breaks date
 * formatting downstream): the page is rejected, naming the field.
 */
export const MAX_UNIX_SECONDS = 253_402_300_799;
/** A Unix timestamp in seconds, within the year 9999. @internal */
export const unixSeconds = z.number().int().nonnegative().max(MAX_UNIX_SECONDS);

/** The owner object as OpenAI sends it; every field may be missing. */
export const AdminApiKeyOwnerWire = z.looseObject({
    type: z.string().nullish(),
    object: z.string().nullish(),
    id: z.string().nullish(),
    name: z.string().nullish(),
    created_at: unixSeconds.nullish(),
    role: z.string().nullish(),
});
export type AdminApiKeyOwnerWire = z.infer<typeof AdminApiKeyOwnerWire>;

/** One `organization.admin_api_key` as OpenAI sends it. */
export const AdminApiKeyWire = z.looseObject({
    object: z.string().optional(),
    id: z.string().min(1),
    name: z.string().nullish(),
    redacted_value: z.string(),
    created_at: unixSeconds,
    last_used_at: unixSeconds.nullish(),
    expires_at: unixSeconds.nullish(),
    owner: AdminApiKeyOwnerWire.nullish(),
});
export type AdminApiKeyWire = z.infer<typeof AdminApiKeyWire>;

/** Who owns a key: a user or a service account. Fields OpenAI did not send are `null`. */
export const AdminApiKeyOwner = z
    .object({
        /** `user` or `service_account` (the wire has both, whatever the spec prose says). */
        type: z.string().nullable().describe("`user` or `service_account`."),
        id: z.string().nullable().describe("Owner id, e.g. `user_abc`."),
        name: z.string().nullable().describe("Owner name."),
        role: z.string().nullable().describe("Owner role in the organization."),
        /** Unix seconds. */
        createdAt: z.number().int().nullable().describe("When the owner was created, in Unix seconds."),
    })
    .describe("Who owns a key: a user or a service account. Fields OpenAI did not send are null.");
export type AdminApiKeyOwner = z.infer<typeof AdminApiKeyOwner>;

/** An organization Admin API key as this package returns it. Timestamps are Unix seconds. */
export const AdminApiKey = z
    .object({
        id: z.string().describe("Key id (`key_...`)."),
        name: z.string().nullable().describe("Key name; null when the key has none."),
        /** What OpenAI shows of the key, e.g. `sk-admin...def`; never the key itself. */
        redactedValue: z
            .string()
            .describe("What OpenAI shows of the key, e.g. `sk-admin...def`; never the key itself."),
        createdAt: z.number().int().describe("Unix seconds."),
        lastUsedAt: z.number().int().nullable().describe("Unix seconds; null when never used."),
        /** `null` means the key never expires. */
        expiresAt: z.number().int().nullable().describe("Unix seconds; null means the key never expires."),
        owner: AdminApiKeyOwner,
    })
    .describe("An organization Admin API key as this package returns it. Timestamps are Unix seconds.");
export type AdminApiKey = z.infer<typeof AdminApiKey>;

/**
 * Converts a validated wire key to the camelCase shape. Owners are interned in `owners` (one
 * frozen object per distinct owner of a listing): an organization has few owners and may have
 * 100,000 keys. @internal
 */
export function fromWire(key: AdminApiKeyWire, owners?: Map<string, AdminApiKeyOwner>): AdminApiKey {
    const wireOwner = key.owner ?? {};
    const owner: AdminApiKeyOwner = {
        type: wireOwner.type ?? null,
        id: wireOwner.id ?? null,
        name: wireOwner.name ?? null,
        role: wireOwner.role ?? null,
        createdAt: wireOwner.created_at ?? null,
    };
    const shared = interned(owner, owners as Map<string, unknown> | undefined, "admin-key-owner");
    return {
        id: key.id,
        name: key.name ?? null,
        redactedValue: key.redacted_value,
        createdAt: key.created_at,
        lastUsedAt: key.last_used_at ?? null,
        expiresAt: key.expires_at ?? null,
        owner: shared,
    };
}

/** `GET /organization/admin_api_keys`: ordered by creation, so it can be read from both ends. */
export const ADMIN_API_KEYS: Endpoint<AdminApiKey> = {
    path: "/organization/admin_api_keys",
    scope: "/organization/admin_api_keys",
    ordered: true,
    label: "admin key listing",
    items: "keys",
    item: "Key",
    wire: AdminApiKeyWire,
    convert: (wire, shared) => fromWire(wire as AdminApiKeyWire, shared as Map<string, AdminApiKeyOwner>),
};
