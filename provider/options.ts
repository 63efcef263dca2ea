/**
 * Every tunable of a listing, with its default in one place.
 */
import { stripUndefined } from "./internal/objects";
import { shownValue, typeName } from "./internal/check-args";
import { quoteForTerminal } from "./internal/terminal-text";

/** Retry behaviour for one page. */
export interface RetryOptions {
    /** Attempts per page, the first included. */
    readonly maxAttempts: number;
    /** First backoff delay; it doubles each attempt, with full jitter. */
    readonly baseDelayMs: number;
    /** Largest backoff delay between two attempts. */
    readonly maxDelayMs: number;
    /** Longest `Retry-After` / `retry-after-ms` honoured; a longer one is cut to this. */
    readonly maxRetryAfterMs: number;
}

/** How a listing is carried out. Every field is optional where it is accepted; see {@link DEFAULT_LIST_OPTIONS}. */
export interface ListOptions {
    /** Keys asked for per page. The server may send fewer; the listing follows it. */
    readonly pageSize: number;
    /**
     * Pages a listing may take before it fails with a `PaginationError` (a server that never ends).
     * Two-ended reading is allowed 2 pages more, the most it costs beyond one cursor.
     */
    readonly maxPages: number;
    /** Largest response body accepted, in bytes; a larger one fails with `InvalidResponseError`. */
    readonly maxResponseBytes: number;
    /**
     * Most bytes (decoded) a whole listing may take, all pages together; beyond it the listing fails
     * with `InvalidResponseError` instead of growing until the process runs out of memory.
     */
    readonly maxTotalBytes: number;
    /** Most items a whole listing may hold; beyond it the listing fails with `PaginationError`. */
    readonly maxKeys: number;
    /** Time one attempt may take, from connect to last byte; a stalled server counts as a failed attempt. */
    readonly requestTimeoutMs: number;
    /** Time the whole listing may take, retries and waits included. */
    readonly deadlineMs: number;
    /**
     * Read from both ends at once (`order=asc` from the oldest key and `order=desc` from the newest)
     * once the first page shows there is more, and stop where they meet: about half the wall time
     * for large organizations. Falls back to one cursor at the first 429.
     */
    readonly twoEnded: boolean;
    /**
     * Let concurrent calls with the same effective arguments share one listing, and inside a Pulumi
     * deployment reuse a finished listing for the rest of the run.
     */
    readonly share: boolean;
    /** Report progress (pages, keys so far): to `pulumi.log` in a deployment, to stderr when it is a terminal. */
    readonly progress: boolean;
    readonly retry: RetryOptions;
}

/**
 * The defaults of every listing option.
 *
 * - `pageSize: 100`: a full listing of N keys costs ceil(N / 100) requests.
 * - `maxPages: 1000`: 100,000 keys at 100 a page; raise it for larger organizations.
 * - `maxResponseBytes: 8 MiB`: a page of 100 keys is about 40 KB.
 * - `maxTotalBytes: 256 MiB`, `maxKeys: 200,000`: far above any real organization (100,000 keys
 *   are about 40 MB), far below what exhausts a default Node heap.
 * - `requestTimeoutMs: 30 s`, `deadlineMs: 10 min`.
 * - `retry`: 6 attempts a page, backoff from 500 ms doubling to 30 s with full jitter, `Retry-After`
 *   honoured up to 2 min, 5 s after a 429 that names no wait.
 */
export const DEFAULT_LIST_OPTIONS: ListOptions = Object.freeze({
    pageSize: 100,
    maxPages: 1000,
    maxResponseBytes: 8 * 1024 * 1024,
    maxTotalBytes: 256 * 1024 * 1024,
    maxKeys: 200_000,
    requestTimeoutMs: 30_000,
    deadlineMs: 10 * 60_000,
    twoEnded: true,
    share: true,
    progress: true,
    retry: Object.freeze({
        maxAttempts: 6,
        baseDelayMs: 500,
        maxDelayMs: 30_000,
        maxRetryAfterMs: 120_000,
    }),
});

/** Options as a caller may give them: any subset, `retry` included. */
export type ListOptionsInput = Partial<Omit<ListOptions, "retry">> & { readonly retry?: Partial<RetryOptions> };

/** Largest value each option accepts: beyond them a timer overflows or a guard stops guarding. */
export const LIST_OPTION_LIMITS = Object.freeze({
    pageSize: 1000,
    maxPages: 1_000_000,
    maxResponseBytes: 256 * 1024 * 1024,
    maxTotalBytes: 4 * 1024 * 1024 * 1024,
    maxKeys: 10_000_000,
    requestTimeoutMs: 60 * 60_000,
    deadlineMs: 24 * 60 * 60_000,
    "retry.maxAttempts": 100,
    "retry.baseDelayMs": 60 * 60_000,
    "retry.maxDelayMs": 60 * 60_000,
    "retry.maxRetryAfterMs": 60 * 60_000,
});

/**
 * Fills in defaults and checks every option: names (a misspelled one is an error, not ignored),
 * types and ranges. `where` names the options in messages (e.g. "listOptions"). @internal
 */
export function resolveListOptions(
    input: ListOptionsInput | undefined,
    fail: (msg: string) => Error,
    where = "listOptions",
): ListOptions {
    if (input !== undefined && !isPlainObject(input)) throw fail(`${where} must be an object; got ${typeName(input)}.`);
    if (input?.retry !== undefined && !isPlainObject(input.retry))
        throw fail(`${where}.retry must be an object; got ${typeName(input.retry)}.`);
    for (const [name, allowed] of [
        [where, Object.keys(DEFAULT_LIST_OPTIONS)],
        [`${where}.retry`, Object.keys(DEFAULT_LIST_OPTIONS.retry)],
    ] as const) {
        const given = name === where ? input : input?.retry;
        for (const k of Object.keys(given ?? {})) {
            if (!allowed.includes(k))
                throw fail(
                    `${name} has no option ${quoteForTerminal(k.slice(0, 64))}; the options are ${allowed.join(", ")}.`,
                );
        }
    }
    const o = { ...DEFAULT_LIST_OPTIONS, ...stripUndefined(input ?? {}) } as ListOptions;
    const retry = { ...DEFAULT_LIST_OPTIONS.retry, ...stripUndefined(input?.retry ?? {}) };
    for (const name of ["twoEnded", "share", "progress"] as const) {
        if (typeof o[name] !== "boolean")
            throw fail(`${where}.${name} must be true or false; got ${typeName(o[name])}.`);
    }
    const values: Array<[keyof typeof LIST_OPTION_LIMITS, unknown, number]> = [
        ["pageSize", o.pageSize, 1],
        ["maxPages", o.maxPages, 1],
        ["maxResponseBytes", o.maxResponseBytes, 1],
        ["maxTotalBytes", o.maxTotalBytes, 1],
        ["maxKeys", o.maxKeys, 1],
        ["requestTimeoutMs", o.requestTimeoutMs, 1],
        ["deadlineMs", o.deadlineMs, 1],
        ["retry.maxAttempts", retry.maxAttempts, 1],
        ["retry.baseDelayMs", retry.baseDelayMs, 0],
        ["retry.maxDelayMs", retry.maxDelayMs, 0],
        ["retry.maxRetryAfterMs", retry.maxRetryAfterMs, 0],
    ];
    for (const [name, v, min] of values) {
        const max = LIST_OPTION_LIMITS[name];
        if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
            throw fail(`${where}.${name} must be a whole number from ${min} to ${max}; got ${shownValue(v)}.`);
        }
    }
    return { ...o, retry };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
