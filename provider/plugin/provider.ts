/**
 * The provider plugin: the data source and the inventory for Python, Go, YAML (and any other)
 * Pulumi programs, written with `@pulumi/pulumi/provider` over the same listing, inventory and
 * drift code as the dynamic provider. One implementation, two front doors.
 *
 * Started by the plugin folder's `index.js` (`PulumiPlugin.yaml`, `runtime: nodejs`).
 */
import type * as provider from "@pulumi/pulumi/provider";
import { ConfigurationError } from "../errors";
import { readAdminApiKeys } from "../get-admin-api-keys";
import type { ConfigLookup } from "../listing/connection";
import { checkBaseUrl } from "../listing/connection";
import * as inventory from "../inventory/provider";
import { quoteForTerminal } from "../internal/terminal-text";
import { VERSION } from "../version";
import { logToEngine, setEngineAddress } from "./engine-log";
import { unwrapSecrets } from "../internal/pulumi-wire";
import { fillProtocolGaps, GapHandlers, PluginConfig } from "./protocol-gaps";
import { PLUGIN_INVENTORY_TYPE } from "../inventory/resource-type";
import { packageSchema, PLUGIN_GET_ADMIN_API_KEYS, PLUGIN_PACKAGE } from "./schema";

/** The provider's settings: the admin key from CheckConfig (never recorded), the rest as configured. */
let settings: PluginConfig = {};
let checkedAdminKey: string | undefined;

const pluginConfig: ConfigLookup = Object.assign(
    (key: string): string | undefined => {
        const name = key.startsWith(`${PLUGIN_PACKAGE}:`) ? key.slice(PLUGIN_PACKAGE.length + 1) : undefined;
        if (name === "adminKey") return settings.adminKey;
        if (name === "baseUrl" || name === "organization") return settings[name];
        return undefined;
    },
    { namespace: PLUGIN_PACKAGE },
);

function requireInventory(urn: string): void {
    const type = urn.split("::")[2];
    if (type !== PLUGIN_INVENTORY_TYPE) throw new Error(`unknown resource type ${type}`);
}

type Failure = { property: string; reason: string };

function invokeArgs(raw: Record<string, unknown>): { args: Record<string, unknown>; failures: Failure[] } {
    const failures: Failure[] = [];
    const args: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) {
        if (["order", "nameRegex", "baseUrl", "organization"].includes(name)) {
            if (typeof value !== "string") failures.push({ property: name, reason: `${name} must be a string.` });
            else args[name] = value;
        } else if (name === "ownerTypes" || name === "ownerIds") {
            if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
                failures.push({ property: name, reason: `${name} must be a list of strings.` });
            else args[name] = value;
        } else {
            failures.push({ property: name, reason: `getAdminApiKeys has no argument ${quoteForTerminal(name)}.` });
        }
    }
    return { args, failures };
}

/** The provider, as `@pulumi/pulumi/provider` serves it. */
export const adminKeysProvider: provider.Provider = {
    version: VERSION,
    getSchema: async () => JSON.stringify(packageSchema()),

    async invoke(token, inputs) {
        if (token !== PLUGIN_GET_ADMIN_API_KEYS) throw new Error(`unknown function ${token}`);
        const { args, failures } = invokeArgs(unwrapSecrets(inputs ?? {}) as Record<string, unknown>);
        if (failures.length) return { failures };
        return { outputs: await inventory.oneLine(readAdminApiKeys(args, pluginConfig)) };
    },

    async check(urn, olds, news) {
        requireInventory(urn);
        let drift: string[] = [];
        const result = await inventory.check(olds, unwrapSecrets(news) as Record<string, unknown>, (lines) => {
            drift = lines;
        });
        await logToEngine(urn, drift);
        return result;
    },
    async diff() {
        // Changed or not is decided with the detailed diff (protocol-gaps.ts).
        return {};
    },
    async create(urn, inputs) {
        requireInventory(urn);
        return inventory.create(inputs);
    },
    async read(id, urn, props) {
        requireInventory(urn);
        return inventory.read(id, props);
    },
    async update(id, urn, olds, news) {
        requireInventory(urn);
        return inventory.update(id, olds, news);
    },
    async delete() {
        return inventory.remove();
    },
};

/**
 * The provider's settings, through the gaps filled in protocol-gaps.ts. The admin key is taken at
 * CheckConfig, which the engine calls on the same plugin process before Configure, and kept here:
 * the checked configuration the engine records never has it.
 */
export const pluginSettings: GapHandlers = {
    checkConfig(news) {
        checkedAdminKey = news.adminKey;
        return checkSettings(news);
    },
    configure(config) {
        settings = { ...config, adminKey: config.adminKey ?? checkedAdminKey };
        inventory.useConfig(pluginConfig);
    },
    diffIgnores: new Set(["adminKey"]),
};

function checkSettings(news: PluginConfig): Failure[] {
    const failures: Failure[] = [];
    if (news.baseUrl !== undefined) {
        try {
            checkBaseUrl(news.baseUrl);
        } catch (err) {
            if (!(err instanceof ConfigurationError)) throw err;
            failures.push({ property: "baseUrl", reason: err.message });
        }
    }
    return failures;
}

/**
 * Serves the provider to the engine. `args` are the plugin's command-line arguments (the engine's
 * address).
 */
export async function main(args: string[]): Promise<void> {
    setEngineAddress(args);
    fillProtocolGaps(pluginSettings);
    const sdk = require("@pulumi/pulumi/provider") as typeof provider;
    await sdk.main(adminKeysProvider, args);
}
