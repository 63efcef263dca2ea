import { strict as assert } from "assert";
import * as util from "util";
import * as pulumi from "@pulumi/pulumi";
import { AuthenticationError, clearSharedListings, getAdminApiKeys, getAdminApiKeysOutput } from "../provider";
import { expectedIds, FAST, rejection, withFake } from "./helpers";
import { leaveDeployment, mockDeployment, settle } from "./pulumi-helpers";

describe("getAdminApiKeys", () => {
    afterEach(() => clearSharedListings());

    it("returns every key with ids, the echoed arguments and a stable id", async () => {
        await withFake({ seed: { count: 321 } }, async (api) => {
            const a = await getAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                order: "desc",
                listOptions: FAST,
            });
            assert.deepEqual(a.ids, expectedIds(api, "desc"));
            assert.deepEqual(
                a.keys.map((k) => k.id),
                a.ids,
            );
            assert.equal(a.order, "desc");
            assert.equal(a.baseUrl, api.baseUrl);
            assert.match(a.id, /^openai-admin-api-keys-[0-9a-f]{16}$/);
            const b = await getAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                order: "desc",
                listOptions: FAST,
            });
            assert.equal(b.id, a.id);
            const c = await getAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                order: "asc",
                listOptions: FAST,
            });
            assert.notEqual(c.id, a.id);
            assert.ok(!JSON.stringify(a).includes(api.adminKey));
        });
    });

    it("applies nameRegex and owner filters client-side, keeping the order", async () => {
        await withFake({ seed: { count: 400, seed: 5 } }, async (api) => {
            const r = await getAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                nameRegex: "^ci-deploy-",
                ownerTypes: ["service_account"],
                listOptions: FAST,
            });
            const expected = api.keys
                .filter((k) => /^ci-deploy-/.test(k.name ?? "") && k.owner?.type === "service_account")
                .map((k) => k.id);
            assert.ok(expected.length > 3);
            assert.deepEqual(r.ids, expected);
            assert.equal(r.nameRegex, "^ci-deploy-");
            assert.deepEqual(r.ownerTypes, ["service_account"]);
            const byOwner = await getAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                ownerIds: ["user_4f8Qh2kLmN0pR7sT"],
                listOptions: FAST,
            });
            assert.deepEqual(
                byOwner.ids,
                api.keys.filter((k) => k.owner?.id === "user_4f8Qh2kLmN0pR7sT").map((k) => k.id),
            );
            await assert.rejects(
                getAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, nameRegex: "(", listOptions: FAST }),
                /nameRegex "\(" is not a valid regular expression/,
            );
        });
    });

    it("works in plain Node outside any Pulumi deployment", async () => {
        await withFake({ seed: { count: 12 } }, async (api) => {
            leaveDeployment();
            const r = await getAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, listOptions: FAST });
            assert.equal(r.keys.length, 12);
        });
    });
});

describe("getAdminApiKeysOutput", () => {
    afterEach(() => clearSharedListings());

    for (const dryRun of [true, false]) {
        it(`gives known, non-secret values from a secret admin key input during ${dryRun ? "preview" : "update"}`, async () => {
            await withFake({ seed: { count: 150 } }, async (api) => {
                await mockDeployment("datasource-test", { dryRun });
                const out = getAdminApiKeysOutput({
                    adminKey: pulumi.secret(api.adminKey),
                    baseUrl: pulumi.output(api.baseUrl),
                    order: pulumi.output("desc" as const),
                    listOptions: FAST,
                });
                const ids = await settle(out.ids);
                assert.equal(ids.known, true);
                assert.equal(ids.secret, false);
                assert.deepEqual(ids.value, expectedIds(api, "desc"));
                const whole = await settle(out);
                assert.ok(!JSON.stringify(whole.value).includes(api.adminKey));
                assert.ok(!util.inspect(whole.value, { depth: 10 }).includes(api.adminKey));
            });
        });
    }

    it("reads openai:adminKey and openai:baseUrl from the stack config", async () => {
        await withFake({ seed: { count: 30 } }, async (api) => {
            await mockDeployment("datasource-test", {
                config: { "openai:adminKey": api.adminKey, "openai:baseUrl": api.baseUrl },
                secretKeys: ["openai:adminKey"],
            });
            const r = await settle(getAdminApiKeysOutput({ listOptions: FAST }));
            assert.deepEqual(r.value.ids, expectedIds(api));
        });
    });

    it("surfaces a typed error through the output", async () => {
        await withFake({ seed: { count: 3 } }, async (api) => {
            await mockDeployment("datasource-test");
            const out = getAdminApiKeysOutput({
                adminKey: pulumi.secret("sk-admin-wrong-key-000000000000000000"),
                baseUrl: api.baseUrl,
                listOptions: FAST,
            });
            const err = await rejection(settle(out));
            assert.ok(err instanceof AuthenticationError, err.message);
        });
    });
});
