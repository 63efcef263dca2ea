/**
 * Admin key rules as plain functions over a key list: usable in any script or test, and the
 * logic behind the CrossGuard policies (`pulumi-openai-admin-keys/policy`).
 *
 * They accept the data source's `AdminApiKey` (exact `lastUsedAt`) and the inventory's recorded
 * `InventoryKey` (usage recorded as never / recent / stale, see inventory/state.ts) alike.
 * Messages name the key by id and name (never a secret) and say what to do.
 */
import { escapeForTerminal, quoteForTerminal, shownId } from "../internal/terminal-text";
import { byCreation, DAY_SECONDS, ownerText } from "../internal/keys";
import type { AdminApiKey, AdminApiKeyOwner } from "../admin-api-key";
import type { KeyUsage } from "../inventory/state";
import { checkNow, checkSettings, days, policyFailure, SettingKind, withDefaults } from "./settings";
import { safePattern } from "../internal/safe-pattern";

/**
 * What the rules read of a key: a listed `AdminApiKey` and a recorded `InventoryKey` both are one.
 * `usage` is the recorded usage (`recent` = used within the inventory's recent window); without
 * it, usage is derived from `lastUsedAt`.
 */
export type RuleKey = Readonly<Pick<AdminApiKey, "id" | "name" | "createdAt" | "expiresAt" | "lastUsedAt">> & {
    readonly usage?: KeyUsage;
    readonly owner: Readonly<Pick<AdminApiKeyOwner, "type" | "id"> & Partial<Pick<AdminApiKeyOwner, "name">>>;
};

/** One broken rule. `keyId` is absent for rules about the whole organization. */
export interface Violation {
    readonly policy: PolicyName;
    readonly keyId?: string;
    readonly keyName?: string | null;
    readonly message: string;
}

/** Settings of every rule, with defaults in {@link DEFAULT_KEY_POLICY_CONFIG}. */
export interface KeyPolicyConfig {
    /** Oldest a key may be, in days since creation. */
    readonly maxKeyAgeDays: number;
    /** Longest a key may go unused, in days (at least the inventory's recentUsageDays to be exact). */
    readonly maxUnusedDays: number;
    /** How long a key may exist without ever being used, in days. */
    readonly neverUsedGraceDays: number;
    /** Whether every key must have an expiry. */
    readonly requireExpiry: boolean;
    /** Longest lifetime (expiry minus creation), in days. */
    readonly maxLifetimeDays: number;
    /** JavaScript regular expression every key name must match. */
    readonly namePattern: string;
    /** Owner types allowed, e.g. `["service_account"]`. */
    readonly allowedOwnerTypes: readonly string[];
    /** If non-empty, only these owner ids may hold admin keys. */
    readonly allowedOwnerIds: readonly string[];
    /** Most admin keys the organization may have. */
    readonly maxKeys: number;
}

/**
 * Defaults: keys at most a year old, used at least every 90 days and within 14 days of creation,
 * expiring within a year of creation, named in kebab-case, owned by users or service accounts,
 * at most 10 of them.
 */
export const DEFAULT_KEY_POLICY_CONFIG: KeyPolicyConfig = Object.freeze({
    maxKeyAgeDays: 365,
    maxUnusedDays: 90,
    neverUsedGraceDays: 14,
    requireExpiry: true,
    maxLifetimeDays: 365,
    namePattern: "^[a-z0-9]+(-[a-z0-9]+)*$",
    allowedOwnerTypes: Object.freeze(["user", "service_account"]),
    allowedOwnerIds: Object.freeze([] as string[]),
    maxKeys: 10,
});

export type PolicyName =
    | "openai-admin-key-max-age"
    | "openai-admin-key-unused"
    | "openai-admin-key-expiry"
    | "openai-admin-key-naming"
    | "openai-admin-key-owner"
    | "openai-admin-key-count";

const fail = policyFailure;
const KINDS: Record<keyof KeyPolicyConfig, SettingKind> = {
    maxKeyAgeDays: "days",
    maxUnusedDays: "days",
    neverUsedGraceDays: "days",
    requireExpiry: "boolean",
    maxLifetimeDays: "days",
    namePattern: "pattern",
    allowedOwnerTypes: "strings",
    allowedOwnerIds: "strings",
    maxKeys: "count",
};
const checkConfig = (config: Partial<KeyPolicyConfig>, names: readonly (keyof KeyPolicyConfig)[]) =>
    checkSettings(config, names, KINDS);

/** Ids and names come from anyone who can create a key: shown escaped, so a message cannot steer a terminal. */
const label = (k: RuleKey) =>
    `Admin API key ${shownId(k.id)}${k.name ? ` (${quoteForTerminal(k.name)})` : " (unnamed)"}`;
const violation = (policy: PolicyName, k: RuleKey, message: string): Violation => ({
    policy,
    keyId: k.id,
    keyName: k.name,
    message: `${label(k)} ${message}`,
});

/** Keys older than `maxKeyAgeDays`. */
export function checkMaxKeyAge(
    keys: readonly RuleKey[],
    config: Pick<KeyPolicyConfig, "maxKeyAgeDays">,
    now: number,
): Violation[] {
    checkConfig(config, ["maxKeyAgeDays"]);
    checkNow(now);
    return keys
        .filter((k) => now - k.createdAt > config.maxKeyAgeDays * DAY_SECONDS)
        .map((k) =>
            violation(
                "openai-admin-key-max-age",
                k,
                `is ${days(now - k.createdAt)} days old, over the ${config.maxKeyAgeDays}-day limit. Rotate it: create a new admin key, move its users to it, then delete this one.`,
            ),
        );
}

/** Keys unused for more than `maxUnusedDays`, or never used `neverUsedGraceDays` after creation. */
export function checkUnusedKeys(
    keys: readonly RuleKey[],
    config: Pick<KeyPolicyConfig, "maxUnusedDays" | "neverUsedGraceDays">,
    now: number,
): Violation[] {
    checkConfig(config, ["maxUnusedDays", "neverUsedGraceDays"]);
    checkNow(now);
    const out: Violation[] = [];
    for (const k of keys) {
        const usage = k.usage ?? (k.lastUsedAt === null ? "never" : "stale");
        if (usage === "recent") continue;
        if (usage === "never" || k.lastUsedAt === null) {
            if (now - k.createdAt > config.neverUsedGraceDays * DAY_SECONDS) {
                out.push(
                    violation(
                        "openai-admin-key-unused",
                        k,
                        `has never been used in the ${days(now - k.createdAt)} days since it was created (limit ${config.neverUsedGraceDays}). Delete it if nothing needs it.`,
                    ),
                );
            }
        } else if (now - k.lastUsedAt > config.maxUnusedDays * DAY_SECONDS) {
            out.push(
                violation(
                    "openai-admin-key-unused",
                    k,
                    `has not been used for ${days(now - k.lastUsedAt)} days (limit ${config.maxUnusedDays}). Delete it if nothing needs it any more.`,
                ),
            );
        }
    }
    return out;
}

/** Keys that never expire (when required) or live longer than `maxLifetimeDays`. */
export function checkKeyExpiry(
    keys: readonly RuleKey[],
    config: Pick<KeyPolicyConfig, "requireExpiry" | "maxLifetimeDays">,
): Violation[] {
    checkConfig(config, ["requireExpiry", "maxLifetimeDays"]);
    const out: Violation[] = [];
    for (const k of keys) {
        if (k.expiresAt === null) {
            if (config.requireExpiry)
                out.push(
                    violation(
                        "openai-admin-key-expiry",
                        k,
                        `never expires. Replace it with a key created with an expiry (expires_in_seconds) of at most ${config.maxLifetimeDays} days.`,
                    ),
                );
        } else if (k.expiresAt - k.createdAt > config.maxLifetimeDays * DAY_SECONDS) {
            out.push(
                violation(
                    "openai-admin-key-expiry",
                    k,
                    `expires ${days(k.expiresAt - k.createdAt)} days after creation, later than the ${config.maxLifetimeDays}-day limit. Replace it with a shorter-lived key.`,
                ),
            );
        }
    }
    return out;
}

/** Keys whose name does not match `namePattern` (unnamed keys included). */
export function checkKeyNaming(keys: readonly RuleKey[], config: Pick<KeyPolicyConfig, "namePattern">): Violation[] {
    checkConfig(config, ["namePattern"]);
    // Key names come from anyone who can create a key: the pattern runs under a time budget.
    const matches = safePattern(config.namePattern, "namePattern", fail).matches(keys.map((k) => k.name));
    return keys
        .filter((k, i) => k.name === null || !matches[i])
        .map((k) =>
            violation(
                "openai-admin-key-naming",
                k,
                k.name === null
                    ? `has no name; names must match /${config.namePattern}/. Name it in the OpenAI dashboard (Settings > Admin keys).`
                    : `has a name that does not match /${config.namePattern}/. Rename it in the OpenAI dashboard (Settings > Admin keys).`,
            ),
        );
}

/** Keys whose owner type is not allowed, or whose owner is not on a non-empty allowlist. */
export function checkKeyOwners(
    keys: readonly RuleKey[],
    config: Pick<KeyPolicyConfig, "allowedOwnerTypes" | "allowedOwnerIds">,
): Violation[] {
    checkConfig(config, ["allowedOwnerTypes", "allowedOwnerIds"]);
    const out: Violation[] = [];
    for (const k of keys) {
        // Owner names come from anyone who can invite a user: escaped, so a message cannot steer a terminal.
        const who = escapeForTerminal(ownerText(k.owner, { unknown: "an unknown owner" }) ?? "an unknown owner");
        if (k.owner.type === null || !config.allowedOwnerTypes.includes(k.owner.type)) {
            out.push(
                violation(
                    "openai-admin-key-owner",
                    k,
                    `is owned by ${who}; allowed owner types are ${config.allowedOwnerTypes.join(", ")}. Recreate it under an allowed owner and delete this one.`,
                ),
            );
        } else if (
            config.allowedOwnerIds.length > 0 &&
            (k.owner.id === null || !config.allowedOwnerIds.includes(k.owner.id))
        ) {
            out.push(
                violation(
                    "openai-admin-key-owner",
                    k,
                    `is owned by ${who}, who is not on the allowlist of admin key owners. Recreate it under an allowed owner, or add the owner to allowedOwnerIds.`,
                ),
            );
        }
    }
    return out;
}

/** More than `maxKeys` admin keys in the organization. */
export function checkKeyCount(keys: readonly RuleKey[], config: Pick<KeyPolicyConfig, "maxKeys">): Violation[] {
    checkConfig(config, ["maxKeys"]);
    if (keys.length <= config.maxKeys) return [];
    return [
        {
            policy: "openai-admin-key-count",
            message: `The organization has ${keys.length} admin API keys, over the limit of ${config.maxKeys}. Delete ${keys.length - config.maxKeys} unused or duplicate keys (oldest: ${[
                ...keys,
            ]
                .sort(byCreation)
                .slice(0, 3)
                .map((k) => shownId(k.id))
                .join(", ")}).`,
        },
    ];
}

/**
 * Runs every rule with `config` over the defaults; returns the violations, by rule then key.
 *
 * @example
 * ```ts
 * const { keys } = await getAdminApiKeys();
 * for (const v of evaluateKeyPolicies(keys, { maxKeyAgeDays: 180 })) console.log(v.message);
 * ```
 */
export function evaluateKeyPolicies(
    keys: readonly RuleKey[],
    config: Partial<KeyPolicyConfig> = {},
    now = Math.floor(Date.now() / 1000),
): Violation[] {
    const c = withDefaults(DEFAULT_KEY_POLICY_CONFIG, config, KINDS, "evaluateKeyPolicies");
    checkNow(now);
    if (c.namePattern !== undefined) safePattern(c.namePattern, "namePattern", fail);
    return [
        ...checkMaxKeyAge(keys, c, now),
        ...checkUnusedKeys(keys, c, now),
        ...checkKeyExpiry(keys, c),
        ...checkKeyNaming(keys, c),
        ...checkKeyOwners(keys, c),
        ...checkKeyCount(keys, c),
    ];
}
