import { strict as assert } from "assert";
import { DEFAULT_LIST_OPTIONS } from "../provider";
import { backoffMs, isRetryableStatus, retryAfterMs } from "../provider/listing/retry";

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
});
