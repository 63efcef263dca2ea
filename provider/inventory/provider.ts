/**
 * What the inventory's dynamic provider does, loaded by the provider host at call time from the
 * installed package (`pulumi-openai-admin-keys/inventory-provider`). Nothing here is serialized
 * into state: the state holds only the small shim in `provider.ts`, so upgrading the package
 * upgrades the provider, and the admin key is read here, at call time, never captured.
 *
 * Nothing in OpenAI is ever changed: create, update and delete only record or forget.
 */
import { ConfigurationError, InvalidResponseError, OpenAIAdminError } from "../errors";
import type { ConfigLookup } from "../listing/connection";
import { compareInventories, renderDriftLines } from "../drift/report";
import { fetchInventory } from "./fetch-inventory";
import { Inventory, InventoryArgs, SCHEMA_VERSION } from "./state";
import { shortHash } from "../internal/keys";
import { UNKNOWN } from "../internal/pulumi-wire";

/** The resource's own arguments, as they arrive from the engine (the admin key apart). */
type Args = Omit<InventoryArgs, "adminKey">;
/** What the program sends besides the arguments: the admin key, which check uses and drops. */
type Props = Omit<Args, "organization"> &
    Partial<Omit<Inventory, keyof Args>> & { organization?: string | null; adminKey?: unknown } & Record<
        string,
        unknown
    >;

let config: ConfigLookup = () => undefined;

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

/** Keeps the stack config (`openai:adminKey`, ...) for later calls; the engine sends it once. */
export async function configure(req: { config: { get(key: string): unknown } }): Promise<void> {
    config = (key) => {
        const v = req.config.get(key);
        return typeof v === "string" ? v : undefined;
    };
}

/**
 * Where the provider plugin's configuration comes from (`openai-admin-keys:adminKey`, ...): the
 * same inventory code behind a second front door.
 */
export function useConfig(lookup: ConfigLookup): void {
    config = lookup;
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
    };
}

/**
 * Validates the arguments and fetches every key (same client, same fail-closed rules as the data
 * source), so keys are part of the checked inputs and known during `pulumi preview`. With an
 * argument still unknown it fetches nothing.
 *
 * The admin key arrives as an input (the program reads `openai:adminKey`) and is used here only:
 * the checked inputs, which are all the engine records, never contain it.
 */
export function check(
    olds: Props,
    news: Props,
    report: DriftReporter = toStderr,
): Promise<{ inputs: Props; failures?: Array<{ property: string; reason: string }> }> {
    return oneLine(checkInputs(olds, news, report));
}

/** Where drift lines go: one line per key changed out of band. */
export type DriftReporter = (lines: string[]) => void;

/**
 * The dynamic provider host shows its standard error under the stack's Diagnostics in every
 * `pulumi preview` and `up`: the plain display otherwise shows only `[diff: ~keys]`, and the
 * detailed diff only with `--diff`. (The plugin logs to the engine instead.)
 */
const toStderr: DriftReporter = (lines) => process.stderr.write(lines.map((l) => `${l}\n`).join(""));

async function checkInputs(
    olds: Props,
    news: Props,
    report: DriftReporter,
): Promise<{ inputs: Props; failures?: Array<{ property: string; reason: string }> }> {
    const a = argsOf(news);
    const failures: Array<{ property: string; reason: string }> = [];
    if (
        a.recentUsageDays !== undefined &&
        a.recentUsageDays !== (UNKNOWN as unknown) &&
        !(Number.isInteger(a.recentUsageDays) && a.recentUsageDays >= 1 && a.recentUsageDays <= 365)
    ) {
        failures.push({
            property: "recentUsageDays",
            reason: `recentUsageDays must be a whole number of days from 1 to 365; got ${String(a.recentUsageDays)}.`,
        });
    }
    for (const p of ["baseUrl", "organization"] as const) {
        if (a[p] !== undefined && typeof a[p] !== "string")
            failures.push({ property: p, reason: `${p} must be a string.` });
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
export async function diff(): Promise<{ replaces: string[] }> {
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
async function recordOrFetch(props: Props): Promise<Inventory> {
    return props.keys === undefined ? fetchInventory(argsOf(props), config) : outputs(props);
}

/** Records the checked inventory; the id names the organization endpoint, not any key. */
export async function create(inputs: Props): Promise<{ id: string; outs: Inventory }> {
    const inv = await oneLine(recordOrFetch(inputs));
    const id = "admin-api-keys-" + shortHash(JSON.stringify([inv.baseUrl, inv.organization]), 12);
    return { id, outs: inv };
}

export async function update(_id: string, _olds: Props, news: Props): Promise<{ outs: Inventory }> {
    return { outs: await oneLine(recordOrFetch(news)) };
}

/**
 * `pulumi refresh`: re-reads the organization, and returns matching inputs so the next preview is
 * clean. Refresh does not run the program, so the key comes from OPENAI_ADMIN_KEY only.
 */
export async function read(id: string, props: Props): Promise<{ id: string; props: Inventory; inputs: Props }> {
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

/** Nothing to delete in OpenAI: the inventory only forgets. */
export async function remove(): Promise<void> {
    return;
}
