/**
 * Every message names the setting of the form in use: `openai:*` in programs, the plugin's own
 * `openai-admin-keys:*`, and flags and environment variables in the drift command (which has no
 * Pulumi config at all).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listAdminApiKeys } from "../provider";
import { main as driftCli } from "../provider/drift/cli";
import { fetchInventory } from "../provider/inventory/fetch-inventory";
import { createPlugin } from "../provider/plugin/provider";
import { FakeAdminApi, Fault } from "../provider/testing";
import { FAST, rejection } from "./helpers";

const URN = "urn:pulumi:dev::p::pulumi:providers:openai-admin-keys::default";

/** What each form says for a fault: the message of its error. */
const forms: Record<string, (api: FakeAdminApi, adminKey: string) => Promise<string>> = {
    program: async (api, adminKey) =>
        (await rejection(listAdminApiKeys({ adminKey, baseUrl: api.baseUrl, options: FAST }))).message,
    plugin: async (api, adminKey) => {
        const plugin = createPlugin();
        plugin.settings.checkConfig(URN, { adminKey, baseUrl: api.baseUrl });
        plugin.settings.configure(URN, { baseUrl: api.baseUrl });
        return (
            await rejection(plugin.provider.invoke!("openai-admin-keys:index:getAdminApiKeys", {}) as Promise<unknown>)
        ).message;
    },
    "drift command": async (api, adminKey) => {
        const good = await FakeAdminApi.start({ keys: api.keys });
        const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "names-")), "inventory.json");
        fs.writeFileSync(
            saved,
            JSON.stringify(await fetchInventory({ adminKey: good.adminKey, baseUrl: good.baseUrl })),
        );
        await good.stop();
        let err = "";
        process.env.OPENAI_ADMIN_KEY = adminKey;
        try {
            assert.equal(
                await driftCli(
                    ["--inventory", saved, "--base-url", api.baseUrl],
                    () => undefined,
                    (s) => (err += s),
                ),
                1,
            );
        } finally {
            delete process.env.OPENAI_ADMIN_KEY;
        }
        return err;
    },
};

const expected: Record<string, { adminKey: RegExp; baseUrl: RegExp; organization: RegExp }> = {
    program: {
        adminKey:
            /set it with `pulumi config set --secret openai:adminKey <key>` or the OPENAI_ADMIN_KEY environment variable/,
        baseUrl: /\(openai:baseUrl \/ OPENAI_BASE_URL\)/,
        organization: /check that openai:organization \/ OPENAI_ORG_ID matches/,
    },
    plugin: {
        adminKey:
            /set it with `pulumi config set --secret openai-admin-keys:adminKey <key>` or the OPENAI_ADMIN_KEY environment variable/,
        baseUrl: /\(openai-admin-keys:baseUrl \/ OPENAI_BASE_URL\)/,
        organization: /check that openai-admin-keys:organization \/ OPENAI_ORG_ID matches/,
    },
    "drift command": {
        adminKey: /set it with the OPENAI_ADMIN_KEY environment variable\./,
        baseUrl: /\(--base-url \/ OPENAI_BASE_URL\)/,
        organization: /check that the organization recorded in the state file matches/,
    },
};

describe("setting names in messages", () => {
    for (const [form, say] of Object.entries(forms)) {
        describe(form, () => {
            const withFault = async (fault: Fault, keyFor: (api: FakeAdminApi) => string = (a) => a.adminKey) => {
                const api = await FakeAdminApi.start({ seed: { count: 3 }, faults: [{ ...fault, times: Infinity }] });
                try {
                    return await say(api, keyFor(api));
                } finally {
                    await api.stop();
                }
            };

            it("names its admin key setting on a 401", async () => {
                const message = await withFault({ kind: "status", status: 401 });
                assert.match(message, expected[form].adminKey);
                assert.doesNotMatch(message, form === "plugin" ? /openai:adminKey/ : /openai-admin-keys:/);
            });

            it("names its base URL setting on a 404", async () => {
                assert.match(await withFault({ kind: "status", status: 404 }), expected[form].baseUrl);
            });

            it("names its organization setting on a 403", async () => {
                assert.match(await withFault({ kind: "status", status: 403 }), expected[form].organization);
            });
        });
    }

    it("names the plugin's base URL setting when the base URL is unsafe", () => {
        const plugin = createPlugin();
        assert.match(
            plugin.settings.checkConfig(URN, { baseUrl: "http://example.com/v1" })[0].reason,
            /\(openai-admin-keys:baseUrl \/ OPENAI_BASE_URL\)/,
        );
    });

    it("names the program's base URL setting when the server cannot be reached", async () => {
        const api = await FakeAdminApi.start({ seed: { count: 1 } });
        await api.stop();
        const err = await rejection(
            listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                options: { ...FAST, retry: { ...FAST.retry, maxAttempts: 1 } },
            }),
        );
        assert.match(
            err.message,
            /Could not reach .* \("ECONNREFUSED": .*\)\. Check the network and the base URL \(openai:baseUrl \/ OPENAI_BASE_URL\)\./,
        );
    });
});
