/**
 * The organization's projects, and one project's API keys and service accounts, each complete or
 * an error. Thin: what to list is declared by the resource modules; the listing engine does the rest.
 */
import type { Project } from "./project";
import type { ProjectApiKey } from "./project-api-key";
import type { ProjectServiceAccount } from "./project-service-account";
import type { ConfigLookup } from "./listing/connection";
import type { ListingStats } from "./listing/fetch-page";
import type { Endpoint, ListedItem } from "./listing/endpoint";
import { listOne } from "./listing/list-one";
import { checkProjectId, CommonListArgs, configurationFailure, prepareListing, programConfig } from "./listing-args";
import { checkBoolean } from "./internal/check-args";

/** Arguments of {@link listProjects}. */
export interface ListProjectsArgs extends CommonListArgs {
    /** Include archived projects (default `true`: a complete estate has them; the API's default leaves them out). */
    readonly includeArchived?: boolean;
}

/** Every project, and what listing them cost. */
export interface ProjectListing {
    readonly projects: readonly Project[];
    readonly baseUrl: string;
    readonly organization?: string;
    readonly stats: Readonly<ListingStats>;
}

/**
 * Lists every project of the organization, archived ones included unless `includeArchived: false`.
 *
 * @example
 * ```ts
 * const { projects } = await listProjects();
 * console.log(projects.filter((p) => p.status === "archived").length, "archived");
 * ```
 */
export async function listProjects(
    args: ListProjectsArgs = {},
    config: ConfigLookup = programConfig,
): Promise<ProjectListing> {
    const { conn, options } = prepareListing(args, "listProjects", ["includeArchived"], config);
    checkBoolean(args.includeArchived, "includeArchived", configurationFailure);
    const { projectsEndpoint } = require("./project") as typeof import("./project");
    const listing = await listOne(conn, options, projectsEndpoint(args.includeArchived ?? true), {
        progressTitle: "Listing OpenAI projects",
    });
    return {
        projects: listing.keys,
        baseUrl: conn.baseUrl,
        organization: conn.organization,
        stats: { ...listing.stats },
    };
}

/** Arguments of {@link listProjectApiKeys} and {@link listProjectServiceAccounts}. */
export interface ProjectListingArgs extends CommonListArgs {
    /** The project, e.g. `proj_abc123`. */
    readonly projectId: string;
}

/** Every API key of one project, and what listing them cost. */
export interface ProjectApiKeyListing {
    readonly projectId: string;
    readonly baseUrl: string;
    readonly organization?: string;
    readonly keys: readonly ProjectApiKey[];
    readonly stats: Readonly<ListingStats>;
}

/**
 * Lists every API key of one project, those of owners who lost access to it included
 * (`owner_project_access=any`: the API's default visibility may leave them out).
 *
 * @example
 * ```ts
 * const { keys } = await listProjectApiKeys({ projectId: "proj_abc123" });
 * const leftBehind = keys.filter((k) => k.ownerProjectAccess === "inactive");
 * ```
 */
export async function listProjectApiKeys(
    args: ProjectListingArgs,
    config: ConfigLookup = programConfig,
): Promise<ProjectApiKeyListing> {
    const { projectApiKeysEndpoint } = require("./project-api-key") as typeof import("./project-api-key");
    const { items, ...rest } = await listInProject(
        args,
        config,
        "listProjectApiKeys",
        projectApiKeysEndpoint,
        "API keys",
    );
    return { keys: items, ...rest };
}

/** One project's listing of `endpointOf(projectId)`, its arguments checked first. */
async function listInProject<Item extends ListedItem>(
    args: ProjectListingArgs,
    config: ConfigLookup,
    where: string,
    endpointOf: (projectId: string) => Endpoint<Item>,
    what: string,
) {
    const { conn, options } = prepareListing(args, where, ["projectId"], config);
    const projectId = checkProjectId(args.projectId, "projectId");
    const listing = await listOne(conn, options, endpointOf(projectId), {
        progressTitle: `Listing the ${what} of OpenAI project ${projectId}`,
    });
    return {
        projectId,
        items: listing.keys,
        baseUrl: conn.baseUrl,
        organization: conn.organization,
        stats: { ...listing.stats },
    };
}

/** Every service account of one project, and what listing them cost. */
export interface ProjectServiceAccountListing {
    readonly projectId: string;
    readonly baseUrl: string;
    readonly organization?: string;
    readonly serviceAccounts: readonly ProjectServiceAccount[];
    readonly stats: Readonly<ListingStats>;
}

/**
 * Lists every service account of one project. OpenAI answers 400 for an archived project's.
 *
 * @example
 * ```ts
 * const { serviceAccounts } = await listProjectServiceAccounts({ projectId: "proj_abc123" });
 * ```
 */
export async function listProjectServiceAccounts(
    args: ProjectListingArgs,
    config: ConfigLookup = programConfig,
): Promise<ProjectServiceAccountListing> {
    const { projectServiceAccountsEndpoint } =
        require("./project-service-account") as typeof import("./project-service-account");
    const { items, ...rest } = await listInProject(
        args,
        config,
        "listProjectServiceAccounts",
        projectServiceAccountsEndpoint,
        "service accounts",
    );
    return { serviceAccounts: items, ...rest };
}
