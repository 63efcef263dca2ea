/**
 * When to retry, and how long to wait: backoff with full jitter and the server's hints. How fast
 * a throttled endpoint may go is the pace's business (pace.ts).
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
