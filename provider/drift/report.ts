/**
 * Drift between a recorded inventory (the stack's state) and the live organization: keys created
 * outside code, keys deleted outside code, and changed names, owners and expiries. Usage moving is
 * not drift: it is reported apart, so a report of "no drift" means nobody changed the keys.
 */
import { inertJson, markdownCell, quoteForTerminal } from "../internal/terminal-text";
import type { Inventory, InventoryKey } from "../inventory/state";
import { byCreation, ownerText } from "../internal/keys";
import type { EstateInventory } from "../inventory/recorded-estate";
import { compareEstates, EstateDrift, isEstate } from "./estate-drift";
import { compareById } from "./compare-by-id";
import { renderEstateDriftLines, renderEstateMarkdown } from "./estate-render";

/** A key as named in a report: its owner as text (`Alice (user, user_abc)`), null when unknown. */
export type DriftKey = Pick<InventoryKey, "id" | "name" | "createdAt"> & { readonly owner: string | null };

/** One changed field of a key. */
export interface FieldChange {
    readonly field: "name" | "owner" | "expiresAt" | "redactedValue" | "createdAt";
    readonly before: string | number | null;
    readonly after: string | number | null;
}

/** A key present on both sides with real changes. */
export interface ChangedKey extends DriftKey {
    readonly changes: readonly FieldChange[];
}

/** A key whose only change is its recorded usage. */
export interface UsageChange extends DriftKey {
    readonly before: { readonly usage: string; readonly lastUsedAt: number | null };
    readonly after: { readonly usage: string; readonly lastUsedAt: number | null };
}

/** What {@link compareInventories} returns. */
export interface DriftReport {
    /** ISO time the report was made. */
    readonly generatedAt: string;
    readonly baseUrl: string | null;
    readonly organization: string | null;
    readonly recordedCount: number;
    readonly liveCount: number;
    /** In the organization, not in the record: created outside code. */
    readonly unmanaged: readonly DriftKey[];
    /** In the record, gone from the organization: deleted outside code. */
    readonly missing: readonly DriftKey[];
    /** On both sides with changed name, owner, expiry, redacted value or creation time. */
    readonly changed: readonly ChangedKey[];
    /** On both sides, only usage moved (never / recent / stale). Not drift. */
    readonly usageOnly: readonly UsageChange[];
    readonly counts: {
        readonly unmanaged: number;
        readonly missing: number;
        readonly changed: number;
        readonly usageOnly: number;
    };
    /** The estate's projects, keys and service accounts, when an estate inventory was compared. */
    readonly estate?: EstateDrift;
    /** True when there are unmanaged, missing or changed keys (or estate drift). */
    readonly hasDrift: boolean;
}

/** Either recorded inventory: the admin keys' (`keys`) or the estate's (`adminKeys` and `projects`). */
export type ComparedInventory =
    | (Pick<Inventory, "keys"> & Partial<Inventory>)
    | (Pick<EstateInventory, "adminKeys" | "projects"> & Partial<EstateInventory>);

type Keys = Readonly<Record<string, InventoryKey>>;

const owner = (k: InventoryKey) => ownerText(k.owner, { withId: true });
const summary = (k: InventoryKey): DriftKey => ({
    id: k.id,
    name: k.name,
    owner: owner(k),
    createdAt: k.createdAt,
});

/** What changed of an admin key present on both sides. */
function keyChanges(b: InventoryKey, a: InventoryKey): FieldChange[] {
    const changes: FieldChange[] = [];
    if (b.name !== a.name) changes.push({ field: "name", before: b.name, after: a.name });
    if (owner(b) !== owner(a) || b.owner.role !== a.owner.role)
        changes.push({ field: "owner", before: owner(b), after: owner(a) });
    if (b.expiresAt !== a.expiresAt) changes.push({ field: "expiresAt", before: b.expiresAt, after: a.expiresAt });
    if (b.redactedValue !== a.redactedValue)
        changes.push({ field: "redactedValue", before: b.redactedValue, after: a.redactedValue });
    if (b.createdAt !== a.createdAt) changes.push({ field: "createdAt", before: b.createdAt, after: a.createdAt });
    return changes;
}

/**
 * Compares what the stack recorded with the live inventory.
 *
 * @example
 * ```ts
 * const live = toInventory((await listAdminApiKeys()).keys, { baseUrl, providerVersion: VERSION });
 * const report = compareInventories(recorded, live);
 * if (report.hasDrift) console.log(renderDriftMarkdown(report));
 * ```
 */
export function compareInventories(
    recorded: ComparedInventory,
    live: ComparedInventory,
    now: Date = new Date(),
): DriftReport {
    const adminKeys = (inv: ComparedInventory): Keys =>
        ("keys" in inv ? inv.keys : "adminKeys" in inv ? inv.adminKeys : undefined) ?? {};
    const before: Keys = adminKeys(recorded);
    const after: Keys = adminKeys(live);
    const usageOnly: UsageChange[] = [];
    const {
        created: unmanaged,
        deleted: missing,
        changed,
    } = compareById(before, after, summary, keyChanges, (b, a) => {
        if (b.usage !== a.usage || b.lastUsedAt !== a.lastUsedAt)
            usageOnly.push({
                ...summary(a),
                before: { usage: b.usage, lastUsedAt: b.lastUsedAt },
                after: { usage: a.usage, lastUsedAt: a.lastUsedAt },
            });
    });
    usageOnly.sort(byCreation);
    const counts = {
        unmanaged: unmanaged.length,
        missing: missing.length,
        changed: changed.length,
        usageOnly: usageOnly.length,
    };
    const estate =
        isEstate(recorded) || isEstate(live)
            ? compareEstates(isEstate(recorded) ? recorded : { projects: {} }, isEstate(live) ? live : { projects: {} })
            : undefined;
    return {
        generatedAt: now.toISOString(),
        baseUrl: live.baseUrl ?? recorded.baseUrl ?? null,
        organization: live.organization ?? recorded.organization ?? null,
        recordedCount: Object.keys(before).length,
        liveCount: Object.keys(after).length,
        unmanaged,
        missing,
        changed,
        usageOnly,
        counts,
        ...(estate ? { estate } : {}),
        hasDrift: counts.unmanaged + counts.missing + counts.changed > 0 || !!estate?.hasDrift,
    };
}

/** Server text in a report: always a code span (see markdownCell), never Markdown of its own. */
const md = markdownCell;
const when = (t: string | number | null, field?: string) =>
    t === null
        ? field === "expiresAt"
            ? "never"
            : "_none_"
        : typeof t === "number"
          ? new Date(t * 1000).toISOString().slice(0, 10)
          : md(t);

/** Renders a report as Markdown for a pull-request comment. */
export function renderDriftMarkdown(report: DriftReport): string {
    const lines: string[] = [];
    const where = `${report.baseUrl === null ? "OpenAI" : md(report.baseUrl)}${report.organization ? ` (organization ${md(report.organization)})` : ""}`;
    const title = report.estate ? "OpenAI organization keys" : "OpenAI admin API keys";
    lines.push(`### ${title}: ${report.hasDrift ? "drift detected" : "no drift"}`);
    lines.push("");
    lines.push(
        `${report.estate ? "Admin API keys: " : ""}${report.liveCount} keys live, ${report.recordedCount} recorded in the stack, at ${where}. ` +
            `**${report.counts.unmanaged}** created outside code, **${report.counts.missing}** deleted outside code, **${report.counts.changed}** changed` +
            `${report.counts.usageOnly ? `; ${report.counts.usageOnly} with usage changes only (not drift)` : ""}.`,
    );
    const table = (title: string, rows: DriftKey[]) => {
        if (!rows.length) return;
        lines.push("", `#### ${title}`, "", "| id | name | owner | created |", "|---|---|---|---|");
        for (const k of rows) lines.push(`| ${md(k.id)} | ${md(k.name)} | ${md(k.owner)} | ${when(k.createdAt)} |`);
    };
    table("Created outside code (not in the stack)", [...report.unmanaged]);
    table("Deleted outside code (recorded, gone)", [...report.missing]);
    if (report.changed.length) {
        lines.push(
            "",
            "#### Changed outside code",
            "",
            "| id | name | field | recorded | live |",
            "|---|---|---|---|---|",
        );
        for (const k of report.changed)
            for (const c of k.changes)
                lines.push(
                    `| ${md(k.id)} | ${md(k.name)} | ${c.field} | ${when(c.before, c.field)} | ${when(c.after, c.field)} |`,
                );
    }
    if (report.usageOnly.length) {
        lines.push(
            "",
            `<details><summary>Usage changes only (${report.usageOnly.length}, not drift)</summary>`,
            "",
            "| id | name | recorded | live |",
            "|---|---|---|---|",
        );
        const u = (x: { usage: string; lastUsedAt: number | null }) =>
            x.lastUsedAt === null ? x.usage : `${x.usage}, last used ${when(x.lastUsedAt)}`;
        for (const k of report.usageOnly)
            lines.push(`| ${md(k.id)} | ${md(k.name)} | ${u(k.before)} | ${u(k.after)} |`);
        lines.push("", "</details>");
    }
    if (report.estate) lines.push(...renderEstateMarkdown(report.estate));
    if (report.hasDrift)
        lines.push(
            "",
            "Bring the stack up to date with `pulumi up` (or `pulumi refresh`) once the changes are understood.",
        );
    lines.push("", `<sub>Generated ${report.generatedAt} by pulumi-openai-admin-keys.</sub>`);
    return lines.join("\n") + "\n";
}

const plain = (v: string | number | null, field?: string) =>
    typeof v === "number"
        ? new Date(v * 1000).toISOString().slice(0, 10)
        : v === null && field === "expiresAt"
          ? "never"
          : quoteForTerminal(v);

/**
 * Renders the drift of a report as plain lines for a terminal or a CI log, one per key, with every
 * server-provided text quoted and escaped (see `quoteForTerminal`). Empty when there is no drift.
 */
export function renderDriftLines(report: DriftReport): string[] {
    const who = (k: DriftKey) => `${quoteForTerminal(k.id)} ${quoteForTerminal(k.name)}`;
    // In an estate, admin keys are one kind among several: their lines say so.
    const admin = report.estate ? "admin key " : "";
    return [
        ...report.unmanaged.map((k) => `${admin}created outside code: ${who(k)}, owner ${quoteForTerminal(k.owner)}`),
        ...report.missing.map((k) => `${admin}deleted outside code: ${who(k)}`),
        ...report.changed.map(
            (k) =>
                `${admin}changed outside code: ${who(k)}: ${k.changes.map((c) => `${c.field} ${plain(c.before, c.field)} -> ${plain(c.after, c.field)}`).join("; ")}`,
        ),
        ...(report.estate ? renderEstateDriftLines(report.estate) : []),
    ];
}

/** Renders a report as JSON (stable field order, two-space indent), inert in a terminal. */
export function renderDriftJson(report: DriftReport): string {
    return inertJson(report) + "\n";
}
