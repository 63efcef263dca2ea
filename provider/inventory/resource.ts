/**
 * AdminApiKeyInventory: a read-only dynamic resource that records the organization's admin keys
 * in the stack, for CrossGuard policies (which see resources, not invokes) and drift previews.
 */
import * as pulumi from "@pulumi/pulumi";
import { INVENTORY_TYPE } from "./resource-type";
import type { InventoryArgs, InventoryKey } from "./state";
import { ConfigurationError } from "../errors";
import { checkKnownNames } from "../internal/check-args";
import { deploymentScope } from "../internal/pulumi-runtime";

/** Every argument the inventory takes. */
const INVENTORY_ARGS: readonly (keyof InventoryArgs)[] = [
    "baseUrl",
    "organization",
    "recentUsageDays",
    "pageSize",
    "adminKey",
];

/** The package's own name; the provider host loads the implementation from it at call time. */
const IMPLEMENTATION = "pulumi-openai-admin-keys/inventory-provider";

/**
 * A serialized provider: a shim that loads the installed package's implementation at call time.
 * It captures two strings and nothing else: no zod schema, no HTTP client, no admin key. The
 * provider host keeps one shim object per provider and calls `configure` on it first, so each
 * provider's implementation, with its own settings, lives on that object, never in a module.
 * `entry` names the implementation's factory: one per inventory.
 */
type Shim = pulumi.dynamic.ResourceProvider & { impl?: import("./provider").InventoryProvider };
export function providerShim(entry: "forProviderConfig" | "forEstateProviderConfig"): Shim {
    return {
        configure(req) {
            this.impl = require(IMPLEMENTATION)[entry](req);
            return Promise.resolve();
        },
        check(olds, news) {
            return (this.impl ??= require(IMPLEMENTATION)[entry]()).check(olds, news);
        },
        diff() {
            return (this.impl ??= require(IMPLEMENTATION)[entry]()).diff();
        },
        create(inputs) {
            return (this.impl ??= require(IMPLEMENTATION)[entry]()).create(inputs);
        },
        read(id, props) {
            return (this.impl ??= require(IMPLEMENTATION)[entry]()).read(id, props);
        },
        update(id, olds, news) {
            return (this.impl ??= require(IMPLEMENTATION)[entry]()).update(id, olds, news);
        },
        delete() {
            return (this.impl ??= require(IMPLEMENTATION)[entry]()).remove();
        },
    };
}
export const inventoryProvider = providerShim("forProviderConfig");

/**
 * The provider resource every inventory uses unless given another. Explicit, with no inputs, because
 * the engine gives the default `pulumi-nodejs` provider the whole stack config and records it in
 * the state, `openai:adminKey` included (encrypted, but there for anyone who can decrypt the state).
 */
class InventoryProviderResource extends pulumi.ProviderResource {
    constructor() {
        super("pulumi-nodejs", "openai-admin-keys", {});
    }
}
/** One provider resource per deployment, shared by its inventories; a new deployment makes its own. */
const providerPerDeployment = new WeakMap<object, pulumi.ProviderResource>();
export function inventoryProviderResource(): pulumi.ProviderResource {
    const scope = deploymentScope();
    if (!scope) return new InventoryProviderResource();
    let provider = providerPerDeployment.get(scope);
    if (!provider) providerPerDeployment.set(scope, (provider = new InventoryProviderResource()));
    return provider;
}

/**
 * The stack's settings, as inputs: the inventories' own provider resource has no config (see
 * above), so `openai:baseUrl` and `openai:organization` would otherwise never arrive.
 */
export function connectionInputs(args: {
    baseUrl?: pulumi.Input<string>;
    organization?: pulumi.Input<string>;
    adminKey?: pulumi.Input<string>;
}) {
    const config = new pulumi.Config("openai");
    const adminKey = args.adminKey ?? config.getSecret("adminKey");
    return {
        baseUrl: args.baseUrl ?? config.get("baseUrl"),
        organization: args.organization ?? config.get("organization"),
        adminKey: adminKey === undefined ? undefined : pulumi.secret(adminKey),
    };
}

/** Arguments of {@link AdminApiKeyInventory}: {@link InventoryArgs} as Pulumi inputs. */
export type AdminApiKeyInventoryArgs = {
    readonly [K in keyof InventoryArgs]?: pulumi.Input<NonNullable<InventoryArgs[K]>>;
};

/**
 * Records every Admin API key of the organization in the stack. Never changes anything in OpenAI.
 *
 * Keys are read during `check`, so they are known in `pulumi preview`, visible to CrossGuard
 * policies, and compared key by key with what the stack recorded: keys created, deleted, renamed
 * or re-owned outside code show as a change on this resource.
 *
 * The admin key comes from `adminKey`, `openai:adminKey` (a secret in the stack config) or
 * `OPENAI_ADMIN_KEY` in the environment of `pulumi`; it is never recorded in the state. `pulumi
 * refresh` does not run the program, so it reads the key from `OPENAI_ADMIN_KEY` only.
 *
 * @example
 * ```ts
 * const inventory = new AdminApiKeyInventory("admin-keys");
 * export const adminKeyCount = inventory.count;
 * ```
 */
export class AdminApiKeyInventory extends pulumi.dynamic.Resource {
    /** The type token policy packs match on. */
    static readonly __pulumiType = INVENTORY_TYPE;

    /** Whether `obj` is an AdminApiKeyInventory (also across copies of this package). */
    static override isInstance(obj: unknown): obj is AdminApiKeyInventory {
        return (
            pulumi.CustomResource.isInstance(obj) &&
            (obj as unknown as { __pulumiType?: string }).__pulumiType === AdminApiKeyInventory.__pulumiType
        );
    }

    /** Every key, by id. */
    declare readonly keys: pulumi.Output<Record<string, InventoryKey>>;
    /** Key ids, oldest first. */
    declare readonly ids: pulumi.Output<string[]>;
    declare readonly count: pulumi.Output<number>;
    declare readonly baseUrl: pulumi.Output<string>;
    declare readonly organization: pulumi.Output<string | null>;
    declare readonly recentUsageDays: pulumi.Output<number>;
    /** Version of this package that recorded the state. */
    declare readonly providerVersion: pulumi.Output<string>;
    declare readonly schemaVersion: pulumi.Output<number>;

    constructor(name: string, args: AdminApiKeyInventoryArgs = {}, opts?: pulumi.CustomResourceOptions) {
        checkKnownNames(args, INVENTORY_ARGS, "AdminApiKeyInventory", (m) => new ConfigurationError(m));
        super(
            inventoryProvider,
            name,
            {
                ...connectionInputs(args),
                recentUsageDays: args.recentUsageDays,
                pageSize: args.pageSize,
                keys: undefined,
                ids: undefined,
                count: undefined,
                providerVersion: undefined,
                schemaVersion: undefined,
            },
            { ...opts, provider: opts?.provider ?? inventoryProviderResource() },
            "openai",
            "AdminApiKeyInventory",
        );
    }
}
