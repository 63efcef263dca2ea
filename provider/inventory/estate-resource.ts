/**
 * OrganizationApiKeyInventory: a read-only dynamic resource that records the whole estate in the
 * stack (every project with its API keys and service accounts, and the admin keys), for CrossGuard
 * policies and drift previews across hundreds of projects.
 */
import * as pulumi from "@pulumi/pulumi";
import { ESTATE_INVENTORY_TYPE } from "./resource-type";
import type { EstateInventoryArgs } from "./estate-state";
import type { EstateCounts, RecordedProject } from "./recorded-estate";
import type { InventoryKey } from "./state";
import { ConfigurationError } from "../errors";
import { checkKnownNames } from "../internal/check-args";
import { connectionInputs, inventoryProviderResource, providerShim } from "./resource";

/** Every argument the estate inventory takes. */
const ESTATE_ARGS: readonly (keyof EstateInventoryArgs)[] = [
    "baseUrl",
    "organization",
    "recentUsageDays",
    "pageSize",
    "includeArchived",
    "concurrency",
    "adminKey",
];

const estateProvider = providerShim("forEstateProviderConfig");

/** Arguments of {@link OrganizationApiKeyInventory}: {@link EstateInventoryArgs} as Pulumi inputs. */
export type OrganizationApiKeyInventoryArgs = {
    readonly [K in keyof EstateInventoryArgs]?: pulumi.Input<NonNullable<EstateInventoryArgs[K]>>;
};

/**
 * Records the organization's whole estate in the stack: every project (archived ones included unless
 * `includeArchived: false`) with its API keys and service accounts by id, and the admin keys. Never
 * changes anything in OpenAI.
 *
 * The estate is listed during `check`, completely or not at all, so it is known in `pulumi preview`,
 * visible to CrossGuard policies (`organizationApiKeyPolicies()`), and compared key by key with
 * what the stack recorded: a key created, deleted or renamed outside code, a project created or
 * archived, an owner losing access to a project each show as a change naming project, key and
 * field. One `pulumi up` lists once: the update records what its preview listed.
 *
 * The admin key comes from `adminKey`, `openai:adminKey` (a secret in the stack config) or
 * `OPENAI_ADMIN_KEY` in the environment of `pulumi`; it is never recorded in the state. `pulumi
 * refresh` does not run the program, so it reads the key from `OPENAI_ADMIN_KEY` only.
 *
 * @example
 * ```ts
 * const estate = new OrganizationApiKeyInventory("estate");
 * export const projectKeyCount = estate.counts.projectApiKeys;
 * ```
 */
export class OrganizationApiKeyInventory extends pulumi.dynamic.Resource {
    /** The type token policy packs match on. */
    static readonly __pulumiType = ESTATE_INVENTORY_TYPE;

    /** Whether `obj` is an OrganizationApiKeyInventory (also across copies of this package). */
    static override isInstance(obj: unknown): obj is OrganizationApiKeyInventory {
        return (
            pulumi.CustomResource.isInstance(obj) &&
            (obj as unknown as { __pulumiType?: string }).__pulumiType === OrganizationApiKeyInventory.__pulumiType
        );
    }

    /** Every project, by id, with its API keys and service accounts by id. */
    declare readonly projects: pulumi.Output<Record<string, RecordedProject>>;
    /** Every admin key, by id. */
    declare readonly adminKeys: pulumi.Output<Record<string, InventoryKey>>;
    /** Counts per kind. */
    declare readonly counts: pulumi.Output<EstateCounts>;
    declare readonly baseUrl: pulumi.Output<string>;
    declare readonly organization: pulumi.Output<string | null>;
    declare readonly recentUsageDays: pulumi.Output<number>;
    declare readonly includeArchived: pulumi.Output<boolean>;
    /** Version of this package that recorded the state. */
    declare readonly providerVersion: pulumi.Output<string>;
    declare readonly schemaVersion: pulumi.Output<number>;

    constructor(name: string, args: OrganizationApiKeyInventoryArgs = {}, opts?: pulumi.CustomResourceOptions) {
        checkKnownNames(args, ESTATE_ARGS, "OrganizationApiKeyInventory", (m) => new ConfigurationError(m));
        super(
            estateProvider,
            name,
            {
                ...connectionInputs(args),
                recentUsageDays: args.recentUsageDays,
                pageSize: args.pageSize,
                includeArchived: args.includeArchived,
                concurrency: args.concurrency,
                adminKeys: undefined,
                projects: undefined,
                counts: undefined,
                providerVersion: undefined,
                schemaVersion: undefined,
            },
            { ...opts, provider: opts?.provider ?? inventoryProviderResource() },
            "openai",
            "OrganizationApiKeyInventory",
        );
    }
}
