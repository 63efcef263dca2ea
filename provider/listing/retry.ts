/**
 * When to retry, and how long to wait: backoff with full jitter, server hints, and a pace shared
 * by every request of one listing so that a throttled endpoint sees few 429s.
 */
import type { RetryOptions } from "../options";

/** Statuses worth another attempt: timeouts, conflicts, throttling and server faults. */
export function isRetryableStatus(status: number): boolean {
    return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Reads `retry-after-ms` (OpenAI's, milliseconds) or `Retry-After` (seconds or an HTTP date).
 * Returns undefined when neither is present or parseable.
 */
export function retryAfterMs(
    headers: Record<string, string | string[] | undefined>,
    now = Date.now(),
): number | undefined {
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim();
    // Only what the headers' grammars allow: a negative, fractional-garbage or odd value is no
    // hint at all (then the pace decides), never "no wait".
    const ms = one(headers["retry-after-ms"]);
    if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Number.parseFloat(ms);
    const ra = one(headers["retry-after"]);
    if (ra === undefined || ra === "") return undefined;
    if (/^\d+(\.\d+)?$/.test(ra)) return Number.parseFloat(ra) * 1000;
    // An HTTP date (IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"); anything else is ignored.
    if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(ra)) return undefined;
    const date = Date.parse(ra);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
export function backoffMs(attempt: number, options: RetryOptions, random = Math.random): number {
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor(random() * ceiling);
}

/** Successes after a throttle before the gap starts to ease. */
const HOLD_SUCCESSES = 3;

/**
 * A pace shared by all requests of one listing. Unthrottled it costs nothing. A 429 that names no
 * wait sets a gap between requests (starting at `throttleDelayMs`, doubling on each further 429).
 * The gap holds for a few successes, then eases by 10% per success, but never below 1.1x a gap
 * that was itself throttled, so the listing settles under the server's rate instead of probing
 * into it again and again. A 429 for a request sent before the last throttle was known (the other
 * end's request in flight) says nothing new and does not escalate.
 */
export class Pace {
    private gapMs = 0;
    private floorMs = 0;
    private nextAt = 0;
    private hold = 0;
    /** Counts throttle events; a request remembers the epoch it was sent in. */
    epoch = 0;

    constructor(private readonly o: RetryOptions) {}

    /** Milliseconds to wait before the next request may go. Reserves the slot. */
    reserve(now = Date.now()): number {
        const at = Math.max(now, this.nextAt);
        this.nextAt = at + this.gapMs;
        return at - now;
    }

    /** A 429 for a request sent in `sentEpoch`: returns how long it should wait before its retry. */
    throttled(hintMs: number | undefined, now = Date.now(), sentEpoch = this.epoch): number {
        if (hintMs !== undefined) {
            const wait = Math.min(hintMs, this.o.maxRetryAfterMs);
            this.nextAt = Math.max(this.nextAt, now + wait);
            return wait;
        }
        if (sentEpoch === this.epoch) {
            // The gap in effect was too short for this server: remember that, and double it.
            this.floorMs = Math.max(this.floorMs, this.gapMs);
            this.gapMs = this.gapMs > 0 ? Math.min(this.gapMs * 2, this.o.maxDelayMs) : this.o.throttleDelayMs;
            this.hold = HOLD_SUCCESSES;
            this.epoch++;
        }
        // A little jitter so that two listings throttled together do not retry in lockstep.
        const wait = Math.round(this.gapMs * (0.9 + Math.random() * 0.2));
        this.nextAt = Math.max(this.nextAt, now + wait);
        return wait;
    }

    succeeded(): void {
        if (this.gapMs === 0) return;
        if (this.hold > 0) {
            this.hold--;
            return;
        }
        this.gapMs = Math.min(this.gapMs, Math.max(this.gapMs * 0.9, this.floorMs * 1.1));
    }

    get currentGapMs(): number {
        return this.gapMs;
    }
}
