/**
 * What the inventory's dynamic provider does, loaded by the provider host at call time from the
 * installed package (`pulumi-openai-admin-keys/inventory-provider`). Nothing here is serialized
 * into state: the state holds only the small shim in `provider.ts`, so upgrading the package
 * upgrades the provider, and the admin key is read here, at call time, never captured.
 *
 * Nothing in OpenAI is ever changed: create, update and delete only record or forget.
 *
 * No settings live in this module: each provider instance is made with its own config lookup
 * (`createInventoryProvider`), so one provider's admin key or base URL never reaches another's calls.
 */
import { ConfigurationError, InvalidResponseError, OpenAIAdminError } from "../errors";
import type { ConfigLookup } from "../listing/connection";
import { compareInventories, renderDriftLines } from "../drift/report";
import { fetchInventory } from "./fetch-inventory";
import { Inventory, InventoryArgs, SCHEMA_VERSION } from "./state";
import { shortHash } from "../internal/keys";
import { UNKNOWN } from "../internal/pulumi-wire";
import { shownValue, typeName } from "../internal/check-args";
import { LIST_OPTION_LIMITS } from "../options";

/** The resource's own arguments, as they arrive from the engine (the admin key apart). */
type Args = Omit<InventoryArgs, "adminKey">;
/** What the program sends besides the arguments: the admin key, which check uses and drops. */
type Props = Omit<Args, "organization"> &
    Partial<Omit<Inventory, keyof Args>> & { organization?: string | null; adminKey?: unknown } & Record<
        string,
        unknown
    >;

/**
 * The provider host prints `${err}: ${err.stack}` before the engine shows the error on the
 * resource. This package's errors say what to do in their message; a stack of its internals on
 * top only buries it, so they reach the host without one.
 */
export async function oneLine<T>(p: Promise<T>): Promise<T> {
    try {
        return await p;
    } catch (err) {
        if (err instanceof OpenAIAdminError)
            Object.defineProperty(err, "stack", { value: "", configurable: true, writable: true });
        throw err;
    }
}

/**
 * The dynamic provider host's configuration (the provider resource's, `openai:adminKey`, ...) as a
 * lookup. The engine sends it once per provider, to `configure`.
 */
export function providerConfigLookup(req?: { config: { get(key: string): unknown } }): ConfigLookup {
    return (key) => {
        const v = req?.config.get(key);
        return typeof v === "string" ? v : undefined;
    };
}

/**
 * One inventory provider and its settings: each provider instance (the dynamic provider host's
 * configured provider, a plugin's provider) makes its own, so settings never cross providers.
 */
export interface InventoryProvider {
    check(olds: Props, news: Props, report?: DriftReporter): Promise<CheckResult>;
    diff(): Promise<{ replaces: string[] }>;
    create(inputs: Props): Promise<{ id: string; outs: Inventory }>;
    read(id: string, props: Props): Promise<{ id: string; props: Inventory; inputs: Props }>;
    update(id: string, olds: Props, news: Props): Promise<{ outs: Inventory }>;
    remove(): Promise<void>;
}

type CheckResult = { inputs: Props; failures?: Array<{ property: string; reason: string }> };

/** The dynamic provider host's entry: the provider for the configuration `configure` received. */
export function forProviderConfig(req?: { config: { get(key: string): unknown } }): InventoryProvider {
    return createInventoryProvider(providerConfigLookup(req));
}

/**
 * The inventory's provider over `config`, where its settings come from (explicit arguments first,
 * then `config`, then the environment).
 */
export function createInventoryProvider(config: ConfigLookup): InventoryProvider {
    return {
        check: (olds, news, report = toStderr) => oneLine(checkInputs(olds, news, report, config)),
        diff,
        create: async (inputs) => {
            const inv = await oneLine(recordOrFetch(inputs, config));
            const id = "admin-api-keys-" + shortHash(JSON.stringify([inv.baseUrl, inv.organization]), 12);
            return { id, outs: inv };
        },
        read: (id, props) => read(id, props, config),
        update: async (_id, _olds, news) => ({ outs: await oneLine(recordOrFetch(news, config)) }),
        remove: async () => undefined,
    };
}

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (value && typeof value === "object") return Object.values(value as object).some(containsUnknown);
    return false;
}

function argsOf(props: Props): Args {
    return {
        ...(props.baseUrl !== undefined ? { baseUrl: props.baseUrl } : {}),
        ...(props.organization !== undefined && props.organization !== null
            ? { organization: props.organization }
            : {}),
        ...(props.recentUsageDays !== undefined ? { recentUsageDays: props.recentUsageDays } : {}),
        ...(props.pageSize !== undefined ? { pageSize: props.pageSize } : {}),
    };
}

/** Where drift lines go: one line per key changed out of band. */
export type DriftReporter = (lines: string[]) => void;

/**
 * The dynamic provider host shows its standard error under the stack's Diagnostics in every
 * `pulumi preview` and `up`: the plain display otherwise shows only `[diff: ~keys]`, and the
 * detailed diff only with `--diff`. (The plugin logs to the engine instead.)
 */
const toStderr: DriftReporter = (lines) => process.stderr.write(lines.map((l) => `${l}\n`).join(""));

/**
 * Validates the arguments and fetches every key (same client, same fail-closed rules as the data
 * source), so keys are part of the checked inputs and known during `pulumi preview`. With an
 * argument still unknown it fetches nothing.
 *
 * The admin key arrives as an input (the program reads `openai:adminKey`) and is used here only:
 * the checked inputs, which are all the engine records, never contain it.
 */
async function checkInputs(
    olds: Props,
    news: Props,
    report: DriftReporter,
    config: ConfigLookup,
): Promise<CheckResult> {
    const a = argsOf(news);
    const failures: Array<{ property: string; reason: string }> = [];
    const known = (v: unknown) => v !== undefined && v !== UNKNOWN;
    for (const [p, min, max] of [
        ["recentUsageDays", 1, 365],
        ["pageSize", 1, LIST_OPTION_LIMITS.pageSize],
    ] as const) {
        const v = a[p];
        if (known(v) && !(Number.isInteger(v) && (v as number) >= min && (v as number) <= max))
            failures.push({
                property: p,
                reason: `${p} must be a whole number from ${min} to ${max}; got ${shownValue(v)}.`,
            });
    }
    for (const p of ["baseUrl", "organization"] as const) {
        if (known(a[p]) && typeof a[p] !== "string")
            failures.push({ property: p, reason: `${p} must be a string; got ${typeName(a[p])}.` });
    }
    if (failures.length) return { inputs: { ...a }, failures };
    // An argument or the key not known yet (preview): no listing; the keys are unknown.
    if (containsUnknown(a) || news.adminKey === UNKNOWN) return { inputs: { ...a } };
    const adminKey = typeof news.adminKey === "string" ? news.adminKey : undefined;
    const live = await fetchInventory({ ...a, adminKey }, config);
    if (Object.hasOwn(live.keys, "__proto__")) {
        // Pulumi's Node SDK converts inputs through plain objects, where this one name is lost:
        // the state would silently hold one key fewer than the organization has.
        throw new InvalidResponseError(
            'The organization has an admin key whose id is "__proto__", which Pulumi cannot record in the stack; the inventory ' +
                "was not recorded rather than recorded without it. Check the base URL: OpenAI's key ids start with key_.",
        );
    }
    reportDrift(olds, live, report);
    return { inputs: { ...a, ...live } };
}

/** Names each key and field that changed out of band. */
function reportDrift(recorded: Props, live: Inventory, report: DriftReporter): void {
    if (!recorded.keys || typeof recorded.keys !== "object") return; // nothing recorded yet
    const lines = renderDriftLines(compareInventories({ keys: recorded.keys }, live));
    if (lines.length) report(lines.map((l) => `admin key drift: ${l}`));
}

/**
 * Leaves the comparison to the engine. The dynamic provider protocol carries only "changed or not"
 * from here, so `pulumi preview` could not say what changed. Answering "unknown" makes the engine
 * diff the recorded inputs against the checked ones itself, and it then names each changed path
 * (`keys.<id>.name`, `keys.<id>.owner.id`, ...) in the preview, with `--diff`, and in its step
 * events. The checked inputs are built so that only drift differs (see `state.ts` on usage).
 */
async function diff(): Promise<{ replaces: string[] }> {
    return { replaces: [] };
}

function outputs(props: Props): Inventory {
    const { baseUrl, organization, recentUsageDays, keys, ids, count, providerVersion, schemaVersion } =
        props as Props & Inventory;
    return {
        baseUrl,
        organization: organization ?? null,
        recentUsageDays,
        keys,
        ids,
        count,
        providerVersion,
        schemaVersion: schemaVersion ?? SCHEMA_VERSION,
    };
}

/** The checked inventory, or a fresh one if check could not list (an argument was unknown then). */
async function recordOrFetch(props: Props, config: ConfigLookup): Promise<Inventory> {
    return props.keys === undefined ? fetchInventory(argsOf(props), config) : outputs(props);
}

/**
 * `pulumi refresh`: re-reads the organization, and returns matching inputs so the next preview is
 * clean. Refresh does not run the program, so the key comes from OPENAI_ADMIN_KEY only.
 */
async function read(
    id: string,
    props: Props,
    config: ConfigLookup,
): Promise<{ id: string; props: Inventory; inputs: Props }> {
    const a = argsOf(props);
    let inv: Inventory;
    try {
        inv = await oneLine(fetchInventory(a, config));
    } catch (err) {
        if (err instanceof ConfigurationError && !process.env.OPENAI_ADMIN_KEY) {
            throw new ConfigurationError(
                "`pulumi refresh` of an AdminApiKeyInventory needs OPENAI_ADMIN_KEY in the environment of pulumi: refresh does not " +
                    `run the program, so the stack's ${config.namespace ?? "openai"}:adminKey does not reach the provider (it is never recorded in the state). ` +
                    "Set OPENAI_ADMIN_KEY for the refresh, or run `pulumi up`, which records the current keys as well.",
            );
        }
        throw err;
    }
    return { id, props: inv, inputs: { ...a, ...inv } };
}
