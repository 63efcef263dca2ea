/**
 * Local filters over a complete listing. They run client-side, after every page has been read:
 * the API has no server-side filters, so a filter never saves requests, and a filtered result is
 * still drawn from a complete list.
 */
import type { AdminApiKey } from "./admin-api-key";
import { ConfigurationError } from "./errors";

/** Client-side filters; a key must pass all that are set. */
export interface AdminApiKeyFilters {
    /** JavaScript regular expression the key's name must match (keys without a name never match). */
    readonly nameRegex?: string;
    /** Owner types to keep, e.g. `["user"]` or `["service_account"]`. */
    readonly ownerTypes?: readonly string[];
    /** Owner ids to keep, e.g. `["user_abc"]`. */
    readonly ownerIds?: readonly string[];
}

/** Returns the keys passing `filters`, in their original order. Throws ConfigurationError for a bad regex. */
export function applyFilters(keys: readonly AdminApiKey[], filters: AdminApiKeyFilters): AdminApiKey[] {
    let re: RegExp | undefined;
    if (filters.nameRegex !== undefined) {
        try {
            re = new RegExp(filters.nameRegex);
        } catch (e) {
            throw new ConfigurationError(
                `nameRegex "${filters.nameRegex}" is not a valid regular expression: ${(e as Error).message}.`,
            );
        }
    }
    const types = filters.ownerTypes ? new Set(filters.ownerTypes) : undefined;
    const ids = filters.ownerIds ? new Set(filters.ownerIds) : undefined;
    if (!re && !types && !ids) return keys.slice();
    return keys.filter(
        (k) =>
            (!re || (k.name !== null && re.test(k.name))) &&
            (!types || (k.owner.type !== null && types.has(k.owner.type))) &&
            (!ids || (k.owner.id !== null && ids.has(k.owner.id))),
    );
}
