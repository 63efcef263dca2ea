import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { clearSharedListings } from "../provider";
import { FakeAdminApi } from "../provider/testing";
import { expectedIds, rejection } from "./helpers";
import { mockDeployment, settle } from "./pulumi-helpers";

const PROGRAM = path.join(__dirname, "..", "examples", "basic", "index.ts");

/** Runs the example program afresh (as `pulumi up` would) and returns its exports. */
function runProgram(): Record<string, pulumi.Output<unknown>> {
    delete require.cache[require.resolve(PROGRAM)];
    return require(PROGRAM);
}

describe("examples/basic program", () => {
    let api: FakeAdminApi;
    before(async () => {
        api = await FakeAdminApi.start({ seed: { count: 260, seed: 21 } });
    });
    after(() => api.stop());
    afterEach(() => clearSharedListings());

    it("exports every key id, newest first, and the inventory without secrets", async () => {
        await mockDeployment("openai-admin-keys-basic", {
            dryRun: true,
            config: { "openai:adminKey": api.adminKey, "openai:baseUrl": api.baseUrl },
            secretKeys: ["openai:adminKey"],
        });
        const out = runProgram();
        const ids = await settle(out.adminKeyIds);
        assert.equal(ids.known, true);
        assert.deepEqual(ids.value, expectedIds(api, "desc"));
        const inventory = (await settle(out.adminKeys)).value as Array<Record<string, unknown>>;
        assert.equal(inventory.length, 260);
        const first = api.keys[api.keys.length - 1];
        assert.deepEqual(inventory[0], {
            id: first.id,
            name: first.name,
            owner: first.owner?.name,
            ownerType: first.owner?.type,
            createdAt: first.created_at,
            lastUsedAt: first.last_used_at,
            expiresAt: first.expires_at,
        });
        assert.equal((await settle(out.expectedKey)).value, undefined);
    });

    it("looks a key up by name", async () => {
        const target = api.keys[17];
        await mockDeployment("openai-admin-keys-basic", {
            config: {
                "openai:adminKey": api.adminKey,
                "openai:baseUrl": api.baseUrl,
                "openai-admin-keys-basic:expectedKeyName": target.name!,
            },
        });
        const out = runProgram();
        const found = (await settle(out.expectedKey)).value as Record<string, unknown>;
        assert.equal(found.id, target.id);
        assert.equal(found.redactedValue, target.redacted_value);
    });

    it("fails the deployment with a clear message when the expected key is missing", async () => {
        process.env.OPENAI_ADMIN_KEY = api.adminKey;
        process.env.OPENAI_BASE_URL = api.baseUrl;
        try {
            await mockDeployment("openai-admin-keys-basic", {
                config: { "openai-admin-keys-basic:expectedKeyName": "no-such-key" },
            });
            const out = runProgram();
            const err = await rejection(settle(out.expectedKey));
            assert.ok(err instanceof pulumi.RunError);
            assert.match(
                err.message,
                /No admin API key named "no-such-key" exists in the organization \(260 keys checked\)/,
            );
        } finally {
            delete process.env.OPENAI_ADMIN_KEY;
            delete process.env.OPENAI_BASE_URL;
        }
    });
});
