/**
 * The estate's data sources, as Pulumi programs read them (`getX` / `getXOutput`): projects, one
 * project's API keys or service accounts, and the whole estate. Each result has a stable `id` and
 * echoes its arguments (never the admin key); values are known during `pulumi preview`.
 */
// Types only: @pulumi/pulumi loads when an Output form is called, not when this package is required.
import type * as pulumi from "@pulumi/pulumi";
import type { Project } from "./project";
import type { ProjectApiKey } from "./project-api-key";
import type { ProjectServiceAccount } from "./project-service-account";
import type { ConfigLookup } from "./listing/connection";
import {
    listProjectApiKeys,
    listProjects,
    listProjectServiceAccounts,
    ListProjectsArgs,
    ProjectListingArgs,
} from "./list-project-credentials";
import {
    listOrganizationApiKeys,
    ListOrganizationApiKeysArgs,
    OrganizationApiKeys,
} from "./list-organization-api-keys";
import { programConfig } from "./listing-args";
import { shortHash } from "./internal/keys";

/** `pulumi.Input`s of the arguments `A`. */
export type OutputArgs<A> = { readonly [K in keyof A]?: pulumi.Input<A[K]> };

const idOf = (prefix: string, echoed: object) => `${prefix}-${shortHash(JSON.stringify(echoed))}`;
const where = (baseUrl: string, organization?: string) => ({ baseUrl, ...(organization ? { organization } : {}) });

/** Result of {@link getProjects}. */
export interface GetProjectsResult {
    readonly id: string;
    readonly projects: readonly Project[];
    readonly ids: string[];
    readonly includeArchived: boolean;
    readonly baseUrl: string;
    readonly organization?: string;
}

/**
 * Every project of the organization, archived ones included unless `includeArchived: false`.
 *
 * @example
 * ```ts
 * const { projects } = await getProjects();
 * export const projectIds = projects.map((p) => p.id);
 * ```
 */
export async function getProjects(
    args: ListProjectsArgs = {},
    opts?: pulumi.InvokeOptions,
): Promise<GetProjectsResult> {
    void opts;
    return readProjects(args);
}

/** {@link getProjects} with the config source as a parameter (the provider plugin's). */
export async function readProjects(
    args: ListProjectsArgs,
    config: ConfigLookup = programConfig,
): Promise<GetProjectsResult> {
    const listing = await listProjects(args, config);
    const echoed = { includeArchived: args.includeArchived ?? true, ...where(listing.baseUrl, listing.organization) };
    return {
        id: idOf("openai-projects", echoed),
        projects: listing.projects,
        ids: listing.projects.map((p) => p.id),
        ...echoed,
    };
}

/** Result of {@link getProjectApiKeys}. */
export interface GetProjectApiKeysResult {
    readonly id: string;
    readonly projectId: string;
    readonly keys: readonly ProjectApiKey[];
    readonly ids: string[];
    readonly baseUrl: string;
    readonly organization?: string;
}

/**
 * Every API key of one project, keys of owners without access to it included.
 *
 * @example
 * ```ts
 * const { keys } = await getProjectApiKeys({ projectId: "proj_abc123" });
 * export const leftBehind = keys.filter((k) => k.ownerProjectAccess === "inactive").map((k) => k.id);
 * ```
 */
export async function getProjectApiKeys(
    args: ProjectListingArgs,
    opts?: pulumi.InvokeOptions,
): Promise<GetProjectApiKeysResult> {
    void opts;
    return readProjectApiKeys(args);
}

/** {@link getProjectApiKeys} with the config source as a parameter. */
export async function readProjectApiKeys(
    args: ProjectListingArgs,
    config: ConfigLookup = programConfig,
): Promise<GetProjectApiKeysResult> {
    const listing = await listProjectApiKeys(args, config);
    const echoed = { projectId: listing.projectId, ...where(listing.baseUrl, listing.organization) };
    return {
        id: idOf("openai-project-api-keys", echoed),
        keys: listing.keys,
        ids: listing.keys.map((k) => k.id),
        ...echoed,
    };
}

/** Result of {@link getProjectServiceAccounts}. */
export interface GetProjectServiceAccountsResult {
    readonly id: string;
    readonly projectId: string;
    readonly serviceAccounts: readonly ProjectServiceAccount[];
    readonly ids: string[];
    readonly baseUrl: string;
    readonly organization?: string;
}

/**
 * Every service account of one project.
 *
 * @example
 * ```ts
 * const { serviceAccounts } = await getProjectServiceAccounts({ projectId: "proj_abc123" });
 * ```
 */
export async function getProjectServiceAccounts(
    args: ProjectListingArgs,
    opts?: pulumi.InvokeOptions,
): Promise<GetProjectServiceAccountsResult> {
    void opts;
    return readProjectServiceAccounts(args);
}

/** {@link getProjectServiceAccounts} with the config source as a parameter. */
export async function readProjectServiceAccounts(
    args: ProjectListingArgs,
    config: ConfigLookup = programConfig,
): Promise<GetProjectServiceAccountsResult> {
    const listing = await listProjectServiceAccounts(args, config);
    const echoed = { projectId: listing.projectId, ...where(listing.baseUrl, listing.organization) };
    return {
        id: idOf("openai-project-service-accounts", echoed),
        serviceAccounts: listing.serviceAccounts,
        ids: listing.serviceAccounts.map((a) => a.id),
        ...echoed,
    };
}

/** Result of {@link getOrganizationApiKeys}: the estate, with a stable id and the arguments used. */
export interface GetOrganizationApiKeysResult extends OrganizationApiKeys {
    readonly id: string;
    readonly includeArchived: boolean;
    readonly projectIds?: string[];
}

/**
 * The whole estate: the admin keys, and every project's API keys and service accounts. Complete
 * or an error naming the project that failed.
 *
 * @example
 * ```ts
 * const estate = await getOrganizationApiKeys();
 * export const projectKeyCount = estate.stats.projectApiKeys;
 * ```
 */
export async function getOrganizationApiKeys(
    args: ListOrganizationApiKeysArgs = {},
    opts?: pulumi.InvokeOptions,
): Promise<GetOrganizationApiKeysResult> {
    void opts;
    return readOrganizationApiKeys(args);
}

/** {@link getOrganizationApiKeys} with the config source as a parameter. */
export async function readOrganizationApiKeys(
    args: ListOrganizationApiKeysArgs,
    config: ConfigLookup = programConfig,
): Promise<GetOrganizationApiKeysResult> {
    const estate = await listOrganizationApiKeys(args, config);
    const echoed = {
        includeArchived: args.includeArchived ?? true,
        ...(args.projectIds ? { projectIds: [...args.projectIds] } : {}),
        ...where(estate.baseUrl, estate.organization),
    };
    return { ...estate, id: idOf("openai-organization-api-keys", echoed), ...echoed };
}

/** Waits for the inputs, then calls `get`; the result is not secret (it holds no secret). */
function outputOf<A, R>(get: (a: A) => Promise<R>, args: OutputArgs<A> | undefined): pulumi.Output<R> {
    const sdk = require("@pulumi/pulumi") as typeof pulumi;
    return sdk.unsecret(sdk.output(args ?? {}).apply((a) => get(a as unknown as A))) as pulumi.Output<R>;
}

/** {@link getProjects} for Pulumi inputs. @example `export const ids = getProjectsOutput().ids;` */
export function getProjectsOutput(
    args?: OutputArgs<ListProjectsArgs>,
    opts?: pulumi.InvokeOptions,
): pulumi.Output<GetProjectsResult> {
    return outputOf((a: ListProjectsArgs) => getProjects(a, opts), args);
}

/** {@link getProjectApiKeys} for Pulumi inputs. @example `getProjectApiKeysOutput({ projectId: project.id }).ids` */
export function getProjectApiKeysOutput(
    args: OutputArgs<ProjectListingArgs>,
    opts?: pulumi.InvokeOptions,
): pulumi.Output<GetProjectApiKeysResult> {
    return outputOf((a: ProjectListingArgs) => getProjectApiKeys(a, opts), args);
}

/** {@link getProjectServiceAccounts} for Pulumi inputs. @example `getProjectServiceAccountsOutput({ projectId }).ids` */
export function getProjectServiceAccountsOutput(
    args: OutputArgs<ProjectListingArgs>,
    opts?: pulumi.InvokeOptions,
): pulumi.Output<GetProjectServiceAccountsResult> {
    return outputOf((a: ProjectListingArgs) => getProjectServiceAccounts(a, opts), args);
}

/** {@link getOrganizationApiKeys} for Pulumi inputs. @example `export const keys = getOrganizationApiKeysOutput().stats;` */
export function getOrganizationApiKeysOutput(
    args?: OutputArgs<ListOrganizationApiKeysArgs>,
    opts?: pulumi.InvokeOptions,
): pulumi.Output<GetOrganizationApiKeysResult> {
    return outputOf((a: ListOrganizationApiKeysArgs) => getOrganizationApiKeys(a, opts), args);
}
