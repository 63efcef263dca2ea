/**
 * CrossGuard policies for OpenAI Admin API keys (`pulumi-openai-admin-keys/policy`).
 *
 * Uses only the types of `@pulumi/policy` (an optional peer dependency that the policy pack itself
 * loads), and neither it nor `@pulumi/pulumi` at run time. The policies validate the checked
 * inputs of either form of the inventory (the dynamic resource and the plugin's), so they run
 * during `pulumi preview`; while the keys are unknown they report "not applicable" instead of failing.
 */
import type { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { stripUndefined } from "../internal/objects";
import { ConfigurationError } from "../errors";
import { checkChoice, checkKnownNames, checkObject } from "../internal/check-args";
import { INVENTORY_TYPES } from "../inventory/resource-type";
import * as rules from "./rules";
import { DEFAULT_KEY_POLICY_CONFIG, KeyPolicyConfig, PolicyName, RuleKey, Violation } from "./rules";

export * from "./rules";

/** Options of {@link adminApiKeyPolicies}. */
export interface AdminApiKeyPoliciesOptions {
    /** Enforcement level per policy, over the defaults (see the README). */
    readonly enforcementLevel?: Partial<Record<PolicyName, EnforcementLevel>>;
    /** Clock in Unix seconds (tests). */
    readonly now?: () => number;
}

/** One policy: its name, default level, settings (as JSON Schema) and rule over what it reads. */
export type PolicySpec<Name extends string, Item, Config> = {
    name: Name;
    description: string;
    enforcementLevel: EnforcementLevel;
    schema: Record<string, Record<string, unknown>>;
    run: (items: Item, c: Config, now: number) => readonly { message: string }[];
};
type Spec = PolicySpec<PolicyName, RuleKey[], KeyPolicyConfig>;

const D = DEFAULT_KEY_POLICY_CONFIG;
const days = (key: keyof KeyPolicyConfig, description: string) => ({
    [key]: { type: "integer", minimum: 1, default: D[key], description },
});

const SPECS: Spec[] = [
    {
        name: "openai-admin-key-max-age",
        description: "OpenAI admin API keys must be rotated before they reach a maximum age.",
        enforcementLevel: "mandatory",
        schema: days("maxKeyAgeDays", "Oldest an admin key may be, in days."),
        run: (k, c, now) => rules.checkMaxKeyAge(k, c, now),
    },
    {
        name: "openai-admin-key-unused",
        description: "OpenAI admin API keys that are not used (or never were) should be deleted.",
        enforcementLevel: "advisory",
        schema: {
            ...days("maxUnusedDays", "Longest an admin key may go unused, in days."),
            ...days("neverUsedGraceDays", "How long a new key may exist without being used, in days."),
        },
        run: (k, c, now) => rules.checkUnusedKeys(k, c, now),
    },
    {
        name: "openai-admin-key-expiry",
        description: "OpenAI admin API keys must expire, and not too late.",
        enforcementLevel: "mandatory",
        schema: {
            requireExpiry: {
                type: "boolean",
                default: D.requireExpiry,
                description: "Whether every admin key must have an expiry.",
            },
            ...days("maxLifetimeDays", "Longest lifetime (expiry minus creation), in days."),
        },
        run: (k, c) => rules.checkKeyExpiry(k, c),
    },
    {
        name: "openai-admin-key-naming",
        description: "OpenAI admin API key names must follow the naming convention.",
        enforcementLevel: "advisory",
        schema: {
            namePattern: {
                type: "string",
                default: D.namePattern,
                description: "JavaScript regular expression every key name must match.",
            },
        },
        run: (k, c) => rules.checkKeyNaming(k, c),
    },
    {
        name: "openai-admin-key-owner",
        description: "OpenAI admin API keys must be owned by allowed owner types (and owners).",
        enforcementLevel: "mandatory",
        schema: {
            allowedOwnerTypes: {
                type: "array",
                items: { type: "string" },
                default: [...D.allowedOwnerTypes],
                description: "Owner types allowed: user, service_account.",
            },
            allowedOwnerIds: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "If non-empty, only these owner ids may hold admin keys.",
            },
        },
        run: (k, c) => rules.checkKeyOwners(k, c),
    },
    {
        name: "openai-admin-key-count",
        description: "An OpenAI organization may hold at most a set number of admin API keys.",
        enforcementLevel: "mandatory",
        schema: {
            maxKeys: {
                type: "integer",
                minimum: 0,
                default: D.maxKeys,
                description: "Most admin keys the organization may have.",
            },
        },
        run: (k, c) => rules.checkKeyCount(k, c),
    },
];

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The options of a policy set, checked when the pack is built: a misspelled policy name is an error, not ignored. */
function checkPolicyOptions(
    options: { enforcementLevel?: object; now?: unknown },
    names: readonly string[],
    where: string,
): void {
    const fail = (m: string) => new ConfigurationError(m);
    checkObject(options, `${where} options`, fail);
    checkKnownNames(options, ["enforcementLevel", "now"], where, fail, "option");
    if (options.now !== undefined && typeof options.now !== "function")
        throw fail(`${where} option now must be a function returning Unix seconds.`);
    checkObject(options.enforcementLevel, "enforcementLevel", fail);
    checkKnownNames(options.enforcementLevel ?? {}, names, "enforcementLevel", fail, "policy");
    for (const [name, level] of Object.entries(options.enforcementLevel ?? {}))
        checkChoice(level, `enforcementLevel[${name}]`, ENFORCEMENT_LEVELS, fail);
}

/**
 * A recorded field of an inventory as plain values; "not applicable" while it is unknown (an
 * argument of the inventory is unknown in this preview). `what` names it in that message.
 */
export function recordedField(
    inventory: Record<string, unknown>,
    field: string,
    what: string,
    args: ResourceValidationArgs,
): object {
    let plain: unknown;
    try {
        // Reading through CrossGuard's proxy throws on any value unknown during preview.
        plain = JSON.parse(JSON.stringify(inventory[field] ?? null));
    } catch (e) {
        if (e instanceof Error && /can't be known during preview/.test(e.message)) {
            args.notApplicable(
                `the ${what} are not known yet (an argument of the inventory is unknown in this preview)`,
            );
        }
        throw e;
    }
    if (plain === null || typeof plain !== "object") {
        args.notApplicable(
            `the inventory holds no ${what} yet (an argument of the inventory is unknown in this preview)`,
        );
    }
    return plain as object;
}

/**
 * Policies from specs: each applies to the resource `types`, reads what `read` takes of their
 * checked inputs, and runs its rule with its settings over `defaults`.
 */
export function buildPolicies<Name extends string, Item, Config extends object>(
    specs: readonly PolicySpec<Name, Item, Config>[],
    options: { readonly enforcementLevel?: Partial<Record<Name, EnforcementLevel>>; readonly now?: () => number },
    where: string,
    types: readonly string[],
    defaults: Config,
    read: (props: Record<string, unknown>, args: ResourceValidationArgs) => Item,
): ResourceValidationPolicy[] {
    checkPolicyOptions(
        options,
        specs.map((s) => s.name),
        where,
    );
    const now = options.now ?? (() => Math.floor(Date.now() / 1000));
    return specs.map((s) => ({
        name: s.name,
        description: s.description,
        enforcementLevel: options.enforcementLevel?.[s.name] ?? s.enforcementLevel,
        configSchema: { properties: s.schema },
        // Both forms of the inventory: the dynamic resource of TypeScript programs and the plugin's.
        validateResource: (args, reportViolation) => {
            if (!types.includes(args.type)) {
                args.notApplicable(
                    `Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(" or ")}`,
                );
                return;
            }
            // The checked inputs hold the recorded inventory besides the arguments.
            const items = read(args.props as Record<string, unknown>, args);
            const config = { ...defaults, ...stripUndefined(args.getConfig<Partial<Config>>() ?? {}) } as Config;
            for (const v of s.run(items, config, now())) reportViolation(v.message);
        },
    }));
}

/**
 * The admin key policies, to spread into your own policy pack. Each has a `configSchema` whose
 * defaults are also applied in code, so a pack works with no configuration at all.
 *
 * @example
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { adminApiKeyPolicies } from "pulumi-openai-admin-keys/policy";
 *
 * new PolicyPack("openai-admin-keys", { policies: [...adminApiKeyPolicies()] });
 * ```
 */
export function adminApiKeyPolicies(options: AdminApiKeyPoliciesOptions = {}): ResourceValidationPolicy[] {
    return buildPolicies(
        SPECS,
        options,
        "adminApiKeyPolicies",
        INVENTORY_TYPES,
        DEFAULT_KEY_POLICY_CONFIG,
        (props, args) => Object.values(recordedField(props, "keys", "admin keys", args) as Record<string, RuleKey>),
    );
}
