/**
 * The listing behind everything else: the data source, the inventory resource and the drift CLI.
 */
import type { AdminApiKey } from "./admin-api-key";
import { ConfigurationError } from "./errors";
import { ConfigLookup, ConnectionArgs, resolveConnection } from "./listing/connection";
import type { ListingStats } from "./listing/fetch-page";
import { programConfig } from "./listing-args";
import { listOne } from "./listing/list-one";
import { ListOptionsInput, resolveListOptions } from "./options";
import { checkChoice, checkKnownNames, checkObject, checkString } from "./internal/check-args";
import type { Order } from "./admin-api-key";

/** Arguments of {@link listAdminApiKeys}. */
export interface ListAdminApiKeysArgs extends ConnectionArgs {
    /** Order by creation time: `asc` (oldest first, the API's default) or `desc`. */
    readonly order?: Order;
    /** Paging, retry and limit options; see `DEFAULT_LIST_OPTIONS`. */
    readonly options?: ListOptionsInput;
}

/** A complete listing and what it cost. */
export interface AdminApiKeyListing {
    /** Every key of the organization, in the requested order. */
    readonly keys: readonly AdminApiKey[];
    readonly order: Order;
    readonly baseUrl: string;
    readonly organization?: string;
    /** Requests, retries, 429s and pages of the listing (of the shared listing, when calls shared one). */
    readonly stats: Readonly<ListingStats>;
}

/**
 * Lists every Admin API key of the organization, across all pages, or throws an `OpenAIAdminError`.
 * Never returns a partial list. Works in plain Node as well as in Pulumi programs and providers.
 *
 * @param config Where Pulumi config comes from (`openai:adminKey`, ...); by default the running program's.
 * @example
 * ```ts
 * const { keys, stats } = await listAdminApiKeys({ order: "desc" });
 * console.log(`${keys.length} keys in ${stats.requests} requests`);
 * ```
 */
export async function listAdminApiKeys(
    args: ListAdminApiKeysArgs = {},
    config: ConfigLookup = programConfig,
): Promise<AdminApiKeyListing> {
    const fail = (m: string) => new ConfigurationError(m);
    checkObject(args, "listAdminApiKeys arguments", fail);
    checkKnownNames(args, ["adminKey", "baseUrl", "organization", "order", "options"], "listAdminApiKeys", fail);
    checkChoice(args.order, "order", ["asc", "desc"], fail);
    for (const name of ["adminKey", "baseUrl", "organization"] as const) checkString(args[name], name, fail);
    const order = args.order ?? "asc";
    const options = resolveListOptions(args.options, fail, "options");
    const conn = resolveConnection(args, config);
    // The schemas (zod) load with the first listing, not with the package: a policy check or a
    // drift report that lists nothing never pays for them.
    const { ADMIN_API_KEYS } = require("./admin-api-key") as typeof import("./admin-api-key");
    const listing = await listOne(conn, options, ADMIN_API_KEYS, {
        order,
        progressTitle: "Listing OpenAI admin API keys",
    });
    return {
        keys: listing.keys,
        order,
        baseUrl: conn.baseUrl,
        organization: conn.organization,
        stats: { ...listing.stats },
    };
}

export { programConfig };
