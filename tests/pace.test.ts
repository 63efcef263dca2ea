import { strict as assert } from "assert";
import { Pace } from "../provider/listing/pace";
import { simulate, SIMULATED_RATES } from "../benchmarks/pace-simulation";

/** A pace on a clock the test moves. */
function clocked() {
    const clock = { now: 0 };
    return { clock, pace: new Pace(() => clock.now) };
}

describe("Pace", () => {
    it("lets every request go at once until the first 429", () => {
        const { pace } = clocked();
        for (let i = 0; i < 50; i++) {
            assert.equal(pace.waitMs(), 0);
            pace.take();
        }
        assert.equal(pace.requestsPerMinute, undefined);
    });

    it("after the first 429 probes one request at a time, eight response times later", () => {
        const { clock, pace } = clocked();
        const a = pace.take();
        const b = pace.take();
        clock.now = 10;
        pace.settle(a, "ok");
        assert.equal(pace.settle(b, "throttled"), true);
        assert.equal(pace.waitMs(), 80);
        clock.now = 90;
        assert.equal(pace.waitMs(), 0);
        pace.take();
        assert.equal(pace.waitMs(), Infinity);
    });

    it("does not measure or escalate on a 429 for a request sent before the last 429 was known", () => {
        const { clock, pace } = clocked();
        const inFlight = [pace.take(), pace.take(), pace.take()];
        clock.now = 10;
        assert.equal(pace.settle(inFlight[0], "throttled"), true);
        clock.now = 12;
        assert.equal(pace.settle(inFlight[1], "throttled"), false);
        assert.equal(pace.settle(inFlight[2], "throttled"), false);
        assert.equal(pace.throttleEvents, 1);
        // Still the first probe's wait, from the first 429: 8 x 10 ms.
        assert.equal(pace.waitMs(), 78);
    });

    it("widens the probe sixteen times when nothing had refilled", () => {
        const { clock, pace } = clocked();
        const a = pace.take();
        clock.now = 10;
        pace.settle(a, "throttled");
        assert.equal(pace.waitMs(), 80);
        clock.now = 90;
        const probe = pace.take();
        clock.now = 100;
        assert.equal(pace.settle(probe, "throttled"), true);
        assert.equal(pace.waitMs(), 80 * 16);
    });

    it("paces at the rate refilled between two empties: successes over the time between them", () => {
        const { clock, pace } = clocked();
        const first = pace.take();
        clock.now = 10;
        pace.settle(first, "throttled"); // empty at 10 ms
        clock.now = 90;
        for (let i = 0; i < 3; i++) {
            const t = pace.take();
            clock.now += 10;
            pace.settle(t, "ok");
        }
        const last = pace.take();
        clock.now = 3010; // empty again: 3 refilled in 3 s
        assert.equal(pace.settle(last, "throttled"), true);
        assert.equal(pace.requestsPerMinute, 60);
        assert.equal(pace.waitMs(), 1000);
        // Paced, requests go a gap apart.
        clock.now = 4010;
        pace.take();
        assert.equal(pace.waitMs(), 1000);
    });

    it("eases an estimate measured on few tokens upwards with each success", () => {
        const { clock, pace } = clocked();
        const open = [pace.take(), pace.take(), pace.take()];
        clock.now = 10;
        for (const t of open.slice(0, 2)) pace.settle(t, "ok"); // a burst of 2
        pace.settle(open[2], "throttled");
        clock.now = 90;
        const t = pace.take();
        clock.now = 100;
        pace.settle(t, "ok");
        const last = pace.take();
        clock.now = 6010; // one token in 6 s
        pace.settle(last, "throttled");
        assert.equal(pace.requestsPerMinute, 10);
        const next = pace.take();
        pace.settle(next, "ok");
        assert.equal(pace.requestsPerMinute, 12.5); // 1 + 1/(1+1)^2
    });

    it("takes a probe that refilled a whole burst as a floor of the rate, and eases from it fast", () => {
        const { clock, pace } = clocked();
        const open = [pace.take(), pace.take()];
        clock.now = 10;
        pace.settle(open[0], "ok"); // a burst of 1
        pace.settle(open[1], "throttled");
        clock.now = 90;
        const t = pace.take();
        clock.now = 100;
        pace.settle(t, "ok");
        const last = pace.take();
        clock.now = 6010;
        pace.settle(last, "throttled");
        assert.equal(pace.requestsPerMinute, 10);
        const next = pace.take();
        pace.settle(next, "ok");
        assert.equal(pace.requestsPerMinute, 20); // 1 + 1/(0+1)^2
    });

    it("obeys a 429's Retry-After, and the others in flight do not move it", () => {
        const { clock, pace } = clocked();
        const a = pace.take();
        const b = pace.take();
        clock.now = 10;
        assert.equal(pace.settle(a, "throttled", 4000), true);
        assert.equal(pace.waitMs(), 4000);
        assert.equal(pace.settle(b, "throttled", 9000), false);
        assert.equal(pace.waitMs(), 9000);
        assert.equal(pace.requestsPerMinute, undefined);
    });

    it("acquire resolves 'aborted' when its signal aborts and 'deadline' when the next slot is too late", async () => {
        const pace = new Pace();
        const a = await pace.acquire();
        assert.notEqual(typeof a, "string");
        pace.settle(a as Exclude<typeof a, string>, "throttled", 60_000);
        const abort = new AbortController();
        const waiting = pace.acquire(abort.signal);
        abort.abort();
        assert.equal(await waiting, "aborted");
        assert.equal(await pace.acquire(undefined, Date.now() + 20), "deadline");
    });

    it("lists within 1.25x of the floor a rate sets, from 7 to 3,000 requests a minute (simulated)", () => {
        for (const latencyMs of [20, 300])
            for (const workers of [1, 6, 12])
                for (const [perMinute, burst, total] of SIMULATED_RATES) {
                    const r = simulate(perMinute, burst, total, workers, latencyMs);
                    assert.ok(
                        r.ratio <= 1.25,
                        `${perMinute}/min, ${workers} at once, ${latencyMs} ms: ${r.ratio.toFixed(2)}x the floor`,
                    );
                }
    });
});
