/** Plain-text formatting shared by the demo and the CLIs. */
import { escapeForTerminal } from "../provider/internal/terminal-text";

/** A human duration from seconds: 45s, 12m, 5h, 3d, 2y. */
export function formatAge(seconds: number): string {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m`;
    if (s < 86_400) return `${Math.floor(s / 3600)}h`;
    if (s < 2 * 365 * 86_400) return `${Math.floor(s / 86_400)}d`;
    return `${Math.floor(s / (365 * 86_400))}y`;
}

/** Left-aligned columns separated by two spaces, with a header rule. */
export function renderTable(header: string[], rows: string[][]): string {
    // Cells may hold key names from the server: escaped, so a name cannot move the cursor or colour the terminal.
    rows = rows.map((r) => r.map(escapeForTerminal));
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
        cells
            .map((c, i) => c.padEnd(widths[i]))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The first `limit` rows, and a last line saying how many more there are: a table stays readable at any size. */
export function renderTableWithMore(header: string[], rows: string[][], limit = 10): string {
    const shown = renderTable(header, rows.slice(0, limit));
    return rows.length > limit ? `${shown}\n... ${rows.length - limit} more` : shown;
}
