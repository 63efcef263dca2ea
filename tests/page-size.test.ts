/**
 * A page size the server refuses. OpenAI documents no maximum `limit` for admin keys; a server
 * that answers 400 for `limit=100` must not break every listing: each form steps down to the
 * API's default (20) for the rest of the listing, says so in `stats`, and lets the page size be set.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BadRequestError, listAdminApiKeys } from "../provider";
import { main as driftCli } from "../provider/drift/cli";
import { fetchInventory } from "../provider/inventory/fetch-inventory";
import { createInventoryProvider } from "../provider/inventory/provider";
import { createPlugin } from "../provider/plugin/provider";
import { FakeAdminApi } from "../provider/testing";
import { FAST, rejection, withFake } from "./helpers";

const REFUSES_100 = { seed: { count: 130 }, maxAcceptedLimit: 50 };
const limits = (api: FakeAdminApi) => api.requests.map((r) => `${r.limit}:${r.status}`);

describe("a refused page size", () => {
    it("steps the data source's listing down to 20 for the rest of the listing, and reports it in stats", async () => {
        await withFake(REFUSES_100, async (api) => {
            const listing = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                options: { ...FAST, twoEnded: false },
            });
            assert.deepEqual(
                listing.keys.map((k) => k.id),
                api.keys.map((k) => k.id),
            );
            assert.equal(listing.stats.pageSize, 20);
            assert.equal(listing.stats.retries, 0);
            assert.deepEqual(limits(api), ["100:400", ...Array(7).fill("20:200")]);
        });
    });

    it("steps down on both ends of a two-ended listing", async () => {
        await withFake(REFUSES_100, async (api) => {
            const listing = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            assert.equal(listing.keys.length, 130);
            assert.equal(listing.stats.pageSize, 20);
            assert.equal(limits(api).filter((l) => l === "100:400").length, 1);
            assert.ok(
                limits(api)
                    .slice(1)
                    .every((l) => l === "20:200"),
                limits(api).join(),
            );
        });
    });

    it("lists through the inventory, the plugin and the drift command alike", async () => {
        await withFake(REFUSES_100, async (api) => {
            const inventory = createInventoryProvider(() => undefined);
            const checked = await inventory.check({}, { adminKey: api.adminKey, baseUrl: api.baseUrl });
            assert.equal(checked.inputs.count, 130);

            const plugin = createPlugin();
            const urn = "urn:pulumi:dev::p::pulumi:providers:openai-admin-keys::default";
            plugin.settings.checkConfig(urn, { adminKey: api.adminKey, baseUrl: api.baseUrl });
            plugin.settings.configure(urn, { baseUrl: api.baseUrl });
            const out = await plugin.provider.invoke!("openai-admin-keys:index:getAdminApiKeys", {});
            assert.equal((out.outputs as { ids: string[] }).ids.length, 130);

            const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "page-size-")), "inventory.json");
            fs.writeFileSync(
                saved,
                JSON.stringify(await fetchInventory({ adminKey: api.adminKey, baseUrl: api.baseUrl })),
            );
            process.env.OPENAI_ADMIN_KEY = api.adminKey;
            let printed = "";
            try {
                const code = await driftCli(["--inventory", saved, "--base-url", api.baseUrl], (s) => (printed += s));
                assert.equal(code, 0, printed);
            } finally {
                delete process.env.OPENAI_ADMIN_KEY;
            }
        });
    });

    it("asks for the page size given to the inventory, the plugin and the drift command", async () => {
        await withFake({ seed: { count: 40 } }, async (api) => {
            const inventory = createInventoryProvider(() => undefined);
            await inventory.check({}, { adminKey: api.adminKey, baseUrl: api.baseUrl, pageSize: 37 });
            assert.equal(api.requests[0].limit, "37");
        });
        // A fresh server per form: a two-ended listing's abandoned request may still arrive late.
        await withFake({ seed: { count: 40 } }, async (api) => {
            const plugin = createPlugin();
            const urn = "urn:pulumi:dev::p::pulumi:providers:openai-admin-keys::default";
            plugin.settings.checkConfig(urn, { adminKey: api.adminKey, baseUrl: api.baseUrl });
            plugin.settings.configure(urn, { baseUrl: api.baseUrl });
            await plugin.provider.invoke!("openai-admin-keys:index:getAdminApiKeys", { pageSize: 13 });
            assert.deepEqual([...new Set(api.requests.map((r) => r.limit))], ["13"]);
            const bad = await plugin.provider.invoke!("openai-admin-keys:index:getAdminApiKeys", { pageSize: 0 });
            assert.deepEqual(bad.failures, [
                { property: "pageSize", reason: "pageSize must be a whole number from 1 to 1000; got a number." },
            ]);
        });
        await withFake({ seed: { count: 40 } }, async (api) => {
            const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "page-size-")), "inventory.json");
            fs.writeFileSync(
                saved,
                JSON.stringify(await fetchInventory({ adminKey: api.adminKey, baseUrl: api.baseUrl })),
            );
            const before = api.requests.length;
            process.env.OPENAI_ADMIN_KEY = api.adminKey;
            try {
                const code = await driftCli(
                    ["--inventory", saved, "--base-url", api.baseUrl, "--page-size", "9"],
                    () => undefined,
                );
                assert.equal(code, 0);
            } finally {
                delete process.env.OPENAI_ADMIN_KEY;
            }
            await new Promise((r) => setTimeout(r, 50)); // let an abandoned request of the saved listing land
            assert.equal(api.requests.slice(before).filter((r) => r.limit === "9").length > 0, true);
            assert.deepEqual(
                [...new Set(api.requests.slice(before).map((r) => r.limit))].filter((l) => l !== "100"),
                ["9"],
            );
            let err = "";
            assert.equal(
                await driftCli(
                    ["--inventory", saved, "--page-size", "0"],
                    () => undefined,
                    (s) => (err += s),
                ),
                1,
            );
            assert.match(err, /--page-size must be a whole number from 1 to 1000, not "0"\./);
        });
    });

    it("fails with a BadRequestError naming the setting when even a small page size is refused", async () => {
        const api = await FakeAdminApi.start({ seed: { count: 30 }, maxAcceptedLimit: 5 });
        try {
            const err = await rejection(
                listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST }),
            );
            assert.ok(BadRequestError.isInstance(err));
            assert.match(
                err.message,
                /The server refused a page size of 20: set a smaller one \(listOptions\.pageSize, or the inventory's pageSize\)\.$/,
            );
            assert.deepEqual(limits(api), ["100:400", "20:400"]);
        } finally {
            await api.stop();
        }
    });
});
