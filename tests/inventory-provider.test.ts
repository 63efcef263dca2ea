import { strict as assert } from "assert";
import { AdminApiKeyInventory, VERSION } from "../provider";
import { FakeAdminApi, seedKeys } from "../provider/testing";
import type { AdminApiKeyWire } from "../provider/admin-api-key";
import { rejection } from "./helpers";
import { ProviderHost } from "./provider-host";
import { inventoryRegistration } from "./pulumi-helpers";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const NOW = Math.floor(Date.now() / 1000);
const DAY = 86_400;

/** Paths (dot-joined) at which two JSON values differ: what the engine shows as the diff. */
function changedPaths(a: unknown, b: unknown, at = ""): string[] {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].flatMap((k) =>
            changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k),
        );
    }
    return [at];
}

function freshKeys(): AdminApiKeyWire[] {
    const keys = seedKeys({ count: 230, seed: 31, now: NOW });
    // Make usage deterministic relative to now: key 0 used an hour ago, key 1 thirty days ago, key 2 never.
    keys[0] = { ...keys[0], last_used_at: NOW - 3600 };
    keys[1] = { ...keys[1], last_used_at: NOW - 30 * DAY };
    keys[2] = { ...keys[2], last_used_at: null };
    return keys;
}

describe("AdminApiKeyInventory resource", () => {
    it("has its own type token, also as a static __pulumiType for policy packs", async () => {
        const p = await inventoryRegistration();
        assert.equal(p.type, "pulumi-nodejs:dynamic/openai:AdminApiKeyInventory");
        assert.equal(AdminApiKeyInventory.__pulumiType, p.type);
    });

    it("serializes a small provider that captures no secret, schema or HTTP client", async () => {
        process.env.OPENAI_ADMIN_KEY = "sk-admin-must-not-be-captured-0123456789abcdef";
        try {
            const p = await inventoryRegistration({ baseUrl: "https://api.openai.com/v1" });
            assert.ok(p.text.length < 4096, `serialized provider is ${p.text.length} bytes`);
            assert.ok(!p.text.includes("sk-admin"), "admin key captured");
            for (const banned of ["zod", "ZodObject", "got(", "Authorization", "cacheableLookup"])
                assert.ok(!p.text.includes(banned), `captured ${banned}`);
            assert.match(p.text, /require\(IMPLEMENTATION\)\[entry\]\(\)\)\.check\(olds, news\)/);
            assert.ok(!JSON.stringify(p.inputs).includes("sk-admin"));
        } finally {
            delete process.env.OPENAI_ADMIN_KEY;
        }
    });
});

describe("inventory provider through the real provider host", function () {
    this.timeout(60_000);
    let api: FakeAdminApi;
    let host: ProviderHost;
    let provider: string;
    const props = () => ({ __provider: provider });

    before(async () => {
        provider = (await inventoryRegistration()).text;
        api = await FakeAdminApi.start({ keys: freshKeys() });
        host = await ProviderHost.start();
        await host.configure({ "openai:adminKey": api.adminKey, "openai:baseUrl": api.baseUrl });
    });
    after(async () => {
        await host?.stop();
        await api?.stop();
    });

    it("returns every key in Check's inputs, keyed by id, without the admin key", async () => {
        const { inputs, failures } = await host.check({}, props());
        assert.deepEqual(failures, []);
        const keys = inputs.keys as Record<string, Record<string, unknown>>;
        assert.deepEqual(Object.keys(keys).sort(), api.keys.map((k) => k.id).sort());
        assert.deepEqual(
            inputs.ids,
            api.keys.map((k) => k.id),
        );
        assert.equal(inputs.count, 230);
        assert.equal(inputs.baseUrl, api.baseUrl);
        assert.equal(inputs.providerVersion, VERSION);
        const k0 = api.keys[0];
        assert.deepEqual(keys[k0.id], {
            id: k0.id,
            name: k0.name,
            redactedValue: k0.redacted_value,
            createdAt: k0.created_at,
            expiresAt: k0.expires_at,
            usage: "recent",
            lastUsedAt: null,
            owner: {
                type: k0.owner!.type,
                id: k0.owner!.id,
                name: k0.owner!.name,
                role: k0.owner!.role,
                createdAt: k0.owner!.created_at,
            },
        });
        assert.equal((keys[api.keys[1].id] as { usage: string }).usage, "stale");
        assert.equal(
            (keys[api.keys[1].id] as { lastUsedAt: number }).lastUsedAt,
            Math.floor((NOW - 30 * DAY) / DAY) * DAY,
        );
        assert.equal((keys[api.keys[2].id] as { usage: string }).usage, "never");
        assert.ok(!JSON.stringify(inputs).includes(api.adminKey));
    });

    it("records on Create, and checks to the same inputs when nothing changed", async () => {
        const first = await host.check({}, props());
        const created = await host.create(first.inputs);
        assert.match(created.id, /^admin-api-keys-[0-9a-f]{12}$/);
        assert.deepEqual(created.properties.keys, first.inputs.keys);
        const again = await host.check(first.inputs, props());
        assert.deepEqual(changedPaths(first.inputs, again.inputs), []);
    });

    it("checks to inputs that differ only at the key and field that changed out of band", async () => {
        const before = (await host.create((await host.check({}, props())).inputs)).properties;
        // Each change, and the exact paths the engine is given as different (nothing of any other key).
        const changes: Array<[string, () => string, (id: string) => string[]]> = [
            [
                "created",
                () => {
                    const k = {
                        ...api.keys[5],
                        id: "key_outofband0001",
                        name: "created-in-console",
                        created_at: NOW - 10,
                        last_used_at: null,
                    };
                    api.addKey(k);
                    return k.id;
                },
                (id) => [`keys.${id}`, "ids", "count"],
            ],
            [
                "deleted",
                () => {
                    const id = api.keys[7].id;
                    api.deleteKey(id);
                    return id;
                },
                (id) => [`keys.${id}`, "ids", "count"],
            ],
            [
                "renamed",
                () => {
                    const id = api.keys[9].id;
                    api.updateKey(id, { name: "renamed-in-console" });
                    return id;
                },
                (id) => [`keys.${id}.name`],
            ],
            [
                "re-owned",
                () => {
                    const k = api.keys[11];
                    api.updateKey(k.id, { owner: { ...k.owner, id: "user_new_owner", name: "New Owner" } });
                    return k.id;
                },
                (id) => [`keys.${id}.owner.id`, `keys.${id}.owner.name`],
            ],
        ];
        let recorded = before;
        for (const [what, mutate, expectedPaths] of changes) {
            const id = mutate();
            const fresh = (await host.check(recorded, props())).inputs;
            const paths = changedPaths(recorded, fresh).filter((p) => p !== "__provider");
            assert.deepEqual(paths.sort(), expectedPaths(id).sort(), what);
            recorded = (await host.update("x", recorded, fresh)).properties;
            assert.deepEqual(recorded.keys, fresh.keys);
        }
    });

    it("checks to the same inputs when a key is used again within the recent window, and differs when it goes stale", async () => {
        const k0 = api.keys[0].id;
        const recorded = (await host.create((await host.check({}, props())).inputs)).properties;
        api.updateKey(k0, { last_used_at: NOW - 60 });
        const used = (await host.check(recorded, props())).inputs;
        assert.deepEqual(
            changedPaths(recorded, used).filter((p) => p !== "__provider"),
            [],
        );
        api.updateKey(k0, { last_used_at: NOW - 8 * DAY });
        const stale = (await host.check(recorded, props())).inputs;
        assert.deepEqual(
            changedPaths(recorded, stale)
                .filter((p) => p !== "__provider")
                .sort(),
            [`keys.${k0}.lastUsedAt`, `keys.${k0}.usage`],
        );
        api.updateKey(k0, { last_used_at: NOW - 3600 });
    });

    it("re-reads the organization on Read after an out-of-band change, with matching inputs", async () => {
        const recorded = (await host.create((await host.check({}, props())).inputs)).properties;
        const k = { ...api.keys[3], id: "key_readrefresh01", created_at: NOW - 5 };
        api.addKey(k);
        const r = await host.read("admin-api-keys-abc", recorded);
        assert.equal(r.id, "admin-api-keys-abc");
        assert.ok((r.properties.ids as string[]).includes(k.id));
        assert.equal(r.properties.count, api.keys.length);
        assert.deepEqual(r.inputs?.keys, r.properties.keys);
        const next = (await host.check(r.inputs!, props())).inputs;
        assert.deepEqual(
            changedPaths(r.inputs, next).filter((p) => p !== "__provider"),
            [],
        );
    });

    it("changes nothing in OpenAI on Delete", async () => {
        const count = api.keys.length;
        const recorded = (await host.check({}, props())).inputs;
        const before = api.requests.length;
        await host.delete("admin-api-keys-abc", recorded);
        assert.equal(api.keys.length, count);
        assert.equal(api.requests.length, before, "Delete sent a request");
    });

    it("does not fetch in preview while an argument is unknown", async () => {
        const before = api.requests.length;
        const { inputs } = await host.check({}, { ...props(), baseUrl: UNKNOWN });
        assert.equal(api.requests.length, before);
        assert.equal(inputs.keys, undefined);
        // The same while the admin key itself is not known yet: no listing, and no fallback to another key.
        const unknownKey = await host.check({}, { ...props(), adminKey: UNKNOWN });
        assert.equal(api.requests.length, before);
        assert.equal(unknownKey.inputs.keys, undefined);
        assert.equal("adminKey" in unknownKey.inputs, false);
        const recorded = (await host.create((await host.check({}, props())).inputs)).properties;
        assert.deepEqual(await host.diff("x", recorded, inputs), { changes: "unknown", replaces: [] });
    });

    it("leaves every diff to the engine, which compares the checked inputs path by path", async () => {
        const recorded = (await host.create((await host.check({}, props())).inputs)).properties;
        const same = (await host.check(recorded, props())).inputs;
        api.updateKey(api.keys[4].id, { name: "renamed-for-diff" });
        const renamed = (await host.check(recorded, props())).inputs;
        assert.deepEqual(await host.diff("x", recorded, same), { changes: "unknown", replaces: [] });
        assert.deepEqual(await host.diff("x", recorded, renamed), { changes: "unknown", replaces: [] });
    });

    it("shows an upgrade of this package as a change instead of leaving old state unnoticed", async () => {
        const recorded = (await host.create((await host.check({}, props())).inputs)).properties;
        const fresh = (await host.check(recorded, props())).inputs;
        assert.deepEqual(
            changedPaths({ ...recorded, providerVersion: "0.0.1" }, fresh).filter((p) => p !== "__provider"),
            ["providerVersion"],
        );
    });

    it("rejects invalid arguments as check failures", async () => {
        const { failures } = await host.check({}, { ...props(), recentUsageDays: 0 });
        assert.deepEqual(failures, [
            {
                property: "recentUsageDays",
                reason: "recentUsageDays must be a whole number from 1 to 365; got 0.",
            },
        ]);
    });

    it("surfaces a fail-closed listing error as an error, not a partial inventory", async () => {
        api.inject({ kind: "bad-item", field: "redacted_value", withCursor: true, times: 3 });
        const err = await rejection(host.check({}, props()));
        assert.match(err.message, /has an invalid "redacted_value".*listing was dropped/);
        api.faults.length = 0;
    });
});

describe("inventory provider credentials", function () {
    this.timeout(60_000);
    let api: FakeAdminApi;
    let provider: string;
    before(async () => {
        provider = (await inventoryRegistration()).text;
        api = await FakeAdminApi.start({ keys: freshKeys() });
    });
    after(() => api.stop());

    it("reads the admin key from OPENAI_ADMIN_KEY when the stack config has none", async () => {
        const host = await ProviderHost.start({ OPENAI_ADMIN_KEY: api.adminKey, OPENAI_BASE_URL: api.baseUrl });
        try {
            await host.configure({});
            const { inputs } = await host.check({}, { __provider: provider });
            assert.equal(inputs.count, 230);
        } finally {
            await host.stop();
        }
    });

    it("lists with the admin key from the resource's inputs, and drops it from the checked inputs", async () => {
        const host = await ProviderHost.start({ OPENAI_BASE_URL: api.baseUrl });
        try {
            await host.configure({}); // the explicit provider the inventory uses has no config
            const { inputs, failures } = await host.check({}, { __provider: provider, adminKey: api.adminKey });
            assert.deepEqual(failures, []);
            assert.equal(inputs.count, 230);
            assert.equal("adminKey" in inputs, false);
            assert.ok(!JSON.stringify(inputs).includes(api.adminKey));
            assert.ok(!host.stderr().includes(api.adminKey));
        } finally {
            await host.stop();
        }
    });

    it("explains on refresh without OPENAI_ADMIN_KEY that refresh needs it", async () => {
        const host = await ProviderHost.start({ OPENAI_BASE_URL: api.baseUrl });
        try {
            await host.configure({});
            const recorded = (await host.check({}, { __provider: provider, adminKey: api.adminKey })).inputs;
            const err = await rejection(host.read("admin-api-keys-abc", recorded));
            assert.match(
                err.message,
                /`pulumi refresh` of an AdminApiKeyInventory needs OPENAI_ADMIN_KEY in the environment of pulumi: refresh does not run the program/,
            );
        } finally {
            await host.stop();
        }
    });

    it("surfaces a rejected key as an authentication error without the key in the message or logs", async () => {
        const wrong = "sk-admin-wrong-0123456789abcdefghijklmnopqrstuvwxyz";
        const host = await ProviderHost.start();
        try {
            await host.configure({ "openai:adminKey": wrong, "openai:baseUrl": api.baseUrl });
            const err = await rejection(host.check({}, { __provider: provider }));
            assert.match(err.message, /OpenAI rejected the admin key \(401\)/);
            assert.ok(!err.message.includes(wrong));
            assert.ok(!host.stderr().includes(wrong), "key in provider stderr");
            assert.ok(!host.stderr().includes(wrong.slice(9, 30)));
        } finally {
            await host.stop();
        }
    });

    it("checks to the same inputs after the admin key is rotated", async () => {
        const a = await ProviderHost.start();
        let recorded: Record<string, unknown>;
        try {
            await a.configure({ "openai:adminKey": api.adminKey, "openai:baseUrl": api.baseUrl });
            recorded = (await a.create((await a.check({}, { __provider: provider })).inputs)).properties;
        } finally {
            await a.stop();
        }
        const rotated = api.rotateAdminKey();
        const b = await ProviderHost.start();
        try {
            await b.configure({ "openai:adminKey": rotated, "openai:baseUrl": api.baseUrl });
            const fresh = (await b.check(recorded, { __provider: provider })).inputs;
            assert.deepEqual(
                changedPaths(recorded, fresh).filter((p) => p !== "__provider"),
                [],
            );
            assert.ok(!JSON.stringify(recorded).includes(rotated) && !JSON.stringify(fresh).includes(rotated));
        } finally {
            await b.stop();
        }
    });
});
