/**
 * The estate the fake Admin API serves beside admin keys: projects, each project's API keys and
 * service accounts, with OpenAI's documented behaviour where completeness depends on it:
 * archived projects only with `include_archived=true`; keys of owners without access only with
 * `owner_project_access=any` (or `inactive`); 400 for an archived project's service accounts.
 */
import type { ProjectApiKeyWire } from "../project-api-key";
import type { ProjectServiceAccountWire } from "../project-service-account";
import type { FakeProject } from "./seed-estate";

/** The path templates of the estate's list endpoints (also the default rate-limit scopes). */
export const ESTATE_TEMPLATES = {
    projects: "/organization/projects",
    apiKeys: "/organization/projects/{project_id}/api_keys",
    serviceAccounts: "/organization/projects/{project_id}/service_accounts",
} as const;

/** Which estate endpoint a path is, and for which project. */
export function estateRoute(pathname: string): { template: string; projectId?: string } | undefined {
    if (pathname === "/v1/organization/projects") return { template: ESTATE_TEMPLATES.projects };
    const m = /^\/v1\/organization\/projects\/([^/]+)\/(api_keys|service_accounts)$/.exec(pathname);
    if (!m) return undefined;
    return {
        template: m[2] === "api_keys" ? ESTATE_TEMPLATES.apiKeys : ESTATE_TEMPLATES.serviceAccounts,
        projectId: decodeURIComponent(m[1]),
    };
}

type Item = { id: string; created_at: number };
const byCreation = (a: Item, b: Item) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What a request gets: a page of items, or an error to answer with. */
export type EstateAnswer =
    | { readonly items: readonly object[]; readonly hasMore: boolean }
    | {
          readonly status: number;
          readonly message: string;
          readonly param: string | null;
          readonly code: string | null;
      };

/** The estate's data, changed out of band by tests and served page by page. */
export class FakeEstate {
    private readonly projects = new Map<string, FakeProject>();
    /** Deleted items keep their place, so a cursor on one still works (as a database cursor would). */
    private readonly tombstones = new Map<string, Item>();

    constructor(projects: readonly FakeProject[]) {
        for (const p of projects)
            this.projects.set(p.project.id, {
                project: { ...p.project },
                apiKeys: p.apiKeys.map((k) => ({ ...k })),
                serviceAccounts: p.serviceAccounts.map((a) => ({ ...a })),
            });
    }

    /** Every project with what it holds, oldest first (what an estate listing must return). */
    get all(): FakeProject[] {
        return [...this.projects.values()].sort((a, b) => byCreation(a.project, b.project));
    }

    /** One project, or an error. */
    project(id: string): FakeProject {
        const p = this.projects.get(id);
        if (!p) throw new Error(`no project ${id}`);
        return p;
    }

    addProject(p: FakeProject): void {
        this.projects.set(p.project.id, p);
    }

    /** Archives a project, as the dashboard does. */
    archiveProject(id: string, at = Math.floor(Date.now() / 1000)): void {
        const p = this.project(id);
        p.project.status = "archived";
        p.project.archived_at = at;
    }

    addApiKey(projectId: string, key: ProjectApiKeyWire): void {
        this.project(projectId).apiKeys.push(key);
    }

    deleteApiKey(projectId: string, keyId: string): void {
        const p = this.project(projectId);
        const i = p.apiKeys.findIndex((k) => k.id === keyId);
        if (i < 0) throw new Error(`no key ${keyId} in ${projectId}`);
        this.tombstones.set(`${projectId}/${keyId}`, p.apiKeys[i]);
        p.apiKeys.splice(i, 1);
    }

    updateApiKey(projectId: string, keyId: string, patch: Partial<ProjectApiKeyWire>): void {
        const p = this.project(projectId);
        const i = p.apiKeys.findIndex((k) => k.id === keyId);
        if (i < 0) throw new Error(`no key ${keyId} in ${projectId}`);
        p.apiKeys[i] = { ...p.apiKeys[i], ...patch, id: keyId };
    }

    addServiceAccount(projectId: string, account: ProjectServiceAccountWire): void {
        this.project(projectId).serviceAccounts.push(account);
    }

    /** Answers one list request of an estate endpoint. */
    answer(route: { template: string; projectId?: string }, query: URLSearchParams, limit: number): EstateAnswer {
        const after = query.get("after");
        let list: Item[];
        let scope = "";
        if (route.template === ESTATE_TEMPLATES.projects) {
            const archived = query.get("include_archived") === "true";
            list = this.all.map((p) => p.project).filter((p) => archived || p.status !== "archived");
        } else {
            const p = this.projects.get(route.projectId!);
            if (!p)
                return {
                    status: 404,
                    message: `No such project: '${route.projectId}'.`,
                    param: "project_id",
                    code: "not_found",
                };
            scope = `${p.project.id}/`;
            if (route.template === ESTATE_TEMPLATES.serviceAccounts) {
                if (p.project.status === "archived")
                    return {
                        status: 400,
                        message: "Project is archived.",
                        param: "project_id",
                        code: "project_archived",
                    };
                list = p.serviceAccounts;
            } else {
                const access = query.get("owner_project_access");
                if (access !== null && !["active", "inactive", "any"].includes(access))
                    return {
                        status: 400,
                        message: `Invalid value for 'owner_project_access'.`,
                        param: "owner_project_access",
                        code: "invalid_value",
                    };
                // Omitted: membership-based visibility, which hides keys of owners without access.
                list = p.apiKeys.filter((k) => access === "any" || k.owner_project_access === (access ?? "active"));
            }
        }
        const sorted = [...list].sort(byCreation);
        let start = 0;
        if (after !== null) {
            const at = sorted.find((x) => x.id === after) ?? this.tombstones.get(`${scope}${after}`);
            if (!at) return { status: 400, message: `No such object: '${after}'.`, param: "after", code: "not_found" };
            start = sorted.findIndex((x) => byCreation(x, at) > 0);
            if (start < 0) start = sorted.length;
        }
        const page = sorted.slice(start, start + limit);
        return { items: page, hasMore: start + limit < sorted.length };
    }
}
