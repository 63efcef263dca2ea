/**
 * The listing pace (provider/listing/retry.ts) against a simulated token bucket, in virtual time:
 * `workers` request loops share one Pace as the listings of one endpoint do in an estate, each
 * doing what fetch-page.ts does (reserve a slot, send, and on a 429 wait what the pace says, then
 * reserve again). Prints, per rate, the time against the floor (requests beyond the burst divided
 * by the rate) and the 429s. Minutes of throttled listing take milliseconds here, so a pace can
 * be tried against many rates before the real benchmark (`npm run bench`) measures it.
 *
 *   npx ts-node --transpile-only benchmarks/pace-simulation.ts [--epoch-at-reservation]
 *
 * `--epoch-at-reservation` stamps each request with the pace's epoch when its slot is reserved
 * rather than when it is sent (as fetch-page.ts does today): a request that waited out a throttle
 * then no longer counts as news when it is throttled too.
 */
import { Pace } from "../provider/listing/retry";
import { DEFAULT_LIST_OPTIONS } from "../provider/options";

const epochAtReservation = process.argv.includes("--epoch-at-reservation");

/** One simulated run: `total` requests by `workers` loops against `rpm` with `burst`. */
export function simulate(rpm: number, burst: number, total: number, workers: number, latencyMs: number) {
    const pace = new Pace(DEFAULT_LIST_OPTIONS.retry);
    let tokens = burst;
    let refilledAt = 0;
    let done = 0;
    let started = 0;
    let throttled = 0;
    let now = 0;
    const events: Array<{ t: number; run: () => void }> = [];
    const at = (t: number, run: () => void) => {
        events.push({ t, run });
        events.sort((a, b) => a.t - b.t);
    };
    const admit = (t: number) => {
        tokens = Math.min(burst, tokens + ((t - refilledAt) / 60_000) * rpm);
        refilledAt = t;
        if (tokens < 1) return false;
        tokens--;
        return true;
    };
    const next = () => {
        if (started >= total) return;
        started++;
        const attempt = () => {
            const reservedIn = pace.epoch;
            at(now + pace.reserve(now), () => {
                const epoch = epochAtReservation ? reservedIn : pace.epoch;
                const admitted = admit(now + latencyMs / 2);
                at(now + latencyMs, () => {
                    if (admitted) {
                        pace.succeeded();
                        done++;
                        next();
                    } else {
                        throttled++;
                        at(now + pace.throttled(undefined, now, epoch), attempt);
                    }
                });
            });
        };
        attempt();
    };
    for (let i = 0; i < workers; i++) next();
    while (events.length && done < total) {
        const e = events.shift()!;
        now = e.t;
        e.run();
    }
    const floorMs = (Math.max(0, total - burst) / rpm) * 60_000;
    return {
        seconds: +(now / 1000).toFixed(1),
        floorSeconds: +(floorMs / 1000).toFixed(1),
        ratio: +(now / floorMs).toFixed(2),
        throttled,
    };
}

if (require.main === module) {
    for (const [rpm, burst, total] of [
        [7, 3, 60],
        [30, 3, 330],
        [120, 5, 200],
        [600, 10, 330],
    ] as const) {
        const r = simulate(rpm, burst, total, 6, 20);
        console.log(
            `${rpm} requests a minute, burst ${burst}, ${total} requests, 6 at once: ${r.seconds} s, ${r.ratio}x the floor (${r.floorSeconds} s), ${r.throttled} 429s`,
        );
    }
}
