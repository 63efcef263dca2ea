/**
 * Fetches one page: the retry loop. Each attempt's outcome is retried, paced or turned into a
 * typed error here; what the body says is parse-page.ts's to decide, and what pages do wrong
 * together (cursors, completeness) the paginators'.
 */
import {
    BadRequestError,
    ConnectionError,
    DeadlineExceededError,
    InvalidResponseError,
    OpenAIAdminError,
    PaginationError,
    errorFromStatus,
} from "../errors";
import { quoteForTerminal } from "../internal/terminal-text";
import type { ListOptions } from "../options";
import type { Connection } from "./connection";
import { attempt, PageQuery, sleep } from "./http";
import { errorBody, Page, parsePage } from "./parse-page";
import type { Endpoint, ListedItem } from "./endpoint";
import { backoffMs, isRetryableStatus, retryAfterMs } from "./retry";
import type { Pace, PaceOutcome } from "./pace";

/** Counters of one listing, for progress reports, tests and the benchmark. */
export interface ListingStats {
    /** HTTP requests sent, retries included. */
    requests: number;
    /** Attempts that were retries. */
    retries: number;
    /** 429 answers received. */
    throttled: number;
    /** Pages accepted. */
    pages: number;
    /**
     * Keys: while listing, keys accepted so far (the two ends may overlap by a page); once the
     * listing is done, the distinct keys it returned.
     */
    keys: number;
    /** Whether the listing read from both ends. */
    twoEnded: boolean;
    /** Keys asked for per page at the end: less than `pageSize` if the server refused that `limit`. */
    pageSize: number;
    /** Bytes of the pages accepted (decoded), bounded by `maxTotalBytes`. */
    bytes: number;
}

/**
 * The page size a listing falls back to when the server refuses a larger `limit`: the API's own
 * default, which every server accepts.
 */
export const FALLBACK_PAGE_SIZE = 20;

/** Told of each accepted page, with the listing's counters so far. */
export type PageHook = (stats: Readonly<ListingStats>) => void;

/** Everything the requests of one listing share. */
export interface ListingContext<Item extends ListedItem = ListedItem> {
    readonly conn: Connection;
    readonly options: ListOptions;
    readonly pace: Pace;
    /** Epoch milliseconds after which no new attempt starts. */
    readonly deadline: number;
    readonly stats: ListingStats;
    /** Told of each 429 before its retry is scheduled (the two-ended listing falls back to one cursor). */
    onThrottle?: () => void;
    /** Told of each accepted page: the one progress hook, from here to the progress reporter. */
    readonly onPage?: PageHook;
    /** The endpoint listed. */
    readonly endpoint: Endpoint<Item>;
    /** Sub-objects shared by the items of this listing (see Endpoint.convert). */
    readonly shared: Map<string, unknown>;
}

/** Returns the page, or `undefined` if `signal` aborted first. Throws an OpenAIAdminError otherwise. */
export async function fetchPage<Item extends ListedItem>(
    ctx: ListingContext<Item>,
    query: PageQuery,
    pageNumber: number,
    signal: AbortSignal,
): Promise<Page<Item> | undefined> {
    const { options, conn, endpoint } = ctx;
    let lastError: OpenAIAdminError | undefined;
    for (let n = 1; n <= options.retry.maxAttempts; n++) {
        // A page size the server refused earlier in this listing is not asked for again.
        if (query.limit > ctx.stats.pageSize) query = { ...query, limit: ctx.stats.pageSize };
        // The deadline covers everything: pacing waits, and each attempt is cut to the time left.
        const ticket = await ctx.pace.acquire(signal, ctx.deadline);
        if (ticket === "aborted") return undefined;
        if (ticket === "deadline") throw deadline(ctx, pageNumber, lastError);
        const timeLeft = Math.max(1, ctx.deadline - Date.now());
        ctx.stats.requests++;
        if (n > 1) ctx.stats.retries++;
        const timeoutMs = Math.min(options.requestTimeoutMs, timeLeft);
        const out = await attempt(
            conn,
            endpoint.path,
            { ...query, extra: endpoint.query },
            { timeoutMs, maxBytes: options.maxResponseBytes },
            signal,
        );
        // The pace hears of every request it let go: any answer but a 429 was let through by the
        // server's limiter (a token spent), whatever it said.
        const throttled = out.kind === "response" && out.status === 429;
        const hint = out.kind === "response" ? retryAfterMs(out.headers) : undefined;
        const news = ctx.pace.settle(
            ticket,
            throttled ? "throttled" : out.kind === "response" || out.kind === "too-large" ? "ok" : "other",
            throttled && hint !== undefined ? Math.min(hint, options.retry.maxRetryAfterMs) : undefined,
        );
        let delay: number;
        if (out.kind === "cancelled") return undefined;
        if (out.kind === "network" && Date.now() >= ctx.deadline) throw deadline(ctx, pageNumber, lastError);
        if (out.kind === "too-large") {
            throw new InvalidResponseError(
                `Page ${pageNumber} of the ${endpoint.label} is larger than maxResponseBytes (${options.maxResponseBytes} bytes); ` +
                    "the response was dropped. If the base URL is right, raise maxResponseBytes.",
                { status: out.status, requestId: out.requestId, page: pageNumber },
            );
        }
        if (out.kind === "network") {
            lastError = new ConnectionError(
                `Could not reach ${conn.baseUrl} for page ${pageNumber} of the ${endpoint.label} (${quoteForTerminal(out.code.slice(0, 64))}: ` +
                    `${quoteForTerminal(out.detail.slice(0, 300))}). Check the network and the base URL (${conn.places.baseUrl}).`,
                { page: pageNumber },
            );
            delay = backoffMs(n, options.retry);
        } else if (out.status >= 200 && out.status < 300) {
            const parsed = parsePage(out.body, pageNumber, out.requestId, out.status, endpoint, ctx.shared);
            if (parsed instanceof InvalidResponseError) {
                // Unparseable JSON is usually a cut connection: worth another attempt.
                lastError = parsed;
                delay = backoffMs(n, options.retry);
            } else if (parsed.keys.length > query.limit) {
                throw new InvalidResponseError(
                    `Page ${pageNumber} of the ${endpoint.label} holds ${parsed.keys.length} ${endpoint.items}, more than the ${query.limit} asked for` +
                        `${out.requestId ? ` (request id ${out.requestId})` : ""}. The listing was dropped rather than trusted; check the base URL.`,
                    { status: out.status, requestId: out.requestId, page: pageNumber },
                );
            } else {
                ctx.stats.pages++;
                ctx.stats.keys += parsed.keys.length;
                ctx.stats.bytes += out.body.length;
                checkTotals(ctx, pageNumber, out.requestId);
                ctx.onPage?.(ctx.stats);
                return parsed;
            }
        } else {
            const body = errorBody(out.body);
            lastError =
                out.status >= 300 && out.status < 400
                    ? new InvalidResponseError(
                          `${conn.baseUrl} answered page ${pageNumber} with a redirect (${out.status}); the admin key is not sent ` +
                              "to redirects. Set the base URL to where the API really is.",
                          { status: out.status, requestId: out.requestId, page: pageNumber },
                      )
                    : errorFromStatus(out.status, body, {
                          requestId: out.requestId,
                          page: pageNumber,
                          baseUrl: conn.baseUrl,
                          places: conn.places,
                          path: endpoint.path,
                      });
            if (out.status === 400 && refusesLimit(body) && query.limit > FALLBACK_PAGE_SIZE) {
                // OpenAI documents no maximum for this endpoint's limit. A refusal is not a reason to
                // fail every run: the rest of the listing asks for the API's default, and says so.
                ctx.stats.pageSize = FALLBACK_PAGE_SIZE;
                query = { ...query, limit: FALLBACK_PAGE_SIZE };
                n--; // a refused page size is not a failed attempt of the page
                continue;
            }
            if (out.status === 400 && refusesLimit(body)) {
                throw new BadRequestError(
                    `${lastError.message} The server refused a page size of ${query.limit}: set a smaller one (${conn.places.pageSize}).`,
                    {
                        status: 400,
                        requestId: out.requestId,
                        page: pageNumber,
                        type: body.type,
                        code: body.code,
                        param: body.param,
                    },
                );
            }
            if (!isRetryableStatus(out.status)) throw lastError;
            if (out.status === 429) {
                ctx.stats.throttled++;
                ctx.onThrottle?.();
                // The retry waits in the pace. A 429 for a request sent before the last one was
                // known is the pace's business, not a failed attempt of this page.
                if (!news) n--;
                continue;
            } else {
                delay =
                    hint !== undefined ? Math.min(hint, options.retry.maxRetryAfterMs) : backoffMs(n, options.retry);
            }
        }
        if (n === options.retry.maxAttempts) break;
        if (Date.now() + delay > ctx.deadline) throw deadline(ctx, pageNumber, lastError);
        await sleep(delay, signal);
        if (signal.aborted) return undefined;
    }
    throw lastError!;
}

/** Whether a 400 says the `limit` parameter was refused (by `param`, or a message that names it). */
function refusesLimit(body: { param?: string; message?: string }): boolean {
    return body.param === "limit" || /\blimit\b/i.test(body.message ?? "");
}

/** The listing as a whole stays bounded: a server that sends large pages forever fails it long before the heap. */
function checkTotals(ctx: ListingContext<ListedItem>, page: number, requestId: string | undefined): void {
    const { options, stats } = ctx;
    if (stats.bytes > options.maxTotalBytes) {
        throw new InvalidResponseError(
            `The ${ctx.endpoint.label} passed maxTotalBytes (${options.maxTotalBytes} bytes) at page ${page}` +
                `${requestId ? ` (request id ${requestId})` : ""}; it was dropped rather than held in memory. ` +
                "No real organization comes near this: check the base URL, or raise maxTotalBytes.",
            { requestId, page },
        );
    }
    if (stats.keys > options.maxKeys) {
        throw new PaginationError(
            `The ${ctx.endpoint.label} passed maxKeys (${options.maxKeys} ${ctx.endpoint.items}) at page ${page}` +
                `${requestId ? ` (request id ${requestId})` : ""}; it was dropped rather than held in memory. ` +
                "Check the base URL, or raise maxKeys if the organization really is that large.",
            { requestId, page },
        );
    }
}

function deadline(
    ctx: ListingContext<ListedItem>,
    page: number,
    last: OpenAIAdminError | undefined,
): DeadlineExceededError {
    const why = last ? ` The last attempt failed: ${last.message}` : "";
    return new DeadlineExceededError(
        `The ${ctx.endpoint.label} did not finish within deadlineMs (${ctx.options.deadlineMs} ms); it stopped at page ${page} ` +
            `and returned nothing.${why}`,
        { status: last?.status, requestId: last?.requestId, page },
    );
}
