import { strict as assert } from "assert";
import { clearSharedListings, getAdminApiKeys, listAdminApiKeys } from "../provider";
import { FAST, rejection, withFake } from "./helpers";
import { leaveDeployment, mockDeployment } from "./pulumi-helpers";

const SHARE = { ...FAST, share: true };

describe("listing sharing", () => {
    afterEach(() => clearSharedListings());

    it("serves concurrent calls with the same arguments from one listing", async () => {
        await withFake({ seed: { count: 450 }, latencyMs: 5 }, async (api) => {
            const args = { adminKey: api.adminKey, baseUrl: api.baseUrl, listOptions: SHARE };
            const results = await Promise.all([
                getAdminApiKeys(args),
                getAdminApiKeys(args),
                getAdminApiKeys({ ...args, nameRegex: "^ci-" }),
                getAdminApiKeys(args),
            ]);
            const oneListing = api.requests.length;
            assert.ok(oneListing <= 5 + 2, `${oneListing} requests`);
            assert.deepEqual(results[0].ids, results[1].ids);
            assert.equal(results[0].ids.length, 450);
            assert.ok(results[2].ids.every((id) => results[0].ids.includes(id)));
            // Results are separate arrays: one caller's changes do not reach another.
            results[0].ids.pop();
            assert.equal(results[1].ids.length, 450);
        });
    });

    it("does not share between calls that differ in order, base URL, organization or key", async () => {
        await withFake({ seed: { count: 150 } }, async (a) => {
            await withFake({ keys: a.keys, adminKey: a.adminKey }, async (b) => {
                const base = { adminKey: a.adminKey, options: { ...SHARE, twoEnded: false } };
                await Promise.all([
                    listAdminApiKeys({ ...base, baseUrl: a.baseUrl }),
                    listAdminApiKeys({ ...base, baseUrl: a.baseUrl, order: "desc" }),
                    listAdminApiKeys({ ...base, baseUrl: a.baseUrl, organization: "org-other" }),
                    listAdminApiKeys({ ...base, baseUrl: b.baseUrl }),
                    listAdminApiKeys({
                        ...base,
                        baseUrl: a.baseUrl,
                        adminKey: "sk-admin-another-key-0000000000000000",
                    }).catch(() => undefined),
                ]);
                const listingsAtA = new Set(
                    a.requests
                        .filter((q) => q.after === null)
                        .map((q) => `${q.order}|${q.organization}|${q.authorized}`),
                );
                assert.equal(listingsAtA.size, 4 + 0, [...listingsAtA].join(","));
                assert.ok(b.requests.length >= 1);
            });
        });
    });

    it("outside a deployment shares only calls in flight, so later calls see fresh keys", async () => {
        await withFake({ seed: { count: 20 } }, async (api) => {
            leaveDeployment();
            const args = { adminKey: api.adminKey, baseUrl: api.baseUrl, options: SHARE };
            await listAdminApiKeys(args);
            api.deleteKey(api.keys[0].id);
            const again = await listAdminApiKeys(args);
            assert.equal(again.keys.length, 19);
            assert.equal(api.requests.length, 2);
        });
    });

    it("inside a deployment keeps a finished listing for the rest of the run", async () => {
        await withFake({ seed: { count: 20 } }, async (api) => {
            await mockDeployment("share-test");
            const args = { adminKey: api.adminKey, baseUrl: api.baseUrl, options: SHARE };
            await listAdminApiKeys(args);
            await listAdminApiKeys(args);
            await getAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                listOptions: SHARE,
                ownerTypes: ["user"],
            });
            assert.equal(api.requests.length, 1);
        });
    });

    it("never serves a finished listing to the next deployment in the same process", async () => {
        await withFake({ seed: { count: 20 } }, async (api) => {
            const args = { adminKey: api.adminKey, baseUrl: api.baseUrl, options: SHARE };
            await mockDeployment("share-test");
            assert.equal((await listAdminApiKeys(args)).keys.length, 20);
            api.deleteKey(api.keys[0].id);
            await mockDeployment("share-test"); // the next run: a new deployment
            assert.equal((await listAdminApiKeys(args)).keys.length, 19);
            assert.equal(api.requests.length, 2);
        });
    });

    it("never keeps a failed listing", async () => {
        await withFake(
            { seed: { count: 20 }, faults: [{ kind: "status", status: 401, onRequest: 1 }] },
            async (api) => {
                await mockDeployment("share-test");
                const args = { adminKey: api.adminKey, baseUrl: api.baseUrl, options: SHARE };
                await rejection(listAdminApiKeys(args));
                assert.equal((await listAdminApiKeys(args)).keys.length, 20);
            },
        );
    });

    it("can be turned off", async () => {
        await withFake({ seed: { count: 20 } }, async (api) => {
            const args = { adminKey: api.adminKey, baseUrl: api.baseUrl, options: { ...FAST, share: false } };
            await Promise.all([listAdminApiKeys(args), listAdminApiKeys(args)]);
            assert.equal(api.requests.length, 2);
        });
    });
});
