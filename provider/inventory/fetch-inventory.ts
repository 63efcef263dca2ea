/**
 * The live inventory: a complete listing recorded as the inventory resource records it. Used by
 * the inventory's provider and by the drift command, so both compare like with like.
 */
import type { ConfigLookup } from "../listing/connection";
import { listAdminApiKeys, programConfig } from "../list-admin-api-keys";
import { VERSION } from "../version";
import { DEFAULT_RECENT_USAGE_DAYS, Inventory, InventoryArgs, toInventory } from "./state";

/** Lists every key (fail-closed) and records it as of now; unset arguments fall back as in the data source. */
export async function fetchInventory(args: InventoryArgs, config: ConfigLookup = programConfig): Promise<Inventory> {
    const listing = await listAdminApiKeys(
        {
            adminKey: args.adminKey,
            baseUrl: args.baseUrl,
            organization: args.organization,
            order: "asc",
            ...(args.pageSize !== undefined ? { options: { pageSize: args.pageSize } } : {}),
        },
        config,
    );
    return toInventory(listing.keys, {
        baseUrl: listing.baseUrl,
        organization: listing.organization ?? null,
        recentUsageDays: args.recentUsageDays ?? DEFAULT_RECENT_USAGE_DAYS,
        providerVersion: VERSION,
    });
}
