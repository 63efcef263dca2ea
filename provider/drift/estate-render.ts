/**
 * The estate's drift as Markdown (a summary first, then one collapsible section per project with
 * drift, so 300 projects stay readable) and as plain lines for a terminal or CI log. Every text from
 * a server or a state file is inert: code spans in Markdown, entities in HTML, quoted and escaped
 * in lines.
 */
import { htmlText, markdownCell, quoteForTerminal, shownId } from "../internal/terminal-text";
import type { EstateDrift, EstateFieldChange, ItemDrift, ProjectDrift } from "./estate-drift";

const md = markdownCell;
const TIMESTAMPS = new Set(["createdAt", "archivedAt"]);
const cell = (c: EstateFieldChange, v: string | number | null) =>
    typeof v === "number" && TIMESTAMPS.has(c.field) ? new Date(v * 1000).toISOString().slice(0, 10) : md(v);
const plain = (field: string, v: string | number | null) =>
    typeof v === "number" && TIMESTAMPS.has(field)
        ? new Date(v * 1000).toISOString().slice(0, 10)
        : typeof v === "number"
          ? String(v)
          : quoteForTerminal(v);

/** What happened to a project, in a few words: `3 keys created, 1 owner lost access`. */
function projectSummary(p: ProjectDrift): string {
    const parts: string[] = [];
    if (p.change === "created") parts.push("project created outside code");
    if (p.change === "deleted") parts.push("project gone (deleted, or archived and left out)");
    if (p.archived) parts.push("archived outside code");
    const other = p.fields.filter((f) => !(p.archived && (f.field === "status" || f.field === "archivedAt")));
    if (other.length) parts.push(`${other.map((f) => f.field).join(", ")} changed`);
    const n = (count: number, what: string) => count && parts.push(`${count} ${what}`);
    n(p.apiKeys.created.length, p.apiKeys.created.length === 1 ? "key created" : "keys created");
    n(p.apiKeys.deleted.length, p.apiKeys.deleted.length === 1 ? "key deleted" : "keys deleted");
    n(p.apiKeys.changed.length, p.apiKeys.changed.length === 1 ? "key changed" : "keys changed");
    const sa = p.serviceAccounts;
    n(sa.created.length + sa.deleted.length + sa.changed.length, "service account changes");
    return parts.join(", ");
}

/** The estate's part of a Markdown report. */
export function renderEstateMarkdown(e: EstateDrift): string[] {
    const c = e.counts;
    const lines = [
        "",
        `#### Projects: ${e.liveProjects} live, ${e.recordedProjects} recorded`,
        "",
        "| | created outside code | deleted outside code | changed outside code |",
        "|---|---|---|---|",
        `| projects | ${c.projectsCreated} | ${c.projectsDeleted} | ${c.projectsChanged} (${c.projectsArchived} archived) |`,
        `| project API keys | ${c.keysCreated} | ${c.keysDeleted} | ${c.keysChanged} (${c.ownersLostAccess} owners lost access) |`,
        `| service accounts | ${c.serviceAccountsCreated} | ${c.serviceAccountsDeleted} | ${c.serviceAccountsChanged} |`,
    ];
    if (c.usageOnly) lines.push("", `${c.usageOnly} project keys with usage changes only (not drift).`);
    for (const p of e.projects) {
        lines.push(
            "",
            `<details><summary><code>${htmlText(p.id)}</code> ${p.name === null ? "(unnamed)" : htmlText(p.name)}: ${projectSummary(p)}</summary>`,
        );
        if (p.fields.length) {
            lines.push("", "| project field | recorded | live |", "|---|---|---|");
            for (const f of p.fields) lines.push(`| ${f.field} | ${cell(f, f.before)} | ${cell(f, f.after)} |`);
        }
        items(lines, "API keys", p.apiKeys, (k) => [md(k.id), md(k.name), md(k.owner), k.ownerProjectAccess], [
            "id",
            "name",
            "owner",
            "owner access",
        ]);
        items(lines, "Service accounts", p.serviceAccounts, (a) => [md(a.id), md(a.name), md(a.role)], [
            "id",
            "name",
            "role",
        ]);
        lines.push("", "</details>");
    }
    return lines;
}

function items<T extends { id: string; name: string | null }>(
    lines: string[],
    what: string,
    d: ItemDrift<T>,
    row: (x: T) => string[],
    header: string[],
): void {
    const table = (title: string, rows: readonly T[]) => {
        if (!rows.length) return;
        lines.push("", `${what} ${title}:`, "", `| ${header.join(" | ")} |`, `|${header.map(() => "---|").join("")}`);
        for (const x of rows) lines.push(`| ${row(x).join(" | ")} |`);
    };
    table("created outside code", d.created);
    table("deleted outside code", d.deleted);
    if (d.changed.length) {
        lines.push(
            "",
            `${what} changed outside code:`,
            "",
            "| id | name | field | recorded | live |",
            "|---|---|---|---|---|",
        );
        for (const x of d.changed)
            for (const ch of x.changes)
                lines.push(
                    `| ${md(x.id)} | ${md(x.name)} | ${ch.field} | ${cell(ch, ch.before)} | ${cell(ch, ch.after)} |`,
                );
    }
}

/** One plain line per change: per key and service account, and one per project created, deleted or archived. */
export function renderEstateDriftLines(e: EstateDrift): string[] {
    const out: string[] = [];
    for (const p of e.projects) {
        const where = `project ${shownId(p.id)} ${quoteForTerminal(p.name)}`;
        const who = (x: { id: string; name: string | null }) => `${quoteForTerminal(x.id)} ${quoteForTerminal(x.name)}`;
        if (p.change === "created")
            out.push(
                `${where}: created outside code, with ${p.apiKeys.created.length} API keys and ${p.serviceAccounts.created.length} service accounts`,
            );
        else if (p.change === "deleted") out.push(`${where}: gone (deleted, or archived and left out)`);
        else {
            if (p.archived) out.push(`${where}: archived outside code`);
            for (const f of p.fields.filter((f) => !(p.archived && (f.field === "status" || f.field === "archivedAt"))))
                out.push(`${where}: ${f.field} ${plain(f.field, f.before)} -> ${plain(f.field, f.after)}`);
            for (const k of p.apiKeys.created)
                out.push(`${where}: key created outside code: ${who(k)}, owner ${quoteForTerminal(k.owner)}`);
            for (const k of p.apiKeys.deleted) out.push(`${where}: key deleted outside code: ${who(k)}`);
            for (const k of p.apiKeys.changed)
                out.push(
                    `${where}: key changed outside code: ${who(k)}: ${k.changes.map((c) => `${c.field} ${plain(c.field, c.before)} -> ${plain(c.field, c.after)}`).join("; ")}`,
                );
            for (const a of p.serviceAccounts.created)
                out.push(`${where}: service account created outside code: ${who(a)}`);
            for (const a of p.serviceAccounts.deleted)
                out.push(`${where}: service account deleted outside code: ${who(a)}`);
            for (const a of p.serviceAccounts.changed)
                out.push(
                    `${where}: service account changed outside code: ${who(a)}: ${a.changes.map((c) => `${c.field} ${plain(c.field, c.before)} -> ${plain(c.field, c.after)}`).join("; ")}`,
                );
        }
    }
    return out;
}
