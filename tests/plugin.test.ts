import { strict as assert } from "assert";
import { getAdminApiKeys, PLUGIN_INVENTORY_TYPE, VERSION } from "../provider";
import { diffProperties } from "../provider/internal/property-diff";
import { createInventoryProvider } from "../provider/inventory/provider";
import { createPlugin } from "../provider/plugin/provider";
import { unwrapSecrets } from "../provider/internal/pulumi-wire";
import { packageSchema } from "../provider/plugin/schema";
import { FakeAdminApi, seedKeys } from "../provider/testing";
import { rejection } from "./helpers";

const URN = `urn:pulumi:dev::proj::${PLUGIN_INVENTORY_TYPE}::keys`;
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

type Schema = {
    name: string;
    version: string;
    config: { variables: Record<string, { secret?: boolean }> };
    types: Record<string, { properties: Record<string, unknown> }>;
    functions: Record<string, { inputs: { properties: Record<string, unknown> }; outputs: { properties: object } }>;
    resources: Record<string, { inputProperties: Record<string, { secret?: boolean }>; properties: object }>;
};
const schema = packageSchema() as Schema;

describe("diffProperties", () => {
    it("names changed leaves as Pulumi property paths, quoting ids that are not simple names", () => {
        const olds = {
            keys: { key_a: { name: "a", owner: { id: "u1" } }, "odd id": { name: "x" }, constructor: { name: "c" } },
            ids: ["key_a", "odd id"],
            adminKey: "ignored",
        };
        const news = {
            keys: { key_a: { name: "a2", owner: { id: "u2" } }, constructor: { name: "c" }, key_new: { name: "n" } },
            ids: ["key_a", "key_new", "constructor"],
            adminKey: "other",
        };
        assert.deepEqual(Object.fromEntries(diffProperties(olds, news, new Set(["adminKey"]))), {
            "keys.key_a.name": "update",
            "keys.key_a.owner.id": "update",
            'keys["odd id"]': "delete",
            "keys.key_new": "add",
            "ids[1]": "update",
            "ids[2]": "add",
        });
    });

    it("reports nothing for equal values", () => {
        const v = { keys: { k: { name: null, n: 1 } }, ids: ["k"] };
        assert.equal(diffProperties(v, JSON.parse(JSON.stringify(v))).size, 0);
    });
});

describe("provider plugin schema", () => {
    it("is the openai-admin-keys package at this package's version, with a secret admin key setting", () => {
        assert.equal(schema.name, "openai-admin-keys");
        assert.equal(schema.version, VERSION);
        assert.deepEqual(Object.keys(schema.config.variables), ["adminKey", "baseUrl", "organization"]);
        assert.equal(schema.config.variables.adminKey.secret, true);
        assert.equal(schema.resources[PLUGIN_INVENTORY_TYPE].inputProperties.adminKey.secret, true);
    });

    it("declares every field the data source and the inventory return, and nothing they do not", async () => {
        const api = await FakeAdminApi.start({ seed: { count: 5, seed: 3 } });
        try {
            const result = await getAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                organization: "org-abc",
                nameRegex: ".",
                ownerTypes: ["user", "service_account"],
                ownerIds: [...new Set(api.keys.map((k) => k.owner!.id!))],
                listOptions: { share: false, progress: false },
            });
            const fn = schema.functions["openai-admin-keys:index:getAdminApiKeys"];
            assert.deepEqual(Object.keys(fn.outputs.properties).sort(), Object.keys(result).sort());
            assert.deepEqual(Object.keys(fn.inputs.properties).sort(), [
                "baseUrl",
                "nameRegex",
                "order",
                "organization",
                "ownerIds",
                "ownerTypes",
                "pageSize",
            ]);
            const keyType = schema.types["openai-admin-keys:index:AdminApiKey"];
            assert.deepEqual(Object.keys(keyType.properties).sort(), Object.keys(result.keys[0]).sort());
            const ownerType = schema.types["openai-admin-keys:index:AdminApiKeyOwner"];
            assert.deepEqual(Object.keys(ownerType.properties).sort(), Object.keys(result.keys[0].owner).sort());

            const impl = createInventoryProvider(() => undefined);
            const checked = await impl.check({}, { adminKey: api.adminKey, baseUrl: api.baseUrl });
            const created = await impl.create(checked.inputs);
            const resource = schema.resources[PLUGIN_INVENTORY_TYPE];
            assert.deepEqual(Object.keys(resource.properties).sort(), Object.keys(created.outs).sort());
            const inventoryKey = schema.types["openai-admin-keys:index:InventoryKey"];
            assert.deepEqual(
                Object.keys(inventoryKey.properties).sort(),
                Object.keys(Object.values((created.outs as { keys: Record<string, object> }).keys)[0]).sort(),
            );
        } finally {
            await api.stop();
        }
    });
});

describe("provider plugin", () => {
    let api: FakeAdminApi;

    const PROVIDER_URN = "urn:pulumi:dev::proj::pulumi:providers:openai-admin-keys::default";
    let plugin = createPlugin();
    let adminKeysProvider = plugin.provider;

    before(async () => {
        api = await FakeAdminApi.start({ keys: seedKeys({ count: 7, seed: 11 }) });
    });
    after(async () => api.stop());

    /** A new plugin instance, checked and configured as the engine does. */
    function configure(config: { adminKey?: string; baseUrl?: string; organization?: string }) {
        plugin = createPlugin();
        adminKeysProvider = plugin.provider;
        const failures = plugin.settings.checkConfig(PROVIDER_URN, config);
        plugin.settings.configure(PROVIDER_URN, { baseUrl: config.baseUrl, organization: config.organization });
        return failures;
    }

    it("gives each provider the admin key checked for it, whatever order the engine calls in", async () => {
        const other = await FakeAdminApi.start({ keys: seedKeys({ count: 2, seed: 5 }) });
        try {
            const one = createPlugin();
            const [urnA, urnB] = [`${PROVIDER_URN}-a`, `${PROVIDER_URN}-b`];
            assert.deepEqual(one.settings.checkConfig(urnA, { adminKey: api.adminKey, baseUrl: api.baseUrl }), []);
            assert.deepEqual(one.settings.checkConfig(urnB, { adminKey: other.adminKey, baseUrl: other.baseUrl }), []);
            one.settings.configure(urnA, { baseUrl: api.baseUrl });
            const out = await one.provider.invoke!("openai-admin-keys:index:getAdminApiKeys", {});
            assert.equal((out.outputs as { ids: string[] }).ids.length, 7);
            // A's server saw only A's key; B's key never travelled to A's base URL.
            assert.ok(api.requests.length > 0 && api.requests.every((r) => r.authorized));
            assert.equal(other.requests.length, 0);
        } finally {
            await other.stop();
        }
    });

    it("refuses to guess a key for a provider the engine does not name when several were checked", () => {
        const one = createPlugin();
        one.settings.checkConfig(`${PROVIDER_URN}-a`, { adminKey: "sk-admin-aaaaaaaaaaaaaaaaaaaaaaaa" });
        one.settings.checkConfig(`${PROVIDER_URN}-b`, { adminKey: "sk-admin-bbbbbbbbbbbbbbbbbbbbbbbb" });
        assert.throws(() => one.settings.configure(undefined, {}), /refusing to guess which key is whose/);
    });

    it("keeps two plugin instances' settings apart", async () => {
        const a = createPlugin();
        const b = createPlugin();
        a.settings.checkConfig(PROVIDER_URN, { adminKey: api.adminKey, baseUrl: api.baseUrl });
        a.settings.configure(PROVIDER_URN, { baseUrl: api.baseUrl });
        b.settings.checkConfig(PROVIDER_URN, { baseUrl: "https://example.invalid/v1" });
        b.settings.configure(PROVIDER_URN, { baseUrl: "https://example.invalid/v1" });
        const saved = process.env.OPENAI_ADMIN_KEY;
        delete process.env.OPENAI_ADMIN_KEY;
        try {
            const err = await rejection(
                b.provider.invoke!("openai-admin-keys:index:getAdminApiKeys", {}) as Promise<unknown>,
            );
            assert.match(err.message, /No OpenAI admin key is configured/);
            const out = await a.provider.invoke!("openai-admin-keys:index:getAdminApiKeys", {});
            assert.equal((out.outputs as { ids: string[] }).ids.length, 7);
        } finally {
            if (saved !== undefined) process.env.OPENAI_ADMIN_KEY = saved;
        }
    });

    it("lists through invoke with the admin key from its configuration, as getAdminApiKeys does", async () => {
        assert.deepEqual(configure({ adminKey: api.adminKey, baseUrl: api.baseUrl }), []);
        const out = await adminKeysProvider.invoke!("openai-admin-keys:index:getAdminApiKeys", { order: "desc" });
        const direct = await getAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, order: "desc" });
        assert.deepEqual(out.outputs, direct);
        assert.ok(!JSON.stringify(out).includes(api.adminKey));
    });

    it("answers bad invoke arguments with failures naming each, before any request", async () => {
        configure({ adminKey: api.adminKey, baseUrl: api.baseUrl });
        const before = api.calls.length;
        const out = await adminKeysProvider.invoke!("openai-admin-keys:index:getAdminApiKeys", {
            order: 1,
            ownerIds: ["a", 2],
            adminKey: secret(api.adminKey),
        });
        assert.deepEqual(out.failures, [
            { property: "order", reason: "order must be a string; got a number." },
            { property: "ownerIds", reason: "ownerIds must be a list of strings; got a list." },
            { property: "adminKey", reason: 'getAdminApiKeys has no argument "adminKey".' },
        ]);
        assert.equal(api.calls.length, before);
    });

    it("names its own setting, openai-admin-keys:adminKey, when no key is configured", async () => {
        configure({ baseUrl: api.baseUrl });
        const saved = process.env.OPENAI_ADMIN_KEY;
        delete process.env.OPENAI_ADMIN_KEY;
        try {
            const err = await rejection(
                adminKeysProvider.invoke!("openai-admin-keys:index:getAdminApiKeys", {}) as Promise<unknown>,
            );
            assert.match(err.message, /`pulumi config set --secret openai-admin-keys:adminKey <key>`/);
        } finally {
            if (saved !== undefined) process.env.OPENAI_ADMIN_KEY = saved;
        }
    });

    it("refuses a base URL that would send the key over plain http, at CheckConfig", () => {
        assert.deepEqual(configure({ adminKey: api.adminKey, baseUrl: "http://example.com/v1" }), [
            {
                property: "baseUrl",
                reason: 'Refusing to send the admin key over plain http to "example.com" (openai-admin-keys:baseUrl / OPENAI_BASE_URL). Use https, or http only on a loopback host (127.0.0.0/8, ::1, localhost).',
            },
        ]);
    });

    it("checks the inventory with a secret admin key input, which the checked inputs drop", async () => {
        configure({ baseUrl: api.baseUrl });
        const checked = await adminKeysProvider.check!(URN, {}, { adminKey: secret(api.adminKey) });
        assert.equal(checked.failures, undefined);
        assert.equal(checked.inputs.count, 7);
        assert.equal(checked.inputs.adminKey, undefined);
        assert.ok(!JSON.stringify(checked).includes(api.adminKey));
    });

    it("rejects resource types that are not its inventory", async () => {
        const err = await rejection(
            adminKeysProvider.check!("urn:pulumi:dev::p::openai-admin-keys:index:Other::x", {}, {}),
        );
        assert.equal(err.message, 'unknown resource type "openai-admin-keys:index:Other"');
    });
});

describe("unwrapSecrets", () => {
    it("replaces Pulumi's secret wrappers by their values, deeply", () => {
        assert.deepEqual(unwrapSecrets({ a: secret("x"), b: [secret({ c: secret(1) })], d: null }), {
            a: "x",
            b: [{ c: 1 }],
            d: null,
        });
    });
});
