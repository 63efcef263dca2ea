import { strict as assert } from "assert";
import { listAdminApiKeys } from "../provider";
import { seedKeys } from "../provider/testing";
import { expectedIds, FAST, withFake } from "./helpers";

describe("listAdminApiKeys pagination", () => {
    for (const twoEnded of [false, true]) {
        for (const order of ["asc", "desc"] as const) {
            it(`returns all 3,457 keys with created_at ties in exact ${order} order (${twoEnded ? "two-ended" : "one cursor"})`, async () => {
                await withFake({ seed: { count: 3457, tieRate: 0.4, seed: 7 } }, async (api) => {
                    const ties = api.keys.filter((k, i) => i > 0 && api.keys[i - 1].created_at === k.created_at).length;
                    assert.ok(ties > 1000, `seed should have many ties, has ${ties}`);
                    const r = await listAdminApiKeys({
                        adminKey: api.adminKey,
                        baseUrl: api.baseUrl,
                        order,
                        options: { ...FAST, twoEnded },
                    });
                    assert.deepEqual(
                        r.keys.map((k) => k.id),
                        expectedIds(api, order),
                    );
                    const limit = twoEnded ? 35 + 2 : 35;
                    assert.ok(r.stats.requests <= limit, `${r.stats.requests} requests, at most ${limit} allowed`);
                    if (!twoEnded) assert.equal(r.stats.requests, 35);
                    assert.ok(api.requests.every((q) => q.limit === "100"));
                });
            });
        }
    }

    it("converts every field to camelCase and keeps nulls", async () => {
        const [k] = seedKeys({ count: 1, seed: 3 });
        const wire = {
            ...k,
            name: null,
            last_used_at: null,
            expires_at: null,
            owner: { type: "service_account", id: "svc_1" },
            brand_new_field: { x: 1 },
        };
        await withFake({ keys: [wire as never] }, async (api) => {
            const r = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            assert.deepEqual(r.keys, [
                {
                    id: k.id,
                    name: null,
                    redactedValue: k.redacted_value,
                    createdAt: k.created_at,
                    lastUsedAt: null,
                    expiresAt: null,
                    owner: { type: "service_account", id: "svc_1", name: null, role: null, createdAt: null },
                },
            ]);
            assert.equal(r.stats.requests, 1);
        });
    });

    it("follows a server that caps pages below the requested 100", async () => {
        await withFake({ seed: { count: 205 }, maxLimit: 20 }, async (api) => {
            const r = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                options: { ...FAST, twoEnded: false },
            });
            assert.deepEqual(
                r.keys.map((k) => k.id),
                expectedIds(api),
            );
            assert.equal(r.stats.requests, 11);
        });
    });

    it("returns an empty list for an organization without keys, in one request", async () => {
        await withFake({ keys: [] }, async (api) => {
            const r = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            assert.deepEqual(r.keys, []);
            assert.equal(r.stats.requests, 1);
        });
    });

    it("sends the organization header when one is configured", async () => {
        await withFake({ seed: { count: 5 }, organization: "org-abc123" }, async (api) => {
            await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                organization: "org-abc123",
                options: FAST,
            });
            assert.equal(api.requests[0].organization, "org-abc123");
        });
    });

    it("shares one frozen owner object per distinct owner across the listing", async () => {
        await withFake({ seed: { count: 600, seed: 12 } }, async (api) => {
            const r = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            const owners = new Set(r.keys.map((k) => k.owner));
            const distinct = new Set(api.keys.map((k) => JSON.stringify(k.owner)));
            assert.equal(owners.size, distinct.size);
            assert.ok(owners.size <= 7);
            assert.ok([...owners].every((o) => Object.isFrozen(o)));
            const k = api.keys[10];
            const got = r.keys.find((x) => x.id === k.id)!;
            assert.deepEqual(got.owner, {
                type: k.owner!.type,
                id: k.owner!.id,
                name: k.owner!.name,
                role: k.owner!.role,
                createdAt: k.owner!.created_at,
            });
        });
    });
});
