import { strict as assert } from "assert";
import { PLUGIN_INVENTORY_TYPE, VERSION } from "../provider";
import { createPlugin } from "../provider/plugin/provider";
import { packageSchema } from "../provider/plugin/schema";
import { serve } from "../provider/plugin/server";
import { FakeAdminApi, seedKeys } from "../provider/testing";
import { PluginClient, proto } from "../scripts/plugin-client";

const PROVIDER_URN = "urn:pulumi:dev::proj::pulumi:providers:openai-admin-keys::default";
const URN = `urn:pulumi:dev::proj::${PLUGIN_INVENTORY_TYPE}::keys`;

describe("provider plugin server", () => {
    let api: FakeAdminApi;
    let server: { port: number; stop(): void };
    let client: PluginClient;

    beforeEach(async () => {
        api = await FakeAdminApi.start({ keys: seedKeys({ count: 3, seed: 4 }) });
        const plugin = createPlugin();
        server = await serve(plugin.provider, plugin.settings);
        client = new PluginClient(server.port);
    });
    afterEach(async () => {
        client.close();
        server.stop();
        await api.stop();
    });

    it("answers GetPluginInfo with this package's version and GetSchema with the package schema", async () => {
        assert.equal(await client.version(), VERSION);
        assert.deepEqual(JSON.parse(await client.schema()), packageSchema());
    });

    it("returns the checked configuration without the admin key, and names a bad setting", async () => {
        const ok = await client.checkConfig(PROVIDER_URN, { adminKey: api.adminKey, baseUrl: api.baseUrl });
        assert.deepEqual(ok, { inputs: { baseUrl: api.baseUrl }, failures: [] });
        const bad = await client.checkConfig(PROVIDER_URN, {
            adminKey: api.adminKey,
            baseUrl: "http://example.com/v1",
        });
        assert.deepEqual(
            bad.failures.map((f) => f.property),
            ["baseUrl"],
        );
        assert.match(bad.failures[0].reason, /openai-admin-keys:baseUrl/);
        assert.ok(!JSON.stringify(bad).includes(api.adminKey));
    });

    it("lists keys on Invoke with the admin key it checked, and reports bad arguments as failures", async () => {
        await client.checkConfig(PROVIDER_URN, { adminKey: api.adminKey, baseUrl: api.baseUrl });
        assert.deepEqual(await client.configure(PROVIDER_URN, { baseUrl: api.baseUrl }), { acceptSecrets: true });
        const listed = await client.invoke("openai-admin-keys:index:getAdminApiKeys", {});
        assert.equal((listed.outputs as { ids: string[] }).ids.length, 3);
        assert.deepEqual(listed.failures, []);
        const bad = await client.invoke("openai-admin-keys:index:getAdminApiKeys", { order: 3 });
        assert.deepEqual(bad.failures, [{ property: "order", reason: "order must be a string; got a number." }]);
        await assert.rejects(
            client.invoke("openai-admin-keys:index:nope", {}),
            /unknown function "openai-admin-keys:index:nope"/,
        );
    });

    it("names every changed key and field in Diff, and says nothing changed for equal state", async () => {
        const olds = { keys: { key_a: { name: "a" }, key_b: { name: "b" } }, ids: ["key_a", "key_b"] };
        const news = { keys: { key_a: { name: "a2" }, key_c: { name: "c" } }, ids: ["key_a", "key_c"] };
        const d = await client.diff(URN, olds, news);
        assert.equal(d.changes, proto.DiffResponse.DiffChanges.DIFF_SOME);
        assert.deepEqual(d.diffs, ["ids", "keys"]);
        const K = proto.PropertyDiff.Kind;
        assert.deepEqual(d.detailed, {
            "keys.key_a.name": K.UPDATE,
            "keys.key_b": K.DELETE,
            "keys.key_c": K.ADD,
            "ids[1]": K.UPDATE,
        });
        const same = await client.diff(URN, olds, olds);
        assert.equal(same.changes, proto.DiffResponse.DiffChanges.DIFF_NONE);
        assert.deepEqual(same.detailed, {});
    });
});
