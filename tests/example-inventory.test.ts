import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { forProviderConfig, InventoryProvider } from "../provider/inventory/provider";
import { FakeAdminApi } from "../provider/testing";
import { settle } from "./pulumi-helpers";

const PROGRAM = path.join(__dirname, "..", "examples", "inventory", "index.ts");

describe("examples/inventory program", () => {
    let api: FakeAdminApi;
    let impl: InventoryProvider;
    before(async () => {
        api = await FakeAdminApi.start({ seed: { count: 180, seed: 8 } });
        impl = forProviderConfig({
            config: {
                get: (k: string) =>
                    (({ "openai:adminKey": api.adminKey, "openai:baseUrl": api.baseUrl }) as Record<string, string>)[k],
            },
        });
    });
    after(() => api.stop());

    it("registers one inventory and exports what the provider recorded", async () => {
        const registered: pulumi.runtime.MockResourceArgs[] = [];
        // The engine's part: Check, then the checked inputs become the state during preview.
        await pulumi.runtime.setMocks(
            {
                newResource: async (a) => {
                    registered.push(a);
                    if (a.type.startsWith("pulumi:providers:")) return { id: "provider-id", state: a.inputs };
                    const { inputs } = await impl.check({}, a.inputs);
                    return { id: "admin-keys-id", state: inputs };
                },
                call: () => ({}),
            },
            "openai-admin-keys-inventory",
            "dev",
            true,
        );
        delete require.cache[require.resolve(PROGRAM)];
        const out = require(PROGRAM) as Record<string, pulumi.Output<unknown>>;
        assert.equal((await settle(out.adminKeyCount)).value, 180);
        assert.deepEqual(
            (await settle(out.adminKeyIds)).value,
            api.keys.map((k) => k.id),
        );
        const idle = (await settle(out.idleKeys)).value as Array<{ id: string; usage: string }>;
        assert.ok(idle.length > 0 && idle.every((k) => k.usage === "stale" || k.usage === "never"));
        // State maps come back ordered by key id (protobuf Struct), so compare as sets.
        assert.deepEqual(
            ((await settle(out.keysWithoutExpiry)).value as string[]).sort(),
            api.keys
                .filter((k) => k.expires_at === null)
                .map((k) => k.id)
                .sort(),
        );
        // The inventory, and its own provider resource: explicit, with no inputs, so no stack config lands in the state.
        assert.deepEqual(
            registered.map((r) => [r.type, r.name]),
            [
                ["pulumi:providers:pulumi-nodejs", "openai-admin-keys"],
                ["pulumi-nodejs:dynamic/openai:AdminApiKeyInventory", "admin-keys"],
            ],
        );
        assert.deepEqual(registered[0].inputs, {});
        assert.equal(registered[1].inputs.recentUsageDays, 7);
        assert.ok(!JSON.stringify(registered[1].inputs).includes(api.adminKey));
    });
});
