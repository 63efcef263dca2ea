/**
 * A project's service account, on the wire and as this package returns it.
 */
import { z } from "zod";
import type { Endpoint } from "./listing/endpoint";
import { unixSeconds } from "./admin-api-key";

/** One `organization.project.service_account` as OpenAI sends it. */
export const ProjectServiceAccountWire = z.looseObject({
    object: z.string().optional(),
    id: z.string().min(1),
    name: z.string().nullish(),
    role: z.string().nullish(),
    created_at: unixSeconds,
});
export type ProjectServiceAccountWire = z.infer<typeof ProjectServiceAccountWire>;

/** A project service account as this package returns it. */
export const ProjectServiceAccount = z.object({
    id: z.string(),
    name: z.string().nullable(),
    /** `owner`, `member` or `none`. */
    role: z.string().nullable(),
    createdAt: z.number(),
});
export type ProjectServiceAccount = z.infer<typeof ProjectServiceAccount>;

/** `GET /organization/projects/{project_id}/service_accounts` (answers 400 for an archived project). */
export function projectServiceAccountsEndpoint(projectId: string): Endpoint<ProjectServiceAccount> {
    return {
        path: `/organization/projects/${encodeURIComponent(projectId)}/service_accounts`,
        scope: "/organization/projects/{project_id}/service_accounts",
        ordered: false,
        label: `service account listing of project ${projectId}`,
        items: "service accounts",
        item: "Service account",
        within: ` of project ${projectId}'s service accounts`,
        wire: ProjectServiceAccountWire,
        convert: (wire) => {
            const a = wire as ProjectServiceAccountWire;
            return { id: a.id, name: a.name ?? null, role: a.role ?? null, createdAt: a.created_at };
        },
    };
}
