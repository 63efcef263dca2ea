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
import { UNKNOWN } from "../internal/pulumi-wire";
import { shownValue, typeName } from "../internal/check-args";
import { ADMIN_KEY_INVENTORY, ESTATE_INVENTORY, InventoryKind } from "./kinds";

/**
 * What the engine sends: the resource's arguments, what check recorded (on later calls), and the
 * admin key, which check uses and drops.
 */
type Props = Record<string, unknown> & { adminKey?: unknown };

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
    create(inputs: Props): Promise<{ id: string; outs: object }>;
    read(id: string, props: Props): Promise<{ id: string; props: object; inputs: Props }>;
    update(id: string, olds: Props, news: Props): Promise<{ outs: object }>;
    remove(): Promise<void>;
}

type CheckResult = { inputs: Props; failures?: Array<{ property: string; reason: string }> };

/** The dynamic provider host's entry for the AdminApiKeyInventory: the provider for the configuration `configure` received. */
export function forProviderConfig(req?: { config: { get(key: string): unknown } }): InventoryProvider {
    return createInventoryProvider(providerConfigLookup(req));
}

/** The same for the OrganizationApiKeyInventory. */
export function forEstateProviderConfig(req?: { config: { get(key: string): unknown } }): InventoryProvider {
    return createEstateInventoryProvider(providerConfigLookup(req));
}

/**
 * The admin-key inventory's provider over `config`, where its settings come from (explicit
 * arguments first, then `config`, then the environment).
 */
export function createInventoryProvider(config: ConfigLookup): InventoryProvider {
    return createProvider(ADMIN_KEY_INVENTORY, config);
}

/** The estate inventory's provider over `config`. */
export function createEstateInventoryProvider(config: ConfigLookup): InventoryProvider {
    return createProvider(ESTATE_INVENTORY, config);
}

/** One provider of either inventory: the kind says what it lists and records; the rest is shared. */
export function createProvider<Recorded extends object>(
    kind: InventoryKind<Recorded>,
    config: ConfigLookup,
): InventoryProvider {
    return {
        check: (olds, news, report = toStderr) => oneLine(checkInputs(kind, olds, news, report, config)),
        diff,
        create: async (inputs) => {
            const inv = await oneLine(recordOrFetch(kind, inputs, config));
            return { id: kind.idOf(inv), outs: inv };
        },
        read: (id, props) => read(kind, id, props, config),
        update: async (_id, _olds, news) => ({ outs: await oneLine(recordOrFetch(kind, news, config)) }),
        remove: async () => undefined,
    };
}

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (value && typeof value === "object") return Object.values(value as object).some(containsUnknown);
    return false;
}

/** The resource's own arguments among `props` (the admin key apart; a null organization is none). */
function argsOf(kind: InventoryKind<object>, props: Props): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of kind.args) {
        const v = props[name];
        if (v !== undefined && !(name === "organization" && v === null)) out[name] = v;
    }
    return out;
}

/** Where drift lines go: one line per change out of band. */
export type DriftReporter = (lines: string[]) => void;

/**
 * The dynamic provider host shows its standard error under the stack's Diagnostics in every
 * `pulumi preview` and `up`: the plain display otherwise shows only `[diff: ~keys]`, and the
 * detailed diff only with `--diff`. (The plugin logs to the engine instead.)
 */
const toStderr: DriftReporter = (lines) => process.stderr.write(lines.map((l) => `${l}\n`).join(""));

/**
 * Validates the arguments and lists (same client, same fail-closed rules as the data sources), so
 * the recorded inventory is part of the checked inputs and known during `pulumi preview`. With an
 * argument still unknown it lists nothing.
 *
 * The admin key arrives as an input (the program reads `openai:adminKey`) and is used here only:
 * the checked inputs, which are all the engine records, never contain it.
 */
async function checkInputs<Recorded extends object>(
    kind: InventoryKind<Recorded>,
    olds: Props,
    news: Props,
    report: DriftReporter,
    config: ConfigLookup,
): Promise<CheckResult> {
    const a = argsOf(kind, news);
    const failures: Array<{ property: string; reason: string }> = [];
    const known = (v: unknown) => v !== undefined && v !== UNKNOWN;
    for (const [p, min, max] of kind.wholeNumbers) {
        const v = a[p];
        if (known(v) && !(Number.isInteger(v) && (v as number) >= min && (v as number) <= max))
            failures.push({
                property: p,
                reason: `${p} must be a whole number from ${min} to ${max}; got ${shownValue(v)}.`,
            });
    }
    for (const p of kind.strings) {
        if (known(a[p]) && typeof a[p] !== "string")
            failures.push({ property: p, reason: `${p} must be a string; got ${typeName(a[p])}.` });
    }
    for (const p of kind.booleans) {
        if (known(a[p]) && typeof a[p] !== "boolean")
            failures.push({ property: p, reason: `${p} must be true or false; got ${typeName(a[p])}.` });
    }
    if (failures.length) return { inputs: { ...a }, failures };
    // An argument or the key not known yet (preview): no listing; the recorded inventory is unknown.
    if (containsUnknown(a) || news.adminKey === UNKNOWN) return { inputs: { ...a } };
    const adminKey = typeof news.adminKey === "string" ? news.adminKey : undefined;
    const live = await kind.fetch({ ...a, adminKey }, config, "check");
    const proto = kind.unrecordable(live);
    // Pulumi's Node SDK converts inputs through plain objects, where this one name is lost: the
    // state would silently hold one item fewer than the organization has.
    if (proto)
        throw new InvalidResponseError(
            `${proto} whose id is "__proto__", which Pulumi cannot record in the stack; the inventory was not recorded rather ` +
                "than recorded without it. Check the base URL: OpenAI's ids start with key_, proj_ or user-.",
        );
    if (olds[kind.recordedField] && typeof olds[kind.recordedField] === "object") {
        const lines = kind.driftLines(olds as Recorded, live);
        if (lines.length) report(lines.map((l) => `${kind.driftPrefix}: ${l}`));
    }
    return { inputs: { ...a, ...live } };
}

/**
 * Leaves the comparison to the engine. The dynamic provider protocol carries only "changed or not"
 * from here, so `pulumi preview` could not say what changed. Answering "unknown" makes the engine
 * diff the recorded inputs against the checked ones itself, and it then names each changed path
 * (`keys.<id>.name`, `projects.<id>.apiKeys.<id>.ownerProjectAccess`, ...) in the preview, with
 * `--diff`, and in its step events. The checked inputs are built so that only drift differs (see
 * `state.ts` on usage).
 */
async function diff(): Promise<{ replaces: string[] }> {
    return { replaces: [] };
}

/** The checked inventory, or a fresh one if check could not list (an argument was unknown then). */
async function recordOrFetch<Recorded extends object>(
    kind: InventoryKind<Recorded>,
    props: Props,
    config: ConfigLookup,
): Promise<Recorded> {
    return props[kind.recordedField] === undefined
        ? kind.fetch(argsOf(kind, props), config, "create")
        : kind.outputs(props);
}

/**
 * `pulumi refresh`: re-reads the organization, and returns matching inputs so the next preview is
 * clean. Refresh does not run the program, so the key comes from OPENAI_ADMIN_KEY only.
 */
async function read<Recorded extends object>(
    kind: InventoryKind<Recorded>,
    id: string,
    props: Props,
    config: ConfigLookup,
): Promise<{ id: string; props: Recorded; inputs: Props }> {
    const a = argsOf(kind, props);
    let inv: Recorded;
    try {
        inv = await oneLine(kind.fetch(a, config, "read"));
    } catch (err) {
        if (err instanceof ConfigurationError && !process.env.OPENAI_ADMIN_KEY) {
            throw new ConfigurationError(
                `\`pulumi refresh\` of an ${kind.resource} needs OPENAI_ADMIN_KEY in the environment of pulumi: refresh does not ` +
                    `run the program, so the stack's ${config.namespace ?? "openai"}:adminKey does not reach the provider (it is never recorded in the state). ` +
                    "Set OPENAI_ADMIN_KEY for the refresh, or run `pulumi up`, which records the current keys as well.",
            );
        }
        throw err;
    }
    return { id, props: inv, inputs: { ...a, ...inv } };
}
