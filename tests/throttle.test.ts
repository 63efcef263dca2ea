import { strict as assert } from "assert";
import { listAdminApiKeys } from "../provider";
import { expectedIds, FAST, withFake } from "./helpers";

describe("listing under a rate limit without Retry-After", () => {
    it("completes a 1,000-key listing with few 429s, pacing after the first", async () => {
        // The benchmark's throttled case scaled down in time: 1 request per 50 ms, bursts of 3,
        // bare 429s beyond that (as admin endpoints answer).
        await withFake({ seed: { count: 1000, seed: 6 }, rateLimit: { perMinute: 1200, burst: 3 } }, async (api) => {
            const r = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                options: { ...FAST, retry: { baseDelayMs: 1, maxDelayMs: 2000, maxAttempts: 6 } },
            });
            assert.deepEqual(
                r.keys.map((k) => k.id),
                expectedIds(api),
            );
            const throttled = api.requests.filter((q) => q.status === 429).length;
            // The first, a probe or two before the rate is known, and an eased estimate meeting the
            // server again (pace.ts); benchmarks/pace-simulation.ts counts the same at other rates.
            assert.ok(throttled >= 1 && throttled <= 5, `${throttled} 429s`);
            // The far end's request may be cancelled in flight, so the client can see fewer 429s than the server sent.
            assert.ok(r.stats.throttled >= 1 && r.stats.throttled <= throttled);
            // After the first 429 the far end stopped: every later request is the primary's.
            const first429 = api.requests.findIndex((q) => q.status === 429);
            const afterward = api.requests.slice(first429 + 1).filter((q) => q.status === 200);
            assert.ok(afterward.every((q) => q.order === "asc"));
            assert.ok(api.requests.filter((q) => q.status === 200).length <= 10 + 2);
        });
    });
});
