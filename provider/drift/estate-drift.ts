/**
 * Drift of the estate: projects created, deleted or archived outside code, and per project the API
 * keys created, deleted and changed (an owner losing access included) and the service accounts.
 * Usage moving is not drift, as for admin keys: it is counted apart.
 */
import type { EstateInventory, RecordedProject, RecordedProjectApiKey } from "../inventory/recorded-estate";
import type { RecordedServiceAccount } from "../inventory/recorded-estate";
import { byCreation, ownerText } from "../internal/keys";
import { compareById, ItemDrift as ByIdDrift } from "./compare-by-id";
import { isArchived } from "../internal/archived";

/** One changed field. Timestamps are Unix seconds; owners are text (`Ada (user, user_abc)`). */
export interface EstateFieldChange {
    readonly field: string;
    readonly before: string | number | null;
    readonly after: string | number | null;
}

/** A project key as a report names it. */
export interface DriftProjectKey {
    readonly id: string;
    readonly name: string | null;
    readonly owner: string | null;
    readonly ownerProjectAccess: string;
    readonly createdAt: number;
}

/** A service account as a report names it. */
export interface DriftServiceAccount {
    readonly id: string;
    readonly name: string | null;
    readonly role: string | null;
    readonly createdAt: number;
}

/** Created, deleted and changed items of one kind in one project. */
export type ItemDrift<T> = ByIdDrift<T, EstateFieldChange>;

/** One project with drift. */
export interface ProjectDrift {
    readonly id: string;
    readonly name: string | null;
    readonly createdAt: number;
    /** `created`: live, not recorded; `deleted`: recorded, gone; `changed`: on both sides. */
    readonly change: "created" | "deleted" | "changed";
    /** Archived outside code (recorded active, live archived). */
    readonly archived: boolean;
    /** The project's own fields that changed (name, status, archivedAt). */
    readonly fields: readonly EstateFieldChange[];
    readonly apiKeys: ItemDrift<DriftProjectKey>;
    /** Keys whose only change is usage (not drift). */
    readonly usageOnly: number;
    readonly serviceAccounts: ItemDrift<DriftServiceAccount>;
}

/** The estate's part of a drift report. */
export interface EstateDrift {
    readonly recordedProjects: number;
    readonly liveProjects: number;
    /** Projects with drift, oldest first; projects without are only counted. */
    readonly projects: readonly ProjectDrift[];
    readonly counts: {
        readonly projectsCreated: number;
        readonly projectsDeleted: number;
        readonly projectsArchived: number;
        readonly projectsChanged: number;
        readonly keysCreated: number;
        readonly keysDeleted: number;
        readonly keysChanged: number;
        /** Keys whose owner lost access to the project since recorded. */
        readonly ownersLostAccess: number;
        readonly serviceAccountsCreated: number;
        readonly serviceAccountsDeleted: number;
        readonly serviceAccountsChanged: number;
        readonly usageOnly: number;
    };
    readonly hasDrift: boolean;
}

type Projects = Readonly<Record<string, RecordedProject>>;
type Item = { readonly id: string; readonly createdAt: number };

const keyOwner = (k: RecordedProjectApiKey) => ownerText(k.owner, { withId: true });
const keySummary = (k: RecordedProjectApiKey): DriftProjectKey => ({
    id: k.id,
    name: k.name,
    owner: keyOwner(k),
    ownerProjectAccess: k.ownerProjectAccess,
    createdAt: k.createdAt,
});
const accountSummary = (a: RecordedServiceAccount): DriftServiceAccount => ({
    id: a.id,
    name: a.name,
    role: a.role,
    createdAt: a.createdAt,
});

/** Fields compared, each as the report shows it. */
function fieldChanges<T>(b: T, a: T, fields: Readonly<Record<string, (x: T) => string | number | null>>) {
    const out: EstateFieldChange[] = [];
    for (const [field, get] of Object.entries(fields)) {
        const before = get(b);
        const after = get(a);
        if (before !== after) out.push({ field, before, after });
    }
    return out;
}

const KEY_FIELDS: Record<string, (k: RecordedProjectApiKey) => string | number | null> = {
    name: (k) => k.name,
    owner: (k) => keyOwner(k),
    ownerRole: (k) => k.owner.role,
    ownerProjectAccess: (k) => k.ownerProjectAccess,
    redactedValue: (k) => k.redactedValue,
    createdAt: (k) => k.createdAt,
};
const ACCOUNT_FIELDS: Record<string, (a: RecordedServiceAccount) => string | number | null> = {
    name: (a) => a.name,
    role: (a) => a.role,
    createdAt: (a) => a.createdAt,
};
const PROJECT_FIELDS: Record<string, (p: RecordedProject) => string | number | null> = {
    name: (p) => p.name,
    status: (p) => p.status,
    archivedAt: (p) => p.archivedAt,
    createdAt: (p) => p.createdAt,
};

/** Created, deleted and changed between two maps by id, fields compared as `fields` reads them. */
function compareItems<T extends Item, S extends Item>(
    before: Readonly<Record<string, T>>,
    after: Readonly<Record<string, T>>,
    summary: (x: T) => S,
    fields: Readonly<Record<string, (x: T) => string | number | null>>,
    onSame?: (b: T, a: T) => void,
): ItemDrift<S> {
    return compareById(before, after, summary, (b, a) => fieldChanges(b, a, fields), onSame);
}

const none = <T>(): ItemDrift<T> => ({ created: [], deleted: [], changed: [] });
const size = (d: ItemDrift<unknown>) => d.created.length + d.deleted.length + d.changed.length;

/** Compares the recorded projects with the live ones. */
export function compareEstates(
    recorded: { readonly projects: Projects },
    live: { readonly projects: Projects },
): EstateDrift {
    const before = recorded.projects ?? {};
    const after = live.projects ?? {};
    const out: ProjectDrift[] = [];
    let usageOnly = 0;
    const all = new Map<string, { b?: RecordedProject; a?: RecordedProject }>();
    for (const p of Object.values(before)) all.set(p.id, { b: p });
    for (const p of Object.values(after)) all.set(p.id, { ...all.get(p.id), a: p });
    for (const { b, a } of all.values()) {
        const p = (a ?? b)!;
        let projectUsage = 0;
        const keys = compareItems(b?.apiKeys ?? {}, a?.apiKeys ?? {}, keySummary, KEY_FIELDS, (x, y) => {
            if (x.usage !== y.usage || x.lastUsedAt !== y.lastUsedAt) projectUsage++;
        });
        usageOnly += projectUsage;
        const accounts =
            b?.serviceAccounts && a?.serviceAccounts
                ? compareItems(b.serviceAccounts, a.serviceAccounts, accountSummary, ACCOUNT_FIELDS)
                : // Archived projects' accounts are not listed: only a project's arrival or departure lists them.
                  !b && a?.serviceAccounts
                  ? compareItems({}, a.serviceAccounts, accountSummary, ACCOUNT_FIELDS)
                  : !a && b?.serviceAccounts
                    ? compareItems(b.serviceAccounts, {}, accountSummary, ACCOUNT_FIELDS)
                    : none<DriftServiceAccount>();
        const fields = b && a ? fieldChanges(b, a, PROJECT_FIELDS) : [];
        const change = !b ? "created" : !a ? "deleted" : "changed";
        if (change === "changed" && !fields.length && !size(keys) && !size(accounts)) continue;
        out.push({
            id: p.id,
            name: p.name,
            createdAt: p.createdAt,
            change,
            archived: !!b && !!a && !isArchived(b) && isArchived(a),
            fields,
            apiKeys: keys,
            usageOnly: projectUsage,
            serviceAccounts: accounts,
        });
    }
    out.sort(byCreation);
    const sum = (f: (p: ProjectDrift) => number) => out.reduce((n, p) => n + f(p), 0);
    const counts = {
        projectsCreated: out.filter((p) => p.change === "created").length,
        projectsDeleted: out.filter((p) => p.change === "deleted").length,
        projectsArchived: out.filter((p) => p.archived).length,
        projectsChanged: out.filter((p) => p.change === "changed" && p.fields.length > 0).length,
        keysCreated: sum((p) => p.apiKeys.created.length),
        keysDeleted: sum((p) => p.apiKeys.deleted.length),
        keysChanged: sum((p) => p.apiKeys.changed.length),
        ownersLostAccess: sum(
            (p) =>
                p.apiKeys.changed.filter((k) =>
                    k.changes.some((c) => c.field === "ownerProjectAccess" && c.after === "inactive"),
                ).length,
        ),
        serviceAccountsCreated: sum((p) => p.serviceAccounts.created.length),
        serviceAccountsDeleted: sum((p) => p.serviceAccounts.deleted.length),
        serviceAccountsChanged: sum((p) => p.serviceAccounts.changed.length),
        usageOnly,
    };
    return {
        recordedProjects: Object.keys(before).length,
        liveProjects: Object.keys(after).length,
        projects: out,
        counts,
        hasDrift: out.length > 0,
    };
}

/** Whether a recorded value is an estate inventory (it has projects) rather than an admin-key one. */
export function isEstate(value: unknown): value is Pick<EstateInventory, "projects"> {
    return !!value && typeof value === "object" && "projects" in value && !!(value as { projects?: unknown }).projects;
}
