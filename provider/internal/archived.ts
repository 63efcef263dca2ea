/** Whether a project is archived, on its own so rules and reports can tell without loading zod. */

/** Archived by status, or by an archive time when the status is missing. */
export function isArchived(p: { readonly status: string | null; readonly archivedAt: number | null }): boolean {
    return p.status === "archived" || (p.status === null && p.archivedAt !== null);
}
