/**
 * The data source: every Admin API key of the organization, as a Pulumi program expects to read
 * it (`getX` / `getXOutput`, like `aws.ec2.getAmi`).
 */
// Types only: @pulumi/pulumi loads when getAdminApiKeysOutput is called, not when this package is required.
import type * as pulumi from "@pulumi/pulumi";
import type { AdminApiKey, Order } from "./admin-api-key";
import { AdminApiKeyFilters, checkFilters, filterKeys } from "./filters";
import { ConfigurationError } from "./errors";
import { checkChoice, checkKnownNames, checkObject, checkString } from "./internal/check-args";
import { listAdminApiKeys, programConfig } from "./list-admin-api-keys";
import type { ConfigLookup } from "./listing/connection";
import { ListOptionsInput, resolveListOptions } from "./options";
import { shortHash } from "./internal/keys";

/** Arguments of {@link getAdminApiKeys}. All are optional. */
export interface GetAdminApiKeysArgs extends AdminApiKeyFilters {
    /** Order of `keys` by creation time: `asc` (oldest first, default) or `desc`. */
    readonly order?: Order;
    /** Admin API key; default Pulumi config `openai:adminKey`, then `OPENAI_ADMIN_KEY`. */
    readonly adminKey?: string;
    /** API root; default `openai:baseUrl`, then `OPENAI_BASE_URL`, then `https://api.openai.com/v1`. */
    readonly baseUrl?: string;
    /** Organization id sent as `OpenAI-Organization`; default `openai:organization`, then `OPENAI_ORG_ID`. */
    readonly organization?: string;
    /** Paging, retry and limit options; see `DEFAULT_LIST_OPTIONS`. */
    readonly listOptions?: ListOptionsInput;
}

/** Arguments of {@link getAdminApiKeysOutput}: the same, as Pulumi inputs. */
export interface GetAdminApiKeysOutputArgs {
    readonly order?: pulumi.Input<Order>;
    readonly nameRegex?: pulumi.Input<string>;
    readonly ownerTypes?: pulumi.Input<pulumi.Input<string>[]>;
    readonly ownerIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Pass a secret (`config.requireSecret("adminKey")`); it is never part of the result. */
    readonly adminKey?: pulumi.Input<string>;
    readonly baseUrl?: pulumi.Input<string>;
    readonly organization?: pulumi.Input<string>;
    readonly listOptions?: ListOptionsInput;
}

/** The names {@link getAdminApiKeys} accepts. */
const GET_ADMIN_API_KEYS_ARGS: readonly (keyof GetAdminApiKeysArgs)[] = [
    "order",
    "nameRegex",
    "ownerTypes",
    "ownerIds",
    "adminKey",
    "baseUrl",
    "organization",
    "listOptions",
];

/** Result of {@link getAdminApiKeys}. */
export interface GetAdminApiKeysResult {
    /** Stable id of this lookup: the same arguments give the same id. */
    readonly id: string;
    /** The keys that pass the filters, in `order`. */
    readonly keys: readonly AdminApiKey[];
    /** Their ids, in the same order. */
    readonly ids: string[];
    readonly order: Order;
    readonly nameRegex?: string;
    readonly ownerTypes?: string[];
    readonly ownerIds?: string[];
    /** The base URL used (never the key). */
    readonly baseUrl: string;
    readonly organization?: string;
}

/**
 * Reads every Admin API key of the organization, across all pages, and applies the optional
 * client-side filters. Fails with an `OpenAIAdminError` rather than returning a partial list.
 * Works in a Pulumi program (values are known during `pulumi preview`) and in plain Node.
 *
 * `opts` is accepted for the Pulumi convention and otherwise unused: no provider plugin is
 * involved (so `provider` and `version` do not apply), and progress is reported on the stack.
 *
 * @example
 * ```ts
 * const all = await getAdminApiKeys();
 * const ci = await getAdminApiKeys({ nameRegex: "^ci-", order: "desc" });
 * console.log(all.ids.length, ci.keys[0]?.name);
 * ```
 */
export async function getAdminApiKeys(
    args: GetAdminApiKeysArgs = {},
    opts?: pulumi.InvokeOptions,
): Promise<GetAdminApiKeysResult> {
    void opts;
    return readAdminApiKeys(args);
}

/**
 * What {@link getAdminApiKeys} does, with the config source as a parameter: the provider plugin's
 * invoke reads its own provider configuration rather than a program's.
 */
export async function readAdminApiKeys(
    args: GetAdminApiKeysArgs,
    config: ConfigLookup = programConfig,
): Promise<GetAdminApiKeysResult> {
    // Every argument is checked before anything is sent: a bad pattern must not cost a listing.
    const fail = (m: string) => new ConfigurationError(m);
    checkObject(args, "getAdminApiKeys arguments", fail);
    checkKnownNames(args, GET_ADMIN_API_KEYS_ARGS, "getAdminApiKeys", fail);
    checkChoice(args.order, "order", ["asc", "desc"], fail);
    for (const name of ["adminKey", "baseUrl", "organization"] as const) checkString(args[name], name, fail);
    resolveListOptions(args.listOptions, fail, "listOptions");
    const checked = checkFilters(args);
    const listing = await listAdminApiKeys(
        {
            adminKey: args.adminKey,
            baseUrl: args.baseUrl,
            organization: args.organization,
            order: args.order,
            options: args.listOptions,
        },
        config,
    );
    const keys = filterKeys(listing.keys, checked);
    const echoed = {
        order: listing.order,
        ...(args.nameRegex !== undefined ? { nameRegex: args.nameRegex } : {}),
        ...(args.ownerTypes !== undefined ? { ownerTypes: [...args.ownerTypes] } : {}),
        ...(args.ownerIds !== undefined ? { ownerIds: [...args.ownerIds] } : {}),
        baseUrl: listing.baseUrl,
        ...(listing.organization !== undefined ? { organization: listing.organization } : {}),
    };
    const id = "openai-admin-api-keys-" + shortHash(JSON.stringify(echoed));
    return { id, keys, ids: keys.map((k) => k.id), ...echoed };
}

/**
 * {@link getAdminApiKeys} for Pulumi inputs: waits for the arguments, then lists. The result is not
 * secret even when `adminKey` is, because it holds only redacted key values, never the admin key.
 *
 * @example
 * ```ts
 * const config = new pulumi.Config("openai");
 * const keys = getAdminApiKeysOutput({ order: "desc", adminKey: config.getSecret("adminKey") });
 * export const adminKeyIds = keys.ids;
 * ```
 */
export function getAdminApiKeysOutput(
    args: GetAdminApiKeysOutputArgs = {},
    opts?: pulumi.InvokeOptions,
): pulumi.Output<GetAdminApiKeysResult> {
    const sdk = require("@pulumi/pulumi") as typeof pulumi;
    const result = sdk.output(args).apply((a) => getAdminApiKeys(a as GetAdminApiKeysArgs, opts));
    return sdk.unsecret(result);
}
