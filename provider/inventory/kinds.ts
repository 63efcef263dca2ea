/**
 * The two inventories, as the shared provider (provider.ts) sees them: what each takes, lists,
 * records and reports. The admin-key inventory records the organization's admin keys; the estate
 * inventory records every project's API keys and service accounts beside them.
 */
import type { ConfigLookup } from "../listing/connection";
import { compareInventories, renderDriftLines } from "../drift/report";
import { shortHash } from "../internal/keys";
import { shownId } from "../internal/terminal-text";
import { LIST_OPTION_LIMITS } from "../options";
import { fetchInventory } from "./fetch-inventory";
import type { EstateInventory } from "./recorded-estate";
import { Inventory, SCHEMA_VERSION } from "./state";

/** One inventory: its arguments, its listing, and how its record is named and compared. */
export interface InventoryKind<Recorded extends object> {
    /** The resource's name, for messages. */
    readonly resource: string;
    /** Every argument it takes (the admin key apart). */
    readonly args: readonly string[];
    readonly wholeNumbers: readonly (readonly [string, number, number])[];
    readonly strings: readonly string[];
    readonly booleans: readonly string[];
    /** The recorded field whose presence says check already listed. */
    readonly recordedField: string;
    /** What drift lines start with. */
    readonly driftPrefix: string;
    /** Lists and records, as of now. `phase` says which call asks (check may reuse this run's listing). */
    fetch(args: Record<string, unknown>, config: ConfigLookup, phase: "check" | "create" | "read"): Promise<Recorded>;
    idOf(recorded: Recorded): string;
    /** The recorded inventory among what the engine sent back. */
    outputs(props: Record<string, unknown>): Recorded;
    /** Drift lines between what the stack recorded and the live record. */
    driftLines(recorded: Recorded, live: Recorded): string[];
    /** What holds an id Pulumi cannot record (`__proto__`), if anything. */
    unrecordable(recorded: Recorded): string | undefined;
}

const CONNECTION = ["baseUrl", "organization"] as const;
const RECENT_USAGE_DAYS = ["recentUsageDays", 1, 365] as const;
const PAGE_SIZE = ["pageSize", 1, LIST_OPTION_LIMITS.pageSize] as const;
const idFor = (prefix: string, r: { baseUrl: string; organization: string | null }) =>
    `${prefix}-${shortHash(JSON.stringify([r.baseUrl, r.organization]), 12)}`;
const pick = <T>(props: Record<string, unknown>, names: readonly string[]): T =>
    Object.fromEntries(names.map((n) => [n, props[n]])) as T;

/** The AdminApiKeyInventory. */
export const ADMIN_KEY_INVENTORY: InventoryKind<Inventory> = {
    resource: "AdminApiKeyInventory",
    args: [...CONNECTION, "recentUsageDays", "pageSize"],
    wholeNumbers: [RECENT_USAGE_DAYS, PAGE_SIZE],
    strings: CONNECTION,
    booleans: [],
    recordedField: "keys",
    driftPrefix: "admin key drift",
    fetch: (args, config) => fetchInventory(args, config),
    idOf: (inv) => idFor("admin-api-keys", inv),
    outputs: (props) => {
        const inv = pick<Inventory>(props, [
            "baseUrl",
            "organization",
            "recentUsageDays",
            "keys",
            "ids",
            "count",
            "providerVersion",
            "schemaVersion",
        ]);
        return { ...inv, organization: inv.organization ?? null, schemaVersion: inv.schemaVersion ?? SCHEMA_VERSION };
    },
    driftLines: (recorded, live) => renderDriftLines(compareInventories({ keys: recorded.keys }, live)),
    unrecordable: (inv) => (Object.hasOwn(inv.keys, "__proto__") ? "The organization has an admin key" : undefined),
};

/** The OrganizationApiKeyInventory. */
export const ESTATE_INVENTORY: InventoryKind<EstateInventory> = {
    resource: "OrganizationApiKeyInventory",
    args: [...CONNECTION, "recentUsageDays", "pageSize", "includeArchived", "concurrency"],
    wholeNumbers: [RECENT_USAGE_DAYS, PAGE_SIZE, ["concurrency", 1, 32]],
    strings: CONNECTION,
    booleans: ["includeArchived"],
    recordedField: "projects",
    driftPrefix: "estate drift",
    // check reuses a listing of the same CLI run (a preview's, in `pulumi up`); see same-run.ts.
    fetch: (args, config, phase) => {
        const { fetchEstateInventory } = require("./fetch-estate") as typeof import("./fetch-estate");
        return fetchEstateInventory(args, config, { sameRun: phase !== "create" });
    },
    idOf: (inv) => idFor("organization-api-keys", inv),
    outputs: (props) => {
        const inv = pick<EstateInventory>(props, [
            "baseUrl",
            "organization",
            "recentUsageDays",
            "includeArchived",
            "adminKeys",
            "projects",
            "counts",
            "providerVersion",
            "schemaVersion",
        ]);
        return { ...inv, organization: inv.organization ?? null, schemaVersion: inv.schemaVersion ?? SCHEMA_VERSION };
    },
    driftLines: (recorded, live) =>
        renderDriftLines(
            compareInventories({ adminKeys: recorded.adminKeys ?? {}, projects: recorded.projects }, live),
        ),
    unrecordable: (inv) => {
        if (Object.hasOwn(inv.adminKeys, "__proto__")) return "The organization has an admin key";
        if (Object.hasOwn(inv.projects, "__proto__")) return "The organization has a project";
        for (const p of Object.values(inv.projects)) {
            if (Object.hasOwn(p.apiKeys, "__proto__")) return `Project ${shownId(p.id)} has an API key`;
            if (p.serviceAccounts && Object.hasOwn(p.serviceAccounts, "__proto__"))
                return `Project ${shownId(p.id)} has a service account`;
        }
        return undefined;
    },
};
