/**
 * The listing pace (provider/listing/pace.ts) against a simulated token bucket, in virtual time:
 * `workers` request loops share one Pace as the listings of one endpoint do in an estate, each
 * doing what fetch-page.ts does (acquire, send, settle; a 429 is retried under the pace). Prints,
 * per rate and latency, the time against the floor (requests beyond the burst divided by the
 * rate) and the 429s, in all and for requests sent after the first 429 was known. Minutes of
 * throttled listing take milliseconds here, so the pace can be tried against many rates before
 * `npm run bench` measures it against the fake server.
 *
 *   npx ts-node --transpile-only benchmarks/pace-simulation.ts
 */
import { Pace } from "../provider/listing/pace";

export interface Simulated {
    readonly ms: number;
    readonly floorMs: number;
    readonly ratio: number;
    readonly throttled: number;
    /** 429s of requests sent after the first 429 had been received. */
    readonly throttledAfterKnown: number;
}

/** One run: `total` requests by `workers` loops, against `perMinute` with `burst`, `latencyMs` a round trip. */
export function simulate(
    perMinute: number,
    burst: number,
    total: number,
    workers: number,
    latencyMs: number,
): Simulated {
    let now = 0;
    const pace = new Pace(() => now);
    let tokens = burst;
    let refilledAt = 0;
    let done = 0;
    let started = 0;
    let throttled = 0;
    let afterKnown = 0;
    let firstKnownAt = Infinity;
    const events: Array<{ t: number; run: () => void }> = [];
    const at = (t: number, run: () => void) => {
        let i = events.length;
        while (i > 0 && events[i - 1].t > t) i--;
        events.splice(i, 0, { t, run });
    };
    const admit = (t: number) => {
        tokens = Math.min(burst, tokens + ((t - refilledAt) / 60_000) * perMinute);
        refilledAt = t;
        if (tokens < 1) return false;
        tokens--;
        return true;
    };
    const queue: Array<() => void> = [];
    let wakeAt = Infinity;
    const pump = () => {
        while (queue.length > 0) {
            const wait = pace.waitMs(now);
            if (wait === Infinity) return;
            if (wait > 0) {
                if (now + wait < wakeAt) {
                    wakeAt = now + wait;
                    at(wakeAt, () => {
                        wakeAt = Infinity;
                        pump();
                    });
                }
                return;
            }
            queue.shift()!();
        }
    };
    const attempt = () => {
        queue.push(() => {
            const ticket = pace.take(now);
            const sentAt = now;
            const admitted = admit(now + latencyMs / 2);
            at(now + latencyMs, () => {
                if (admitted) {
                    pace.settle(ticket, "ok", undefined, now);
                    done++;
                    next();
                } else {
                    throttled++;
                    if (sentAt > firstKnownAt) afterKnown++;
                    if (firstKnownAt === Infinity) firstKnownAt = now;
                    pace.settle(ticket, "throttled", undefined, now);
                    attempt();
                }
                pump();
            });
        });
        pump();
    };
    const next = () => {
        if (started >= total) return;
        started++;
        attempt();
    };
    for (let i = 0; i < workers; i++) next();
    while (events.length > 0 && done < total) {
        const e = events.shift()!;
        now = e.t;
        e.run();
    }
    const floorMs = Math.max((Math.max(0, total - burst) / perMinute) * 60_000, (total / workers) * latencyMs);
    return { ms: now, floorMs, ratio: now / floorMs, throttled, throttledAfterKnown: afterKnown };
}

/** The rates tried: the documented few a minute, the benchmark's 30 and 600, and beyond. */
export const SIMULATED_RATES: ReadonlyArray<readonly [perMinute: number, burst: number, requests: number]> = [
    [7, 3, 60],
    [30, 3, 30],
    [30, 3, 330],
    [120, 5, 200],
    [600, 10, 322],
    [3000, 20, 1000],
];

if (require.main === module) {
    for (const latencyMs of [20, 300])
        for (const workers of [1, 6, 12])
            for (const [perMinute, burst, total] of SIMULATED_RATES) {
                const r = simulate(perMinute, burst, total, workers, latencyMs);
                console.log(
                    `${perMinute}/min burst ${burst}, ${total} requests, ${workers} at once, ${latencyMs} ms: ` +
                        `${(r.ms / 1000).toFixed(1)} s, ${r.ratio.toFixed(2)}x the floor (${(r.floorMs / 1000).toFixed(1)} s), ` +
                        `${r.throttled} 429s, ${r.throttledAfterKnown} after the first was known`,
                );
            }
}
