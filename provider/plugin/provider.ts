/**
 * The provider plugin: the data source and the inventory for Python, Go, YAML (and any other)
 * Pulumi programs, over the same listing, inventory and drift code as the dynamic provider. One
 * implementation, two front doors.
 *
 * Started either as the executable plugin (`npm run dist`: this module bundled into a Node.js
 * single executable) or by the plugin folder's `index.js` (`PulumiPlugin.yaml`, `runtime: nodejs`).
 *
 * Settings live in one plugin instance (`createPlugin`), never in this module: the admin key that
 * CheckConfig took is kept for the provider resource it was checked for, and only that provider's
 * Configure gets it, whatever order the engine calls them in.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { ConfigurationError } from "../errors";
import { readAdminApiKeys } from "../get-admin-api-keys";
import { checkBaseUrl, configPlaces, ConfigLookup } from "../listing/connection";
import {
    createEstateInventoryProvider,
    createInventoryProvider,
    InventoryProvider,
    oneLine,
} from "../inventory/provider";
import { quoteForTerminal } from "../internal/terminal-text";
import { typeName } from "../internal/check-args";
import { LIST_OPTION_LIMITS } from "../options";
import { VERSION } from "../version";
import { EngineLog } from "./engine-log";
import { unwrapSecrets } from "../internal/pulumi-wire";
import { PluginConfig, serve, SettingsHandlers } from "./server";
import { PLUGIN_ESTATE_INVENTORY_TYPE, PLUGIN_INVENTORY_TYPE } from "../inventory/resource-type";
import {
    packageSchema,
    PLUGIN_GET_ADMIN_API_KEYS,
    PLUGIN_GET_ORGANIZATION_API_KEYS,
    PLUGIN_GET_PROJECT_API_KEYS,
    PLUGIN_GET_PROJECT_SERVICE_ACCOUNTS,
    PLUGIN_GET_PROJECTS,
    PLUGIN_PACKAGE,
} from "./schema";
import {
    readOrganizationApiKeys,
    readProjectApiKeys,
    readProjects,
    readProjectServiceAccounts,
} from "../get-organization-api-keys";

/** What each function reads, with the plugin's own settings. */
const READERS: Record<string, (args: Record<string, unknown>, config: ConfigLookup) => Promise<object>> = {
    [PLUGIN_GET_ADMIN_API_KEYS]: (a, c) => readAdminApiKeys(a, c),
    [PLUGIN_GET_PROJECTS]: (a, c) => readProjects(a, c),
    [PLUGIN_GET_PROJECT_API_KEYS]: (a, c) => readProjectApiKeys(a as never, c),
    [PLUGIN_GET_PROJECT_SERVICE_ACCOUNTS]: (a, c) => readProjectServiceAccounts(a as never, c),
    [PLUGIN_GET_ORGANIZATION_API_KEYS]: (a, c) => readOrganizationApiKeys(a, c),
};

/** How the plugin's messages name its settings. */
const PLACES = configPlaces(PLUGIN_PACKAGE);

type Failure = { property: string; reason: string };

/** The kinds of invoke argument, and how each is checked. */
type ArgKind = "string" | "strings" | "boolean" | "pageSize" | "concurrency";

/** Every function's arguments (the schema's, less the settings every function shares). */
const FUNCTION_ARGS: Record<string, { name: string; args: Record<string, ArgKind>; required?: string[] }> = {
    [PLUGIN_GET_ADMIN_API_KEYS]: {
        name: "getAdminApiKeys",
        args: { order: "string", nameRegex: "string", ownerTypes: "strings", ownerIds: "strings" },
    },
    [PLUGIN_GET_PROJECTS]: { name: "getProjects", args: { includeArchived: "boolean" } },
    [PLUGIN_GET_PROJECT_API_KEYS]: {
        name: "getProjectApiKeys",
        args: { projectId: "string" },
        required: ["projectId"],
    },
    [PLUGIN_GET_PROJECT_SERVICE_ACCOUNTS]: {
        name: "getProjectServiceAccounts",
        args: { projectId: "string" },
        required: ["projectId"],
    },
    [PLUGIN_GET_ORGANIZATION_API_KEYS]: {
        name: "getOrganizationApiKeys",
        args: { includeArchived: "boolean", projectIds: "strings", concurrency: "concurrency" },
    },
};

/** The invoke's arguments, checked: every failure names its argument, before any request. */
function invokeArgs(
    token: string,
    raw: Record<string, unknown>,
): { args: Record<string, unknown>; failures: Failure[] } {
    const fn = FUNCTION_ARGS[token];
    const kinds: Record<string, ArgKind> = {
        ...fn.args,
        baseUrl: "string",
        organization: "string",
        pageSize: "pageSize",
    };
    const failures: Failure[] = [];
    const args: Record<string, unknown> = {};
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    for (const [name, value] of Object.entries(raw)) {
        const kind = kinds[name];
        if (kind === undefined) fail(name, `${fn.name} has no argument ${quoteForTerminal(name)}.`);
        else if (kind === "string" && typeof value !== "string")
            fail(name, `${name} must be a string; got ${typeName(value)}.`);
        else if (kind === "strings" && !(Array.isArray(value) && value.every((v) => typeof v === "string")))
            fail(name, `${name} must be a list of strings; got ${typeName(value)}.`);
        else if (kind === "boolean" && typeof value !== "boolean")
            fail(name, `${name} must be true or false; got ${typeName(value)}.`);
        else if (kind === "pageSize" && !isWhole(value, 1, LIST_OPTION_LIMITS.pageSize))
            fail(
                name,
                `pageSize must be a whole number from 1 to ${LIST_OPTION_LIMITS.pageSize}; got ${typeName(value)}.`,
            );
        else if (kind === "concurrency" && !isWhole(value, 1, 32))
            fail(name, `concurrency must be a whole number from 1 to 32; got ${typeName(value)}.`);
        else if (kind === "pageSize") args.listOptions = { pageSize: value };
        else args[name] = value;
    }
    for (const name of fn.required ?? []) if (raw[name] === undefined) fail(name, `${fn.name} needs ${name}.`);
    return { args, failures };
}

const isWhole = (v: unknown, min: number, max: number) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

function checkSettings(news: PluginConfig): Failure[] {
    const failures: Failure[] = [];
    if (news.baseUrl !== undefined) {
        try {
            checkBaseUrl(news.baseUrl, PLACES.baseUrl);
        } catch (err) {
            if (!(err instanceof ConfigurationError)) throw err;
            failures.push({ property: "baseUrl", reason: err.message });
        }
    }
    return failures;
}

/** One plugin: the provider's methods, and what it does with its settings (server.ts). */
export interface Plugin {
    readonly provider: provider.Provider;
    readonly settings: SettingsHandlers;
}

/**
 * Makes one plugin instance with its own settings. `log` is where drift lines go (the engine).
 *
 * The admin key is taken at CheckConfig, which the engine calls before Configure, and kept here
 * under the provider's URN: the checked configuration the engine records never has it.
 */
export function createPlugin(log: EngineLog = new EngineLog(undefined)): Plugin {
    let configured: PluginConfig = {};
    /** Admin keys checked, by provider URN; only that provider's Configure takes one. */
    const checkedKeys = new Map<string, string | undefined>();

    const lookup: ConfigLookup = Object.assign(
        (key: string): string | undefined => {
            const name = key.startsWith(`${PLUGIN_PACKAGE}:`) ? key.slice(PLUGIN_PACKAGE.length + 1) : undefined;
            if (name === "adminKey" || name === "baseUrl" || name === "organization") return configured[name];
            return undefined;
        },
        { namespace: PLUGIN_PACKAGE, places: PLACES },
    );
    const inventories: Record<string, InventoryProvider> = {
        [PLUGIN_INVENTORY_TYPE]: createInventoryProvider(lookup),
        [PLUGIN_ESTATE_INVENTORY_TYPE]: createEstateInventoryProvider(lookup),
    };
    /** The inventory a URN names; any other type is refused. */
    const inventoryOf = (urn: string): InventoryProvider => {
        const type = urn.split("::")[2];
        const inventory = Object.hasOwn(inventories, type ?? "") ? inventories[type] : undefined;
        if (!inventory) throw new Error(`unknown resource type ${quoteForTerminal(type ?? "")}`);
        return inventory;
    };

    const keyFor = (urn: string | undefined): string | undefined => {
        if (urn !== undefined) return checkedKeys.get(urn);
        // An engine that does not say which provider it configures: only an unambiguous key is used.
        const keys = new Set(checkedKeys.values());
        if (keys.size > 1)
            throw new ConfigurationError(
                "The engine configured a provider without naming it, after checking several providers with different admin keys; " +
                    `refusing to guess which key is whose. Give each provider its own ${PLUGIN_PACKAGE}:adminKey in its own stack, or upgrade the Pulumi CLI.`,
            );
        return keys.values().next().value;
    };

    const settings: SettingsHandlers = {
        checkConfig(urn, news) {
            checkedKeys.set(urn, news.adminKey);
            return checkSettings(news);
        },
        configure(urn, config) {
            configured = { ...config, adminKey: config.adminKey ?? keyFor(urn) };
        },
        diffIgnores: new Set(["adminKey"]),
    };

    const provider: provider.Provider = {
        version: VERSION,
        getSchema: async () => JSON.stringify(packageSchema()),

        async invoke(token, inputs) {
            const read = READERS[token];
            if (!read) throw new Error(`unknown function ${quoteForTerminal(token)}`);
            const { args, failures } = invokeArgs(token, unwrapSecrets(inputs ?? {}) as Record<string, unknown>);
            if (failures.length) return { failures };
            // Outputs are plain JSON: what the engine carries (frozen listings become plain copies).
            return { outputs: JSON.parse(JSON.stringify(await oneLine(read(args, lookup)))) };
        },

        async check(urn, olds, news) {
            const inventory = inventoryOf(urn);
            let drift: string[] = [];
            const result = await inventory.check(olds, unwrapSecrets(news) as Record<string, unknown>, (lines) => {
                drift = lines;
            });
            await log.log(urn, drift);
            return result;
        },
        async diff() {
            // Changed or not is decided with the detailed diff (server.ts).
            return {};
        },
        async create(urn, inputs) {
            return inventoryOf(urn).create(inputs);
        },
        async read(id, urn, props) {
            return inventoryOf(urn).read(id, props);
        },
        async update(id, urn, olds, news) {
            return inventoryOf(urn).update(id, olds, news);
        },
        async delete(_id, urn) {
            return inventoryOf(urn).remove();
        },
    };
    return { provider, settings };
}

/**
 * Serves the provider to the engine. `args` are the plugin's command-line arguments (the engine's
 * address).
 */
export async function main(args: string[]): Promise<void> {
    const plugin = createPlugin(EngineLog.fromArgs(args));
    const { port } = await serve(plugin.provider, plugin.settings);
    process.stdout.write(`${port}\n`);
    // The engine takes a while to send the first listing (plugin info, config checks, the
    // program's own start): load what that listing needs meanwhile, not on its clock.
    setImmediate(() => {
        require("../listing/http").loadHttpClient();
        require("../admin-api-key");
        require("../project-api-key");
        require("../project-service-account");
        require("../list-organization-api-keys");
    });
}
