/**
 * Local filters over a complete listing. They run client-side, after every page has been read:
 * the API has no server-side filters, so a filter never saves requests, and a filtered result is
 * still drawn from a complete list. They are checked before the listing starts.
 */
import type { AdminApiKey } from "./admin-api-key";
import { ConfigurationError } from "./errors";
import { checkStringList } from "./internal/check-args";
import { safePattern, SafePattern } from "./internal/safe-pattern";

/** Client-side filters; a key must pass all that are set. */
export interface AdminApiKeyFilters {
    /**
     * JavaScript regular expression the key's name must match (keys without a name never match).
     * It runs under a time budget (1 s for all names): one that backtracks catastrophically on some
     * name fails with a `ConfigurationError` instead of hanging.
     */
    readonly nameRegex?: string;
    /** Owner types to keep, e.g. `["user"]` or `["service_account"]`. */
    readonly ownerTypes?: readonly string[];
    /** Owner ids to keep, e.g. `["user_abc"]`. */
    readonly ownerIds?: readonly string[];
}

/** Filters checked and ready to apply. */
export interface CheckedFilters {
    readonly pattern?: SafePattern;
    readonly types?: ReadonlySet<string>;
    readonly ids?: ReadonlySet<string>;
}

const fail = (m: string) => new ConfigurationError(m);

/** Checks the filters' types and the pattern, before anything is listed. Throws ConfigurationError. */
export function checkFilters(filters: AdminApiKeyFilters): CheckedFilters {
    checkStringList(filters.ownerTypes, "ownerTypes", fail);
    checkStringList(filters.ownerIds, "ownerIds", fail);
    return {
        pattern: filters.nameRegex === undefined ? undefined : safePattern(filters.nameRegex, "nameRegex", fail),
        types: filters.ownerTypes ? new Set(filters.ownerTypes) : undefined,
        ids: filters.ownerIds ? new Set(filters.ownerIds) : undefined,
    };
}

/** Returns the keys passing `filters`, in their original order. Throws ConfigurationError for bad filters. */
export function applyFilters(keys: readonly AdminApiKey[], filters: AdminApiKeyFilters): AdminApiKey[] {
    return filterKeys(keys, checkFilters(filters));
}

/** The keys passing filters already checked with {@link checkFilters}. */
export function filterKeys(keys: readonly AdminApiKey[], { pattern, types, ids }: CheckedFilters): AdminApiKey[] {
    if (!pattern && !types && !ids) return keys.slice();
    const named = pattern ? pattern.matches(keys.map((k) => k.name)) : undefined;
    return keys.filter(
        (k, i) =>
            (!named || named[i]) &&
            (!types || (k.owner.type !== null && types.has(k.owner.type))) &&
            (!ids || (k.owner.id !== null && ids.has(k.owner.id))),
    );
}
