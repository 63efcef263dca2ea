/**
 * An organization's project, on the wire and as this package returns it.
 */
import { z } from "zod";
import type { Endpoint } from "./listing/endpoint";
import { unixSeconds } from "./admin-api-key";

/** One `organization.project` as OpenAI sends it. */
export const ProjectWire = z.looseObject({
    object: z.string().optional(),
    id: z.string().min(1),
    name: z.string().nullish(),
    created_at: unixSeconds,
    archived_at: unixSeconds.nullish(),
    status: z.string().nullish(),
});
export type ProjectWire = z.infer<typeof ProjectWire>;

/** A project as this package returns it. Timestamps are Unix seconds. */
export const Project = z.object({
    id: z.string(),
    name: z.string().nullable(),
    /** `active` or `archived`. */
    status: z.string().nullable(),
    createdAt: z.number(),
    /** `null` while the project is not archived. */
    archivedAt: z.number().nullable(),
});
export type Project = z.infer<typeof Project>;

/** Converts a validated wire project. @internal */
export function projectFromWire(p: ProjectWire): Project {
    return {
        id: p.id,
        name: p.name ?? null,
        status: p.status ?? (p.archived_at ? "archived" : null),
        createdAt: p.created_at,
        archivedAt: p.archived_at ?? null,
    };
}

export { isArchived } from "./internal/archived";

/**
 * `GET /organization/projects`. Archived projects are left out unless asked for: an estate that
 * must be complete asks (`include_archived=true`).
 */
export function projectsEndpoint(includeArchived: boolean): Endpoint<Project> {
    return {
        path: "/organization/projects",
        scope: "/organization/projects",
        query: { include_archived: String(includeArchived) },
        ordered: false,
        label: "project listing",
        items: "projects",
        item: "Project",
        within: " of the project listing",
        wire: ProjectWire,
        convert: (wire) => projectFromWire(wire as ProjectWire),
    };
}
