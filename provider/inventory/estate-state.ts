/**
 * The recorded estate (see recorded-estate.ts for its shape): what the OrganizationApiKeyInventory
 * keeps in the stack, built from a complete estate listing.
 */
import type { OrganizationApiKeys } from "../list-organization-api-keys";
import type { ProjectApiKey } from "../project-api-key";
import { byCreation } from "../internal/keys";
import { isArchived } from "../internal/archived";
import type { EstateInventory, RecordedProject, RecordedProjectApiKey } from "./recorded-estate";
import { DEFAULT_RECENT_USAGE_DAYS, InventoryArgs, recordKey, recordUsage, SCHEMA_VERSION } from "./state";

export type { EstateInventory } from "./recorded-estate";

/** The estate inventory's arguments: those of the admin-key inventory, and which projects to list how. */
export interface EstateInventoryArgs extends InventoryArgs {
    /** Record archived projects too (default `true`: they may still hold keys). */
    readonly includeArchived?: boolean;
    /** Listings in flight at once, across projects and endpoints (1 to 32, default 12). */
    readonly concurrency?: number;
}

/** Records one project key as of `now` (Unix seconds). */
export function recordProjectKey(key: ProjectApiKey, now: number, recentUsageDays: number): RecordedProjectApiKey {
    return {
        id: key.id,
        name: key.name,
        redactedValue: key.redactedValue,
        createdAt: key.createdAt,
        ...recordUsage(key.lastUsedAt, now, recentUsageDays),
        ownerProjectAccess: key.ownerProjectAccess,
        owner: { ...key.owner },
    };
}

// fromEntries makes own properties whatever the id ("__proto__", "constructor"): ids are data.
const byId = <T extends { id: string; createdAt: number }>(items: readonly T[]): Record<string, T> =>
    Object.fromEntries([...items].sort(byCreation).map((x) => [x.id, x]));

/** Builds the recorded estate of a complete listing. */
export function toEstateInventory(
    estate: Pick<OrganizationApiKeys, "adminKeys" | "projects" | "baseUrl" | "organization">,
    recorded: {
        readonly recentUsageDays?: number;
        readonly includeArchived: boolean;
        /** Unix seconds; default now. */
        readonly now?: number;
        readonly providerVersion: string;
    },
): EstateInventory {
    const now = recorded.now ?? Math.floor(Date.now() / 1000);
    const days = recorded.recentUsageDays ?? DEFAULT_RECENT_USAGE_DAYS;
    const projects: RecordedProject[] = estate.projects.map(({ project, apiKeys, serviceAccounts }) => ({
        ...project,
        apiKeys: byId(apiKeys.map((k) => recordProjectKey(k, now, days))),
        serviceAccounts: serviceAccounts === null ? null : byId(serviceAccounts.map((a) => ({ ...a }))),
        counts: {
            apiKeys: apiKeys.length,
            serviceAccounts: serviceAccounts?.length ?? 0,
            ownerWithoutAccess: apiKeys.filter((k) => k.ownerProjectAccess === "inactive").length,
        },
    }));
    const sum = (f: (p: RecordedProject) => number) => projects.reduce((n, p) => n + f(p), 0);
    return {
        baseUrl: estate.baseUrl,
        organization: estate.organization ?? null,
        recentUsageDays: days,
        includeArchived: recorded.includeArchived,
        adminKeys: byId(estate.adminKeys.map((k) => recordKey(k, now, days))),
        projects: byId(projects),
        counts: {
            projects: projects.length,
            archivedProjects: projects.filter(isArchived).length,
            adminKeys: estate.adminKeys.length,
            projectApiKeys: sum((p) => p.counts.apiKeys),
            serviceAccounts: sum((p) => p.counts.serviceAccounts),
            ownerWithoutAccess: sum((p) => p.counts.ownerWithoutAccess),
        },
        providerVersion: recorded.providerVersion,
        schemaVersion: SCHEMA_VERSION,
    };
}
