/**
 * CrossGuard policies over the estate inventory (either form): project keys left behind, unused,
 * too old or too many, archived projects still holding keys, idle service accounts. Like the admin
 * key policies, they validate checked inputs, so they run during `pulumi preview`.
 */
import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { ESTATE_INVENTORY_TYPES } from "../inventory/resource-type";
import { buildPolicies, PolicySpec, recordedField } from "./crossguard";
import * as rules from "./estate-rules";
import { DEFAULT_ESTATE_POLICY_CONFIG, EstatePolicyConfig, EstatePolicyName, RuleProject } from "./estate-rules";

/** Options of {@link organizationApiKeyPolicies}. */
export interface OrganizationApiKeyPoliciesOptions {
    /** Enforcement level per policy, over the defaults (see the README). */
    readonly enforcementLevel?: Partial<Record<EstatePolicyName, EnforcementLevel>>;
    /** Clock in Unix seconds (tests). */
    readonly now?: () => number;
}

const D = DEFAULT_ESTATE_POLICY_CONFIG;
const days = (key: keyof EstatePolicyConfig, description: string) => ({
    [key]: { type: "integer", minimum: 1, default: D[key], description },
});
const unused = {
    ...days("maxUnusedDays", "Longest a project key may go unused, in days."),
    ...days("neverUsedGraceDays", "How long a new key or service account may exist without being used, in days."),
};

const SPECS: PolicySpec<EstatePolicyName, RuleProject[], EstatePolicyConfig>[] = [
    {
        name: "openai-project-key-owner-without-access",
        description: "OpenAI project API keys whose owner no longer has access to the project must be deleted.",
        enforcementLevel: "mandatory",
        schema: {},
        run: (p) => rules.checkOwnerWithoutAccess(p),
    },
    {
        name: "openai-project-key-unused",
        description: "OpenAI project API keys that are not used (or never were) should be deleted.",
        enforcementLevel: "advisory",
        schema: unused,
        run: (p, c, now) => rules.checkProjectKeysUnused(p, c, now),
    },
    {
        name: "openai-project-key-max-age",
        description: "OpenAI project API keys should be rotated before they reach a maximum age.",
        enforcementLevel: "advisory",
        schema: days("maxKeyAgeDays", "Oldest a project key may be, in days."),
        run: (p, c, now) => rules.checkProjectKeyMaxAge(p, c, now),
    },
    {
        name: "openai-project-key-count",
        description: "An OpenAI project may hold at most a set number of API keys.",
        enforcementLevel: "mandatory",
        schema: {
            maxKeysPerProject: {
                type: "integer",
                minimum: 0,
                default: D.maxKeysPerProject,
                description: "Most API keys one project may hold.",
            },
        },
        run: (p, c) => rules.checkProjectKeyCount(p, c),
    },
    {
        name: "openai-archived-project-keys",
        description: "Archived OpenAI projects should not hold API keys.",
        enforcementLevel: "advisory",
        schema: {},
        run: (p) => rules.checkArchivedProjectKeys(p),
    },
    {
        name: "openai-service-account-unused",
        description: "OpenAI service accounts whose keys are all unused, or that have none, should be deleted.",
        enforcementLevel: "advisory",
        schema: unused,
        run: (p, c, now) => rules.checkServiceAccountsUnused(p, c, now),
    },
    {
        name: "openai-project-key-owner-type",
        description: "OpenAI project API keys must be held by allowed owner types (e.g. service accounts only).",
        enforcementLevel: "advisory",
        schema: {
            allowedOwnerTypes: {
                type: "array",
                items: { type: "string" },
                default: [...D.allowedOwnerTypes],
                description: "Owner types allowed to hold project keys: user, service_account.",
            },
        },
        run: (p, c) => rules.checkProjectKeyOwnerTypes(p, c),
    },
];

/**
 * The estate policies, to spread into your own policy pack beside `adminApiKeyPolicies()`. Each has
 * a `configSchema` whose defaults are also applied in code; messages name project, key id and name.
 *
 * @example
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { adminApiKeyPolicies, organizationApiKeyPolicies } from "pulumi-openai-admin-keys/policy";
 *
 * new PolicyPack("openai-keys", { policies: [...adminApiKeyPolicies(), ...organizationApiKeyPolicies()] });
 * ```
 */
export function organizationApiKeyPolicies(
    options: OrganizationApiKeyPoliciesOptions = {},
): ResourceValidationPolicy[] {
    return buildPolicies(
        SPECS,
        options,
        "organizationApiKeyPolicies",
        ESTATE_INVENTORY_TYPES,
        DEFAULT_ESTATE_POLICY_CONFIG,
        (props, args) =>
            Object.values(recordedField(props, "projects", "projects", args) as Record<string, RuleProject>),
    );
}
