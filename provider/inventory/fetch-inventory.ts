/**
 * The live inventory: a complete listing recorded as the inventory resource records it. Used by
 * the inventory's provider and by the drift command, so both compare like with like.
 */
import type { ConfigLookup } from "../internal/connection";
import { listAdminApiKeys, programConfig } from "../list-admin-api-keys";
import { VERSION } from "../version";
import { DEFAULT_RECENT_USAGE_DAYS, Inventory, toInventory } from "./state";

/** Where to list and how to record usage; unset fields fall back as in the data source. */
export interface FetchInventoryArgs {
    readonly baseUrl?: string;
    readonly organization?: string | null;
    readonly recentUsageDays?: number;
    /** The admin key, if given; else `openai:adminKey` from `config`, then OPENAI_ADMIN_KEY. */
    readonly adminKey?: string;
}

/** Lists every key (fail-closed) and records it as of now. */
export async function fetchInventory(a: FetchInventoryArgs, config: ConfigLookup = programConfig): Promise<Inventory> {
    const listing = await listAdminApiKeys(
        { adminKey: a.adminKey, baseUrl: a.baseUrl, organization: a.organization ?? undefined, order: "asc" },
        config,
    );
    return toInventory(listing.keys, {
        baseUrl: listing.baseUrl,
        organization: listing.organization ?? null,
        recentUsageDays: a.recentUsageDays ?? DEFAULT_RECENT_USAGE_DAYS,
        providerVersion: VERSION,
    });
}
