/**
 * Estate rules as plain functions over projects and their keys: usable in any script or test, and
 * the logic behind the estate's CrossGuard policies (`organizationApiKeyPolicies()`).
 *
 * They accept the data source's projects (`ProjectCredentials`: keys in arrays, exact `lastUsedAt`)
 * and the estate inventory's recorded projects (`RecordedProject`: keys by id, usage recorded as
 * never / recent / stale) alike. Messages name the project and the key by id and name (never a
 * secret) and say what to do.
 */
import { escapeForTerminal, quoteForTerminal, shownId } from "../internal/terminal-text";
import { DAY_SECONDS, ownerText } from "../internal/keys";
import type { KeyUsage } from "../inventory/state";
import { isArchived } from "../internal/archived";
import { checkNow, checkSettings, days, SettingKind, withDefaults } from "./settings";

/** What the rules read of a project key. */
export interface RuleProjectKey {
    readonly id: string;
    readonly name: string | null;
    readonly createdAt: number;
    readonly lastUsedAt: number | null;
    /** The recorded usage; without it, usage is derived from `lastUsedAt`. */
    readonly usage?: KeyUsage;
    readonly ownerProjectAccess: "active" | "inactive";
    readonly owner: { readonly type: string | null; readonly id: string | null; readonly name?: string | null };
}

/** What the rules read of a service account. */
export interface RuleServiceAccount {
    readonly id: string;
    readonly name: string | null;
    readonly createdAt: number;
}

type Many<T> = readonly T[] | Readonly<Record<string, T>>;

/** What the rules read of a project: a recorded project, or the data source's `ProjectCredentials`. */
export type RuleProject =
    | {
          readonly id: string;
          readonly name: string | null;
          readonly status: string | null;
          readonly archivedAt: number | null;
          readonly apiKeys: Many<RuleProjectKey>;
          readonly serviceAccounts: Many<RuleServiceAccount> | null;
      }
    | {
          readonly project: {
              readonly id: string;
              readonly name: string | null;
              readonly status: string | null;
              readonly archivedAt: number | null;
          };
          readonly apiKeys: Many<RuleProjectKey>;
          readonly serviceAccounts: Many<RuleServiceAccount> | null;
      };

/** One broken estate rule. `keyId` is absent for rules about a project or a service account. */
export interface EstateViolation {
    readonly policy: EstatePolicyName;
    readonly projectId: string;
    readonly projectName: string | null;
    readonly keyId?: string;
    readonly keyName?: string | null;
    readonly serviceAccountId?: string;
    readonly message: string;
}

/** Settings of every estate rule, with defaults in {@link DEFAULT_ESTATE_POLICY_CONFIG}. */
export interface EstatePolicyConfig {
    /** Longest a project key (or every key of a service account) may go unused, in days. */
    readonly maxUnusedDays: number;
    /** How long a key or service account may exist without any use, in days. */
    readonly neverUsedGraceDays: number;
    /** Oldest a project key may be, in days since creation. */
    readonly maxKeyAgeDays: number;
    /** Most API keys one project may hold. */
    readonly maxKeysPerProject: number;
    /** Owner types allowed to hold project keys, e.g. `["service_account"]` to keep people's keys out. */
    readonly allowedOwnerTypes: readonly string[];
}

/** Defaults: keys used within 90 days (14 for new ones), at most a year old, at most 50 per project. */
export const DEFAULT_ESTATE_POLICY_CONFIG: EstatePolicyConfig = Object.freeze({
    maxUnusedDays: 90,
    neverUsedGraceDays: 14,
    maxKeyAgeDays: 365,
    maxKeysPerProject: 50,
    allowedOwnerTypes: Object.freeze(["user", "service_account"]),
});

export type EstatePolicyName =
    | "openai-project-key-owner-without-access"
    | "openai-project-key-unused"
    | "openai-project-key-max-age"
    | "openai-project-key-count"
    | "openai-archived-project-keys"
    | "openai-service-account-unused"
    | "openai-project-key-owner-type";

const KINDS: Record<keyof EstatePolicyConfig, SettingKind> = {
    maxUnusedDays: "days",
    neverUsedGraceDays: "days",
    maxKeyAgeDays: "days",
    maxKeysPerProject: "count",
    allowedOwnerTypes: "strings",
};
const checkConfig = (config: Partial<EstatePolicyConfig>, names: readonly (keyof EstatePolicyConfig)[]) =>
    checkSettings(config, names, KINDS);

/** A project as the rules use it, whichever form it came in. */
interface Normalized {
    readonly id: string;
    readonly name: string | null;
    readonly archived: boolean;
    readonly apiKeys: readonly RuleProjectKey[];
    readonly serviceAccounts: readonly RuleServiceAccount[] | null;
}

const values = <T>(m: Many<T>): readonly T[] => (Array.isArray(m) ? m : Object.values(m as Record<string, T>));

function normalize(projects: Many<RuleProject>): Normalized[] {
    return values(projects).map((p) => {
        const info = "project" in p ? p.project : p;
        return {
            id: info.id,
            name: info.name,
            archived: isArchived(info),
            apiKeys: values(p.apiKeys),
            serviceAccounts: p.serviceAccounts === null ? null : values(p.serviceAccounts),
        };
    });
}

/** An owner as messages name it; owner names come from anyone who can invite a user, so escaped. */
const owner = (k: RuleProjectKey) =>
    escapeForTerminal(ownerText(k.owner, { withId: true, unknown: "an unknown owner" }) ?? "an unknown owner");
const projectLabel = (p: Normalized) =>
    `Project ${shownId(p.id)}${p.name ? ` (${quoteForTerminal(p.name)})` : " (unnamed)"}`;
const keyLabel = (k: RuleProjectKey) =>
    `API key ${shownId(k.id)}${k.name ? ` (${quoteForTerminal(k.name)})` : " (unnamed)"}`;
/** A violation for each key of each project that `message` has something to say about. */
function perKey(
    projects: Many<RuleProject>,
    policy: EstatePolicyName,
    message: (k: RuleProjectKey) => string | undefined,
): EstateViolation[] {
    const out: EstateViolation[] = [];
    for (const p of normalize(projects))
        for (const k of p.apiKeys) {
            const m = message(k);
            if (m !== undefined)
                out.push({
                    policy,
                    projectId: p.id,
                    projectName: p.name,
                    keyId: k.id,
                    keyName: k.name,
                    message: `${projectLabel(p)}: ${keyLabel(k)} ${m}`,
                });
        }
    return out;
}

/** Days since a key was last used; `null` for a key recorded as used recently. `undefined`: never used. */
function unusedFor(k: RuleProjectKey, now: number): number | null | undefined {
    const usage = k.usage ?? (k.lastUsedAt === null ? "never" : "stale");
    if (usage === "recent") return null;
    if (usage === "never" || k.lastUsedAt === null) return undefined;
    return now - k.lastUsedAt;
}

/** Keys whose owner no longer has access to their project: left behind by someone who left. */
export function checkOwnerWithoutAccess(projects: Many<RuleProject>): EstateViolation[] {
    return perKey(projects, "openai-project-key-owner-without-access", (k) =>
        k.ownerProjectAccess !== "inactive"
            ? undefined
            : `belongs to ${owner(k)}, who no longer has access to the project. ` +
              "Delete the key (project settings > API keys), or give its owner access again if the key is still needed.",
    );
}

/** Project keys unused for more than `maxUnusedDays`, or never used `neverUsedGraceDays` after creation. */
export function checkProjectKeysUnused(
    projects: Many<RuleProject>,
    config: Pick<EstatePolicyConfig, "maxUnusedDays" | "neverUsedGraceDays">,
    now: number,
): EstateViolation[] {
    checkConfig(config, ["maxUnusedDays", "neverUsedGraceDays"]);
    checkNow(now);
    return perKey(projects, "openai-project-key-unused", (k) => {
        const unused = unusedFor(k, now);
        if (unused === undefined && now - k.createdAt > config.neverUsedGraceDays * DAY_SECONDS)
            return `has never been used in the ${days(now - k.createdAt)} days since it was created (limit ${config.neverUsedGraceDays}). Delete it if nothing needs it.`;
        if (typeof unused === "number" && unused > config.maxUnusedDays * DAY_SECONDS)
            return `has not been used for ${days(unused)} days (limit ${config.maxUnusedDays}). Delete it if nothing needs it any more.`;
        return undefined;
    });
}

/** Project keys older than `maxKeyAgeDays`. */
export function checkProjectKeyMaxAge(
    projects: Many<RuleProject>,
    config: Pick<EstatePolicyConfig, "maxKeyAgeDays">,
    now: number,
): EstateViolation[] {
    checkConfig(config, ["maxKeyAgeDays"]);
    checkNow(now);
    return perKey(projects, "openai-project-key-max-age", (k) =>
        now - k.createdAt <= config.maxKeyAgeDays * DAY_SECONDS
            ? undefined
            : `is ${days(now - k.createdAt)} days old, over the ${config.maxKeyAgeDays}-day limit. Rotate it: create a new key, move its users to it, then delete this one.`,
    );
}

/** Projects holding more than `maxKeysPerProject` keys. */
export function checkProjectKeyCount(
    projects: Many<RuleProject>,
    config: Pick<EstatePolicyConfig, "maxKeysPerProject">,
): EstateViolation[] {
    checkConfig(config, ["maxKeysPerProject"]);
    return normalize(projects)
        .filter((p) => p.apiKeys.length > config.maxKeysPerProject)
        .map((p) => ({
            policy: "openai-project-key-count",
            projectId: p.id,
            projectName: p.name,
            message:
                `${projectLabel(p)} has ${p.apiKeys.length} API keys, over the limit of ${config.maxKeysPerProject}. ` +
                `Delete ${p.apiKeys.length - config.maxKeysPerProject} unused or duplicate keys (oldest: ${[
                    ...p.apiKeys,
                ]
                    .sort((a, b) => a.createdAt - b.createdAt)
                    .slice(0, 3)
                    .map((k) => shownId(k.id))
                    .join(", ")}).`,
        }));
}

/** Archived projects that still hold keys: archiving a project does not delete its keys from the list. */
export function checkArchivedProjectKeys(projects: Many<RuleProject>): EstateViolation[] {
    return normalize(projects)
        .filter((p) => p.archived && p.apiKeys.length > 0)
        .map((p) => ({
            policy: "openai-archived-project-keys",
            projectId: p.id,
            projectName: p.name,
            message:
                `${projectLabel(p)} is archived but still holds ${p.apiKeys.length} API key${p.apiKeys.length === 1 ? "" : "s"} ` +
                `(${p.apiKeys
                    .slice(0, 3)
                    .map((k) => shownId(k.id))
                    .join(
                        ", ",
                    )}${p.apiKeys.length > 3 ? ", ..." : ""}). Delete them, or unarchive the project if they are still needed.`,
        }));
}

/**
 * Service accounts whose keys are all unused for longer than `maxUnusedDays` (never-used keys once
 * past `neverUsedGraceDays`), or that have no key at all once past `neverUsedGraceDays`. Archived
 * projects' service accounts are not listed by OpenAI, so they are not judged.
 */
export function checkServiceAccountsUnused(
    projects: Many<RuleProject>,
    config: Pick<EstatePolicyConfig, "maxUnusedDays" | "neverUsedGraceDays">,
    now: number,
): EstateViolation[] {
    checkConfig(config, ["maxUnusedDays", "neverUsedGraceDays"]);
    checkNow(now);
    const out: EstateViolation[] = [];
    for (const p of normalize(projects)) {
        for (const a of p.serviceAccounts ?? []) {
            if (now - a.createdAt <= config.neverUsedGraceDays * DAY_SECONDS) continue;
            const keys = p.apiKeys.filter((k) => k.owner.type === "service_account" && k.owner.id === a.id);
            const inUse = keys.some((k) => {
                const unused = unusedFor(k, now);
                if (unused === null) return true;
                if (unused === undefined) return now - k.createdAt <= config.neverUsedGraceDays * DAY_SECONDS;
                return unused <= config.maxUnusedDays * DAY_SECONDS;
            });
            if (inUse) continue;
            const who = `${projectLabel(p)}: service account ${shownId(a.id)}${a.name ? ` (${quoteForTerminal(a.name)})` : " (unnamed)"}`;
            out.push({
                policy: "openai-service-account-unused",
                projectId: p.id,
                projectName: p.name,
                serviceAccountId: a.id,
                message:
                    keys.length === 0
                        ? `${who} has no API keys. Delete it if nothing needs it.`
                        : `${who} has ${keys.length} API key${keys.length === 1 ? "" : "s"}, none used in the last ${config.maxUnusedDays} days. Delete the service account (and its keys) if nothing needs it.`,
            });
        }
    }
    return out;
}

/** Project keys held by an owner type not allowed (e.g. people's keys where only service accounts may hold them). */
export function checkProjectKeyOwnerTypes(
    projects: Many<RuleProject>,
    config: Pick<EstatePolicyConfig, "allowedOwnerTypes">,
): EstateViolation[] {
    checkConfig(config, ["allowedOwnerTypes"]);
    return perKey(projects, "openai-project-key-owner-type", (k) =>
        k.owner.type !== null && config.allowedOwnerTypes.includes(k.owner.type)
            ? undefined
            : `is owned by ${owner(k)}; allowed owner types are ${config.allowedOwnerTypes.join(", ") || "none"}. ` +
              "Recreate it under an allowed owner (a service account for automation) and delete this one.",
    );
}

/**
 * Runs every estate rule with `config` over the defaults; returns the violations, by rule then
 * project and key.
 *
 * @example
 * ```ts
 * const { projects } = await listOrganizationApiKeys();
 * for (const v of evaluateEstatePolicies(projects, { maxKeysPerProject: 20 })) console.log(v.message);
 * ```
 */
export function evaluateEstatePolicies(
    projects: Many<RuleProject>,
    config: Partial<EstatePolicyConfig> = {},
    now = Math.floor(Date.now() / 1000),
): EstateViolation[] {
    const c = withDefaults(DEFAULT_ESTATE_POLICY_CONFIG, config, KINDS, "evaluateEstatePolicies");
    checkNow(now);
    return [
        ...checkOwnerWithoutAccess(projects),
        ...checkProjectKeysUnused(projects, c, now),
        ...checkProjectKeyMaxAge(projects, c, now),
        ...checkProjectKeyCount(projects, c),
        ...checkArchivedProjectKeys(projects),
        ...checkServiceAccountsUnused(projects, c, now),
        ...checkProjectKeyOwnerTypes(projects, c),
    ];
}
