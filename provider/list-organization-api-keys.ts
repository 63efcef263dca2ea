/**
 * The estate: the admin keys, and every project's API keys and service accounts, listed completely
 * or not at all. Listings run side by side (bounded), each rate-limit scope (endpoint) paced by one
 * shared pace, all under one deadline; the first listing that fails for good fails the estate,
 * naming its project and endpoint, and the rest are abandoned.
 */
import type { AdminApiKey } from "./admin-api-key";
import type { Project } from "./project";
import type { ProjectApiKey } from "./project-api-key";
import type { ProjectServiceAccount } from "./project-service-account";
import { NotFoundError, OpenAIAdminError } from "./errors";
import type { ConfigLookup } from "./listing/connection";
import type { Endpoint, ListedItem } from "./listing/endpoint";
import { listOne } from "./listing/list-one";
import { defaultSink } from "./listing/progress";
import type { Pace } from "./listing/pace";
import { checkProjectId, CommonListArgs, configurationFailure, prepareListing, programConfig } from "./listing-args";
import { checkBoolean, checkStringList, checkWholeNumber } from "./internal/check-args";
import { quoteForTerminal } from "./internal/terminal-text";

/** Arguments of {@link listOrganizationApiKeys}. */
export interface ListOrganizationApiKeysArgs extends CommonListArgs {
    /** Include archived projects (default `true`: they may still hold keys). */
    readonly includeArchived?: boolean;
    /** Only these projects (each must exist); default every project. */
    readonly projectIds?: readonly string[];
    /** Listings in flight at once, across projects and endpoints (1 to 32, default 12). */
    readonly concurrency?: number;
    /**
     * The whole estate's deadline, in ms (default 1 hour: at 7 requests a minute per endpoint, 200
     * projects take about 30 minutes). `listOptions.deadlineMs` is not used for an estate.
     */
    readonly deadlineMs?: number;
}

/** One project and what it holds. */
export interface ProjectCredentials {
    readonly project: Project;
    /** Every API key of the project, those of owners without access included. */
    readonly apiKeys: readonly ProjectApiKey[];
    /** Its service accounts; `null` for an archived project, whose service accounts OpenAI does not list. */
    readonly serviceAccounts: readonly ProjectServiceAccount[] | null;
}

/** What an estate listing cost. */
export interface EstateStats {
    readonly requests: number;
    readonly retries: number;
    readonly throttled: number;
    readonly pages: number;
    readonly projects: number;
    readonly adminKeys: number;
    readonly projectApiKeys: number;
    readonly serviceAccounts: number;
    /** Keys of owners who no longer have access to their project. */
    readonly ownerWithoutAccess: number;
    readonly durationMs: number;
    /** Requests and 429s per rate-limit scope (endpoint path template). */
    readonly byEndpoint: Readonly<Record<string, { readonly requests: number; readonly throttled: number }>>;
}

/** The whole estate. */
export interface OrganizationApiKeys {
    /** The organization's admin keys, oldest first. */
    readonly adminKeys: readonly AdminApiKey[];
    /** Every project (archived ones included unless asked not to), oldest first. */
    readonly projects: readonly ProjectCredentials[];
    readonly baseUrl: string;
    readonly organization?: string;
    readonly stats: EstateStats;
}

const DEFAULT_CONCURRENCY = 12;
const DEFAULT_ESTATE_DEADLINE_MS = 60 * 60_000;

/**
 * Lists the whole estate: admin keys, projects, and each project's API keys and service accounts.
 * Complete or an error: one project whose listing fails for good fails the call, with an error of
 * the failing listing's class that names the project and the endpoint (`projectId`, `endpoint`).
 *
 * @example
 * ```ts
 * const estate = await listOrganizationApiKeys();
 * for (const { project, apiKeys } of estate.projects)
 *     for (const key of apiKeys.filter((k) => k.ownerProjectAccess === "inactive"))
 *         console.log(`${project.id}: ${key.id} (${key.name}) belongs to someone without access`);
 * ```
 */
export async function listOrganizationApiKeys(
    args: ListOrganizationApiKeysArgs = {},
    config: ConfigLookup = programConfig,
): Promise<OrganizationApiKeys> {
    const started = Date.now();
    const own = ["includeArchived", "projectIds", "concurrency", "deadlineMs"];
    const { conn, options } = prepareListing(args, "listOrganizationApiKeys", own, config);
    checkBoolean(args.includeArchived, "includeArchived", configurationFailure);
    checkStringList(args.projectIds, "projectIds", configurationFailure);
    args.projectIds?.forEach((id, i) => checkProjectId(id, `projectIds[${i}]`));
    checkWholeNumber(args.concurrency, "concurrency", 1, 32, configurationFailure);
    checkWholeNumber(args.deadlineMs, "deadlineMs", 1, 24 * 60 * 60_000, configurationFailure);
    const deadline = started + (args.deadlineMs ?? DEFAULT_ESTATE_DEADLINE_MS);

    const { ADMIN_API_KEYS } = require("./admin-api-key") as typeof import("./admin-api-key");
    const { projectsEndpoint, isArchived } = require("./project") as typeof import("./project");
    const { projectApiKeysEndpoint } = require("./project-api-key") as typeof import("./project-api-key");
    const { projectServiceAccountsEndpoint } =
        require("./project-service-account") as typeof import("./project-service-account");
    const { Pace: PaceClass } = require("./listing/pace") as typeof import("./listing/pace");

    // Inside the estate, listings are neither shared nor reported one by one: the estate reports its
    // own progress, and its deadline is the estate's.
    const listingOptions = {
        ...options,
        share: false,
        progress: false,
        deadlineMs: args.deadlineMs ?? DEFAULT_ESTATE_DEADLINE_MS,
    };
    const paces = new Map<string, Pace>();
    const paceOf = (scope: string) => {
        let pace = paces.get(scope);
        if (!pace) paces.set(scope, (pace = new PaceClass()));
        return pace;
    };
    const byEndpoint: Record<string, { requests: number; throttled: number }> = {};
    const totals = { requests: 0, retries: 0, throttled: 0, pages: 0 };
    const progress = estateProgress(options.progress);
    let failed = false;
    /** The first failure: what the estate throws, whichever listing saw it. */
    let firstFailure: unknown;

    async function list<Item extends ListedItem>(
        endpoint: Endpoint<Item>,
        projectId?: string,
    ): Promise<readonly Item[]> {
        if (failed) throw ABANDONED;
        try {
            const listing = await listOne(conn, listingOptions, endpoint, { pace: paceOf(endpoint.scope), deadline });
            const s = listing.stats;
            const e = (byEndpoint[endpoint.scope] ??= { requests: 0, throttled: 0 });
            e.requests += s.requests;
            e.throttled += s.throttled;
            totals.requests += s.requests;
            totals.retries += s.retries;
            totals.throttled += s.throttled;
            totals.pages += s.pages;
            return listing.keys;
        } catch (err) {
            if (err === ABANDONED || failed) throw ABANDONED;
            failed = true;
            firstFailure = projectId === undefined ? err : inProject(err, projectId, endpoint.path);
            throw firstFailure;
        }
    }

    // The admin keys are listed beside the projects' listings, not before them.
    const adminKeysListed = list(ADMIN_API_KEYS);
    adminKeysListed.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    const allProjects = await list(projectsEndpoint(args.includeArchived ?? true)).catch(async (err) => {
        await adminKeysListed.catch(() => undefined);
        // Abandoned because the admin keys' listing failed first: that failure is the estate's.
        throw err === ABANDONED ? firstFailure : err;
    });
    let projects = allProjects;
    if (args.projectIds) {
        const known = new Map(allProjects.map((p) => [p.id, p]));
        const missing = args.projectIds.filter((id) => !known.has(id));
        if (missing.length)
            throw new NotFoundError(
                `The organization has no project ${missing.map(quoteForTerminal).join(", ")}${
                    args.includeArchived === false ? " (archived projects were left out: includeArchived is false)" : ""
                }. Check projectIds; nothing was listed beyond the projects.`,
                { projectId: missing[0], endpoint: "/organization/projects" },
            );
        projects = [...new Set(args.projectIds)].map((id) => known.get(id)!);
    }

    const results = new Map<
        string,
        { apiKeys?: readonly ProjectApiKey[]; serviceAccounts?: readonly ProjectServiceAccount[] | null }
    >();
    const tasks: Array<() => Promise<void>> = [];
    for (const p of projects) {
        const r: { apiKeys?: readonly ProjectApiKey[]; serviceAccounts?: readonly ProjectServiceAccount[] | null } = {};
        results.set(p.id, r);
        tasks.push(async () => {
            r.apiKeys = await list(projectApiKeysEndpoint(p.id), p.id);
            progress.keys(r.apiKeys.length);
        });
        // OpenAI answers 400 for an archived project's service accounts: not asked.
        if (isArchived(p)) r.serviceAccounts = null;
        else tasks.push(async () => void (r.serviceAccounts = await list(projectServiceAccountsEndpoint(p.id), p.id)));
    }
    progress.start(
        projects.length,
        () => totals.requests,
        () => totals.throttled,
    );
    try {
        await runBounded(tasks, args.concurrency ?? DEFAULT_CONCURRENCY, () => {
            const done = [...results.values()].filter(
                (r) => r.apiKeys !== undefined && r.serviceAccounts !== undefined,
            ).length;
            progress.update(done);
        });
    } finally {
        progress.end();
    }
    const adminKeys = await adminKeysListed;

    const estate = projects.map((project) => {
        const r = results.get(project.id)!;
        return Object.freeze({ project, apiKeys: r.apiKeys!, serviceAccounts: r.serviceAccounts ?? null });
    });
    const projectApiKeys = estate.reduce((n, p) => n + p.apiKeys.length, 0);
    return {
        adminKeys,
        projects: Object.freeze(estate),
        baseUrl: conn.baseUrl,
        organization: conn.organization,
        stats: {
            ...totals,
            projects: estate.length,
            adminKeys: adminKeys.length,
            projectApiKeys,
            serviceAccounts: estate.reduce((n, p) => n + (p.serviceAccounts?.length ?? 0), 0),
            ownerWithoutAccess: estate.reduce(
                (n, p) => n + p.apiKeys.filter((k) => k.ownerProjectAccess === "inactive").length,
                0,
            ),
            durationMs: Date.now() - started,
            byEndpoint,
        },
    };
}

/** Thrown into listings that start or finish after another one failed: never surfaces. */
const ABANDONED = new Error("abandoned: another listing of the estate failed");

/** The same class of error, saying which project and endpoint failed and that nothing was returned. */
function inProject(err: unknown, projectId: string, endpoint: string): unknown {
    if (!(err instanceof OpenAIAdminError)) return err;
    const Class = err.constructor as new (message: string, details: object) => OpenAIAdminError;
    const wrapped = new Class(
        `The estate listing failed at project ${projectId} (${endpoint}): ${err.message} No partial estate was returned.`,
        { ...pick(err), projectId, endpoint },
    );
    return wrapped;
}

function pick(err: OpenAIAdminError) {
    const { status, requestId, type, code, param, page } = err;
    return { status, requestId, type, code, param, page };
}

/**
 * Runs `tasks` with at most `limit` at once, in order. Stops starting new ones at the first
 * failure, waits for those in flight, and throws that first failure.
 */
async function runBounded(tasks: Array<() => Promise<void>>, limit: number, onDone: () => void): Promise<void> {
    let next = 0;
    let first: { err: unknown } | undefined;
    const worker = async () => {
        while (!first && next < tasks.length) {
            const task = tasks[next++];
            try {
                await task();
                onDone();
            } catch (err) {
                if (err !== ABANDONED) first ??= { err };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    if (first) throw first.err;
}

/** Progress of an estate: projects done of total, keys so far, requests a minute, time left. */
function estateProgress(enabled: boolean) {
    const sink = enabled ? defaultSink() : undefined;
    let total = 0;
    let keys = 0;
    let startedAt = Date.now();
    let last = 0;
    let requests = () => 0;
    let throttled = () => 0;
    let reported = false;
    return {
        start(projects: number, r: () => number, t: () => number) {
            total = projects;
            startedAt = Date.now();
            requests = r;
            throttled = t;
        },
        keys(n: number) {
            keys += n;
        },
        update(done: number) {
            const now = Date.now();
            if (!sink || now - last < 1000 || now - startedAt < 2000) return;
            last = now;
            reported = true;
            const minutes = (now - startedAt) / 60_000;
            const perMinute = Math.round(requests() / minutes);
            const left = done > 0 ? Math.round((((now - startedAt) / done) * (total - done)) / 1000) : undefined;
            const t = throttled() ? `, ${throttled()} throttled` : "";
            sink(
                `Listing the OpenAI organization: ${done} of ${total} projects, ${keys} project keys so far, ${perMinute} requests a minute${t}` +
                    (left !== undefined ? `, about ${left} s left` : ""),
            );
        },
        end() {
            if (reported) sink?.end?.();
        },
    };
}
