import { strict as assert } from "assert";
import { DEFAULT_LIST_OPTIONS } from "../provider";
import { backoffMs, isRetryableStatus, Pace, retryAfterMs } from "../provider/listing/retry";

describe("retry policy", () => {
    it("retries 408, 409, 429 and 5xx and nothing else", () => {
        assert.deepEqual([400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504].map(isRetryableStatus), [
            false,
            false,
            false,
            false,
            true,
            true,
            false,
            true,
            true,
            true,
            true,
            true,
        ]);
    });

    it("reads retry-after-ms, Retry-After seconds and Retry-After dates", () => {
        const now = Date.parse("2026-11-26T10:00:00Z");
        assert.equal(retryAfterMs({ "retry-after-ms": "1500", "retry-after": "9" }, now), 1500);
        assert.equal(retryAfterMs({ "retry-after": "7" }, now), 7000);
        assert.equal(retryAfterMs({ "retry-after": "Thu, 26 Nov 2026 10:00:30 GMT" }, now), 30_000);
        assert.equal(retryAfterMs({ "retry-after": "Thu, 26 Nov 2026 09:00:00 GMT" }, now), 0);
        assert.equal(retryAfterMs({ "retry-after": "soon" }, now), undefined);
        // A negative or malformed hint is no hint (the pace then decides), never "retry at once".
        assert.equal(retryAfterMs({ "retry-after": "-5" }, now), undefined);
        assert.equal(retryAfterMs({ "retry-after-ms": "-5000" }, now), undefined);
        assert.equal(retryAfterMs({ "retry-after": "1e9" }, now), undefined);
        assert.equal(retryAfterMs({ "retry-after": "0x10" }, now), undefined);
        assert.equal(retryAfterMs({}, now), undefined);
    });

    it("backs off exponentially with full jitter up to the cap", () => {
        const o = DEFAULT_LIST_OPTIONS.retry;
        assert.deepEqual(
            [1, 2, 3, 4].map((n) => backoffMs(n, o, () => 0.999999)),
            [499, 999, 1999, 3999],
        );
        assert.equal(
            backoffMs(20, o, () => 0.999999),
            29_999,
        );
        assert.equal(
            backoffMs(3, o, () => 0),
            0,
        );
    });

    it("paces requests after a 429 without hint, doubling on more 429s and easing on success", () => {
        const pace = new Pace({ ...DEFAULT_LIST_OPTIONS.retry, throttleDelayMs: 1000, maxDelayMs: 3000 });
        assert.equal(pace.reserve(0), 0);
        assert.equal(pace.reserve(0), 0);
        const sent = pace.epoch;
        const w = pace.throttled(undefined, 0, sent);
        assert.ok(w >= 900 && w <= 1100, String(w));
        assert.equal(pace.currentGapMs, 1000);
        // The other end's request, sent before the throttle was known, does not escalate.
        pace.throttled(undefined, 0, sent);
        assert.equal(pace.currentGapMs, 1000);
        // Held for 3 successes, then easing by 10% a success.
        for (let i = 0; i < 3; i++) pace.succeeded();
        assert.equal(pace.currentGapMs, 1000);
        pace.succeeded();
        assert.equal(pace.currentGapMs, 900);
        pace.succeeded();
        assert.equal(pace.currentGapMs, 810);
        // 810 ms proved too fast: the gap doubles, and never eases below 1.1 x 810 again.
        pace.throttled(undefined, 0, pace.epoch);
        assert.equal(pace.currentGapMs, 1620);
        for (let i = 0; i < 50; i++) pace.succeeded();
        assert.equal(Math.round(pace.currentGapMs), 891);
        for (let i = 0; i < 3; i++) pace.throttled(undefined, 0, pace.epoch);
        assert.equal(pace.currentGapMs, 3000);
        // Reservations are spaced by the gap.
        const a = pace.reserve(100_000);
        const b = pace.reserve(100_000);
        assert.equal(b - a, 3000);
    });

    it("honours a Retry-After hint up to maxRetryAfterMs without changing the pace", () => {
        const pace = new Pace({ ...DEFAULT_LIST_OPTIONS.retry, maxRetryAfterMs: 10_000 });
        assert.equal(pace.throttled(4000, 0), 4000);
        assert.equal(pace.throttled(60_000, 0), 10_000);
        assert.equal(pace.currentGapMs, 0);
        assert.equal(pace.reserve(0), 10_000);
    });
});
