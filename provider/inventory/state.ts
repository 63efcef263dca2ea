/**
 * The recorded inventory: what the AdminApiKeyInventory resource keeps in the stack, and what
 * policies and drift reports read.
 *
 * Keys are a map keyed by id, so a new key adds one entry instead of shifting every other one, and
 * `pulumi preview` shows drift key by key.
 *
 * Usage is recorded so that normal use of a key never shows as a change: a key used within the
 * last `recentUsageDays` (default 7) is recorded as `usage: "recent"` with no timestamp, however
 * often it is used. A key not used for longer is `"stale"` with `lastUsedAt` at day granularity
 * (UTC midnight), which stays constant while the key stays unused. So the record changes only when
 * a key goes from recent to stale (it stopped being used: policy-relevant) or back (it was used
 * again), and "unused for N days" policies are exact to the day for any N >= recentUsageDays.
 */
import type { AdminApiKey, AdminApiKeyOwner } from "../admin-api-key";
import { byCreation, DAY_SECONDS } from "../internal/keys";

export { DAY_SECONDS } from "../internal/keys";
/** Recorded-state layout version; newer code reads every older layout. */
export const SCHEMA_VERSION = 1;
/** Default window within which use is recorded only as "recent". */
export const DEFAULT_RECENT_USAGE_DAYS = 7;

/** How a key has been used, as recorded. */
export type KeyUsage = "never" | "recent" | "stale";

/**
 * One key as recorded in the stack: the data source's `AdminApiKey` fields, with usage recorded as
 * described above (`usage`, and `lastUsedAt` only for stale keys). No secret: `redactedValue` is
 * what OpenAI shows of it.
 */
export type InventoryKey = Readonly<Omit<AdminApiKey, "lastUsedAt" | "owner">> & {
    readonly usage: KeyUsage;
    /** UTC day (Unix seconds at midnight) of the last use, for `stale` keys only; otherwise `null`. */
    readonly lastUsedAt: number | null;
    readonly owner: Readonly<AdminApiKeyOwner>;
};

/**
 * The inventory's arguments: one declaration, which the resource (as Pulumi inputs), its provider
 * and the drift command's live listing derive theirs from.
 */
export interface InventoryArgs {
    /** API root; default `openai:baseUrl`, then `OPENAI_BASE_URL`, then `https://api.openai.com/v1`. */
    readonly baseUrl?: string;
    /** Organization id; default `openai:organization`, then `OPENAI_ORG_ID`. */
    readonly organization?: string;
    /** Use within this many days is recorded as `recent`, without a timestamp (default 7; 1 to 365). */
    readonly recentUsageDays?: number;
    /**
     * Keys asked for per page (default 100; 1 to 1000). A server that refuses a page size is
     * followed down to 20 on its own; set this only to ask for less from the start.
     */
    readonly pageSize?: number;
    /**
     * The admin key; default `openai:adminKey` (set it as a secret), then `OPENAI_ADMIN_KEY` in the
     * environment of `pulumi`. The provider uses it to list keys during `check` and drops it: it is
     * never an output, never in the state, and rotating it changes nothing in the stack.
     */
    readonly adminKey?: string;
}

/** The recorded inventory (the resource's checked inputs and outputs). */
export interface Inventory {
    readonly baseUrl: string;
    readonly organization: string | null;
    readonly recentUsageDays: number;
    /** Every key, by id. */
    readonly keys: Readonly<Record<string, InventoryKey>>;
    /** Key ids, oldest first. */
    readonly ids: readonly string[];
    readonly count: number;
    /** Version of this package that recorded it; an upgrade shows as a change, never silently. */
    readonly providerVersion: string;
    readonly schemaVersion: number;
}

/**
 * Usage as recorded as of `now` (Unix seconds): `recent` without a timestamp within `recentUsageDays`,
 * else `stale` with the day of the last use. Admin keys and project keys are recorded alike.
 */
export function recordUsage(
    lastUsedAt: number | null,
    now: number,
    recentUsageDays: number,
): { usage: KeyUsage; lastUsedAt: number | null } {
    if (lastUsedAt === null) return { usage: "never", lastUsedAt: null };
    if (now - lastUsedAt < recentUsageDays * DAY_SECONDS) return { usage: "recent", lastUsedAt: null };
    return { usage: "stale", lastUsedAt: Math.floor(lastUsedAt / DAY_SECONDS) * DAY_SECONDS };
}

/** Records one key as of `now` (Unix seconds). */
export function recordKey(key: AdminApiKey, now: number, recentUsageDays: number): InventoryKey {
    return {
        id: key.id,
        name: key.name,
        redactedValue: key.redactedValue,
        createdAt: key.createdAt,
        expiresAt: key.expiresAt,
        ...recordUsage(key.lastUsedAt, now, recentUsageDays),
        owner: {
            type: key.owner.type,
            id: key.owner.id,
            name: key.owner.name,
            role: key.owner.role,
            createdAt: key.owner.createdAt,
        },
    };
}

/** Builds the inventory of a complete listing. */
export function toInventory(
    keys: readonly AdminApiKey[],
    recorded: Omit<InventoryArgs, "adminKey" | "organization"> & {
        readonly baseUrl: string;
        readonly organization?: string | null;
        /** Unix seconds; default now. */
        readonly now?: number;
        readonly providerVersion: string;
    },
): Inventory {
    const now = recorded.now ?? Math.floor(Date.now() / 1000);
    const recentUsageDays = recorded.recentUsageDays ?? DEFAULT_RECENT_USAGE_DAYS;
    const sorted = [...keys].sort(byCreation);
    // fromEntries makes own properties whatever the id ("__proto__", "constructor"): ids are data.
    const map: Record<string, InventoryKey> = Object.fromEntries(
        sorted.map((k) => [k.id, recordKey(k, now, recentUsageDays)]),
    );
    return {
        baseUrl: recorded.baseUrl,
        organization: recorded.organization ?? null,
        recentUsageDays,
        keys: map,
        ids: sorted.map((k) => k.id),
        count: sorted.length,
        providerVersion: recorded.providerVersion,
        schemaVersion: SCHEMA_VERSION,
    };
}
