import { strict as assert } from "assert";
import { listAdminApiKeys } from "../provider";
import { seedKeys } from "../provider/testing";
import type { AdminApiKeyWire } from "../provider/admin-api-key";
import { expectedIds, FAST, withFake } from "./helpers";

const opts = { ...FAST, twoEnded: true };

function key(id: string, createdAt: number): AdminApiKeyWire {
    return {
        object: "organization.admin_api_key",
        id,
        name: id,
        redacted_value: "sk-admin...abc",
        created_at: createdAt,
        last_used_at: null,
        expires_at: null,
        owner: { type: "user", id: "user_1" },
    };
}

describe("two-ended listing", () => {
    for (const n of [1, 99, 100, 101, 199, 200, 201, 250, 1000, 1001, 2345]) {
        it(`lists exactly ${n} keys in both orders within ceil(N/100) + 2 requests`, async () => {
            await withFake({ seed: { count: n, seed: n, tieRate: 0.35 } }, async (api) => {
                for (const order of ["asc", "desc"] as const) {
                    api.requests.length = 0;
                    const r = await listAdminApiKeys({
                        adminKey: api.adminKey,
                        baseUrl: api.baseUrl,
                        order,
                        options: opts,
                    });
                    assert.deepEqual(
                        r.keys.map((k) => k.id),
                        expectedIds(api, order),
                    );
                    const pages = Math.max(1, Math.ceil(n / 100));
                    assert.ok(api.requests.length <= pages + 2, `${api.requests.length} requests for ${n} keys`);
                    if (n <= 100) assert.equal(api.requests.length, 1, "one page, nothing extra");
                    assert.equal(r.stats.twoEnded, n > 100);
                }
            });
        });
    }

    it("meets correctly when every key shares one created_at (one giant tie)", async () => {
        const keys = Array.from({ length: 730 }, (_, i) =>
            key(`key_${((i * 7919) % 730).toString().padStart(4, "0")}`, 1_700_000_000),
        );
        await withFake({ keys }, async (api) => {
            for (const order of ["asc", "desc"] as const) {
                const r = await listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    order,
                    options: opts,
                });
                assert.deepEqual(
                    r.keys.map((k) => k.id),
                    expectedIds(api, order),
                );
            }
        });
    });

    it("stays complete when the server's desc order is not the exact reverse of asc within ties", async () => {
        // Sides overlapping on a shared id would prove nothing here; the created_at rule still does.
        const keys = seedKeys({ count: 640, seed: 9, tieRate: 0.8 });
        await withFake({ keys, descTies: "id-asc" }, async (api) => {
            // The fake really serves desc ties in id-ascending order.
            const desc = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                order: "desc",
                options: { ...opts, twoEnded: false },
            });
            assert.notDeepEqual(
                desc.keys.map((k) => k.id),
                expectedIds(api, "desc"),
            );
            for (const order of ["asc", "desc"] as const) {
                const r = await listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    order,
                    options: opts,
                });
                assert.deepEqual(new Set(r.keys.map((k) => k.id)), new Set(expectedIds(api)));
                assert.equal(r.keys.length, 640);
                if (order === "asc")
                    assert.deepEqual(r.keys.map((k) => k.id).slice(0, 100), expectedIds(api).slice(0, 100));
            }
        });
    });

    it("includes every key that existed throughout when keys are created and deleted during the listing", async () => {
        const base = seedKeys({ count: 1500, seed: 77, tieRate: 0.3 });
        await withFake({ keys: base }, async (api) => {
            const deleted: string[] = [];
            const created: string[] = [];
            const newest = base[base.length - 1].created_at;
            api.onRequest = (n) => {
                if (n === 3 || n === 6 || n === 9) {
                    // Delete a key near the middle (where the two ends will meet) and one at each end.
                    for (const victim of [
                        api.keys[Math.floor(api.keys.length / 2)],
                        api.keys[1],
                        api.keys[api.keys.length - 2],
                    ]) {
                        api.deleteKey(victim.id);
                        deleted.push(victim.id);
                    }
                    // A key created now, in the same second as the newest (a tie at the end).
                    const k = key(`key_new_${n}`, newest);
                    api.addKey(k);
                    created.push(k.id);
                }
            };
            const r = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                order: "desc",
                options: opts,
            });
            const got = r.keys.map((k) => k.id);
            assert.equal(new Set(got).size, got.length, "no duplicates");
            const survivors = base.map((k) => k.id).filter((id) => !deleted.includes(id));
            for (const id of survivors) assert.ok(got.includes(id), `key ${id}, present throughout, is missing`);
            for (const id of got)
                assert.ok(survivors.includes(id) || deleted.includes(id) || created.includes(id), `unknown key ${id}`);
            // Requested order holds for what was returned.
            for (let i = 1; i < r.keys.length; i++) assert.ok(r.keys[i - 1].createdAt >= r.keys[i].createdAt);
        });
    });

    it("falls back to one cursor at the first 429 and still returns the exact list", async () => {
        await withFake(
            { seed: { count: 1200, seed: 4 }, faults: [{ kind: "rate-limit-no-hint", order: "desc" }] },
            async (api) => {
                const r = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: opts });
                assert.deepEqual(
                    r.keys.map((k) => k.id),
                    expectedIds(api),
                );
                assert.equal(r.stats.throttled, 1);
                // After the 429 no further desc request was made.
                const at = api.requests.findIndex((q) => q.status === 429);
                assert.deepEqual(
                    api.requests.slice(at + 1).map((q) => q.order),
                    api.requests.slice(at + 1).map(() => "asc"),
                );
                assert.ok(api.requests.length <= 12 + 2, `${api.requests.length} requests`);
            },
        );
    });

    it("stops the far end early under throttling but keeps using what it read", async () => {
        // desc reads 3 pages, then a 429 on asc: asc goes on alone but may stop where desc had reached.
        await withFake(
            {
                seed: { count: 1000, seed: 8 },
                faults: [{ kind: "rate-limit-no-hint", order: "asc", withCursor: true }],
            },
            async (api) => {
                const r = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: opts });
                assert.deepEqual(
                    r.keys.map((k) => k.id),
                    expectedIds(api),
                );
                assert.ok(api.requests.filter((q) => q.status === 200).length <= 10 + 2);
            },
        );
    });

    it("falls back to one cursor when a page is not in created_at order", async () => {
        await withFake(
            { seed: { count: 700, seed: 12, tieRate: 0 }, faults: [{ kind: "unordered", order: "desc" }] },
            async (api) => {
                const r = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: opts });
                assert.deepEqual(
                    r.keys.map((k) => k.id),
                    expectedIds(api),
                );
                assert.equal(api.requests.filter((q) => q.order === "desc").length, 1);
            },
        );
    });

    it("reads an organization of exactly maxPages full pages, with the 2 extra pages two-ended reading may take", async () => {
        await withFake({ seed: { count: 500, seed: 2 } }, async (api) => {
            const r = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                options: { ...opts, maxPages: 5 },
            });
            assert.deepEqual(
                r.keys.map((k) => k.id),
                expectedIds(api),
            );
            assert.ok(r.stats.pages > 5);
            for (let i = 0; i < 300; i++)
                api.addKey(key(`key_more_${i}`, api.keys[api.keys.length - 1].created_at + 1));
            await assert.rejects(
                listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: { ...opts, maxPages: 5 } }),
                /passed maxPages \(5 pages/,
            );
        });
    });

    it("can be turned off: one cursor, ceil(N/100) requests", async () => {
        await withFake({ seed: { count: 1234 } }, async (api) => {
            const r = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                options: { ...opts, twoEnded: false },
            });
            assert.deepEqual(
                r.keys.map((k) => k.id),
                expectedIds(api),
            );
            assert.equal(api.requests.length, 13);
            assert.ok(api.requests.every((q) => q.order === "asc"));
        });
    });
});
