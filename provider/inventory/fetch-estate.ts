/**
 * The live estate as the OrganizationApiKeyInventory records it: one complete listing (fail-closed)
 * recorded as of now, used by the inventory's provider and by the drift command alike.
 */
import type { ConfigLookup } from "../listing/connection";
import { resolveConnection } from "../listing/connection";
import { programConfig } from "../listing-args";
import { VERSION } from "../version";
import { EstateInventory } from "./recorded-estate";
import { EstateInventoryArgs, toEstateInventory } from "./estate-state";
import { DEFAULT_RECENT_USAGE_DAYS } from "./state";
import { pulumiRun, readSameRun, writeSameRun } from "./same-run";

/** How a fetch may reuse a listing of the same Pulumi command (see same-run.ts). */
export interface EstateFetchOptions {
    /** Reuse and keep listings of the same CLI run (the inventory's provider; default false). */
    readonly sameRun?: boolean;
    /** What happened, for tests and logs: "listed" or "reused". */
    readonly onSource?: (source: "listed" | "reused") => void;
}

/** Lists the whole estate (fail-closed) and records it as of now; unset arguments fall back as in the data source. */
export async function fetchEstateInventory(
    args: EstateInventoryArgs,
    config: ConfigLookup = programConfig,
    options: EstateFetchOptions = {},
): Promise<EstateInventory> {
    const { listOrganizationApiKeys } =
        require("../list-organization-api-keys") as typeof import("../list-organization-api-keys");
    const includeArchived = args.includeArchived ?? true;
    const recentUsageDays = args.recentUsageDays ?? DEFAULT_RECENT_USAGE_DAYS;
    const run = options.sameRun ? pulumiRun() : undefined;
    let key: Parameters<typeof readSameRun>[0] | undefined;
    if (run !== undefined) {
        const conn = resolveConnection(args, config);
        key = {
            run,
            adminKey: conn.adminKey,
            listing: [conn.baseUrl, conn.organization ?? null, includeArchived, recentUsageDays, VERSION],
        };
        const kept = readSameRun(key, (v) => {
            const parsed = EstateInventory.safeParse(v);
            return parsed.success ? parsed.data : undefined;
        });
        if (kept) {
            options.onSource?.("reused");
            return kept;
        }
    }
    const estate = await listOrganizationApiKeys(
        {
            adminKey: args.adminKey,
            baseUrl: args.baseUrl,
            organization: args.organization,
            includeArchived,
            ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
            ...(args.pageSize !== undefined ? { listOptions: { pageSize: args.pageSize } } : {}),
        },
        config,
    );
    const inventory = toEstateInventory(estate, { includeArchived, recentUsageDays, providerVersion: VERSION });
    options.onSource?.("listed");
    if (key) writeSameRun(key, inventory);
    return inventory;
}
