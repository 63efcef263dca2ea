/**
 * Reads every page of the listing, from one end or from both, and returns the complete list or
 * throws. There is no path that returns a partial list.
 *
 * Two-ended reading: cursor pages can only be fetched one after another, but `order=asc` and
 * `order=desc` are two independent cursors. After the first page shows `has_more`, the other end
 * starts too. The ascending side has then seen every key created strictly before the `created_at`
 * of its latest key (tA); the descending side every key created strictly after its latest (tD).
 * Once tA > tD, every key lies on one side or the other, whatever order the server gives keys
 * that share a `created_at`. Keys are de-duplicated by id and returned in the requested order.
 */
import type { Order } from "../admin-api-key";
import type { Endpoint, ListedItem } from "./endpoint";
import { PaginationError } from "../errors";
import type { ListOptions } from "../options";
import type { Connection } from "./connection";
import { fetchPage, ListingContext, ListingStats, PageHook } from "./fetch-page";
import { Pace } from "./pace";
import { shownId } from "../internal/terminal-text";

/** The complete list and what it cost. */
export interface Listing<Item extends ListedItem> {
    readonly keys: Item[];
    readonly stats: Readonly<ListingStats>;
}

/** One end of the listing. */
class Side<Item extends ListedItem> {
    readonly keys: Item[] = [];
    readonly ids = new Set<string>();
    readonly cursors = new Set<string>();
    /** Aborts this end's attempt or wait in flight. */
    readonly abort = new AbortController();
    cursor: string | undefined;
    done = false;
    /** `created_at` of the latest key read; keys beyond it (in this side's direction) are all seen. */
    edge: number | undefined;
    pages = 0;
    ordered = true;

    constructor(readonly order: Order) {}

    /** Takes a page's keys; records whether they arrived in this side's order. */
    take(keys: Item[]): void {
        for (const k of keys) {
            if (this.edge !== undefined && (this.order === "asc" ? k.createdAt < this.edge : k.createdAt > this.edge))
                this.ordered = false;
            this.edge = k.createdAt;
            if (!this.ids.has(k.id)) {
                this.ids.add(k.id);
                this.keys.push(k);
            }
        }
    }
}

/**
 * Lists every item of `endpoint`: in `order` from both ends where the endpoint takes an order,
 * else in the server's order from one. `pace` is shared by every listing of one rate-limit scope.
 */
export async function listAll<Item extends ListedItem>(
    conn: Connection,
    options: ListOptions,
    endpoint: Endpoint<Item>,
    order: Order,
    onPage?: PageHook,
    pace: Pace = new Pace(),
    deadline = Date.now() + options.deadlineMs,
): Promise<Listing<Item>> {
    const stats: ListingStats = {
        requests: 0,
        retries: 0,
        throttled: 0,
        pages: 0,
        keys: 0,
        twoEnded: false,
        pageSize: options.pageSize,
        bytes: 0,
    };
    let throttled = false;
    const ctx: ListingContext<Item> = {
        conn,
        options,
        pace,
        deadline,
        stats,
        onThrottle: () => {
            throttled = true;
            // Under throttling a second cursor only doubles the 429s: the far end stops.
            secondary?.abort.abort();
        },
        onPage,
        endpoint,
        shared: new Map(),
    };
    const primary = new Side<Item>(order);
    let secondary: Side<Item> | undefined;
    let totalPages = 0;

    const step = async (side: Side<Item>): Promise<boolean> => {
        // Two-ended reading may take up to 2 pages more than one cursor (the meeting page and one
        // in flight), so it is allowed them beyond maxPages.
        if (++totalPages > options.maxPages + (secondary ? 2 : 0)) {
            throw new PaginationError(
                `The ${endpoint.label} passed maxPages (${options.maxPages} pages of up to ${options.pageSize}) without reaching the end. ` +
                    "Either the server keeps saying has_more, or the organization is larger than maxPages allows: raise maxPages if so.",
                { page: totalPages },
            );
        }
        const pageNumber = ++side.pages;
        const page = await fetchPage(
            ctx,
            { order: endpoint.ordered ? side.order : undefined, limit: stats.pageSize, after: side.cursor },
            pageNumber,
            side.abort.signal,
        );
        if (page === undefined) return false;
        side.take(page.keys);
        if (!page.hasMore) {
            side.done = true;
            return true;
        }
        const where = `page ${pageNumber}${endpoint.within ?? ""}${endpoint.ordered ? ` (${side.order})` : ""}${page.requestId ? `, request id ${page.requestId}` : ""}`;
        if (page.keys.length === 0) {
            throw new PaginationError(
                `The server said has_more on an empty ${where}; the listing cannot continue and was dropped.`,
                {
                    page: pageNumber,
                    requestId: page.requestId,
                },
            );
        }
        const next = page.lastId!;
        if (side.cursors.has(next) || next === side.cursor) {
            throw new PaginationError(
                `The server returned cursor ${shownId(next)} twice (${where}); it would loop forever, so the listing was dropped.`,
                {
                    page: pageNumber,
                    requestId: page.requestId,
                },
            );
        }
        side.cursors.add(next);
        side.cursor = next;
        return true;
    };

    await step(primary);
    if (!primary.done && options.twoEnded && endpoint.ordered && !throttled) {
        secondary = new Side<Item>(order === "asc" ? "desc" : "asc");
        stats.twoEnded = true;
        const sec = secondary;
        const asc = order === "asc" ? primary : sec;
        const desc = order === "asc" ? sec : primary;
        const met = () =>
            asc.done || desc.done || (asc.edge !== undefined && desc.edge !== undefined && asc.edge > desc.edge);
        let finished = false;
        const run = async (side: Side<Item>, other: Side<Item>) => {
            while (!finished && !side.done) {
                // Under throttling a second cursor only doubles the 429s; without created_at order
                // the meeting rule proves nothing. Either way the primary goes on alone.
                if (side === sec && (throttled || !sec.ordered || !primary.ordered)) return;
                if (!(await step(side))) return;
                if (side.ordered && other.ordered && met()) {
                    finished = true;
                    other.abort.abort();
                } else if (!side.ordered) {
                    sec.abort.abort();
                }
            }
        };
        try {
            await Promise.all([run(primary, sec), run(sec, primary)]);
        } catch (err) {
            primary.abort.abort();
            sec.abort.abort();
            throw err;
        }
        // Finished: the two ends met (or one reached the other end), so together they hold every key.
        // Otherwise the primary read to the end on its own and holds every key by itself.
        const keys = finished ? merge(primary, sec, order) : primary.keys;
        // The two ends overlap where they meet: the count reported is of distinct keys returned.
        stats.keys = keys.length;
        return { keys, stats };
    }
    while (!primary.done) await step(primary);
    stats.keys = primary.keys.length;
    return { keys: primary.keys, stats };
}

/** Primary keys, then the far end's keys not yet seen, all in the requested order. */
function merge<Item extends ListedItem>(primary: Side<Item>, far: Side<Item>, order: Order): Item[] {
    const out = primary.keys.slice();
    for (let i = far.keys.length - 1; i >= 0; i--) {
        const k = far.keys[i];
        if (!primary.ids.has(k.id)) out.push(k);
    }
    return inOrder(out, order);
}

/** Stable sort by created_at, keeping the server's order among equal timestamps. */
function inOrder<Item extends ListedItem>(keys: Item[], order: Order): Item[] {
    const sign = order === "asc" ? 1 : -1;
    // Usually already in order: skip the sort and its per-key allocations (100,000 keys matter).
    let sorted = true;
    for (let i = 1; i < keys.length && sorted; i++) sorted = sign * (keys[i].createdAt - keys[i - 1].createdAt) >= 0;
    if (sorted) return keys;
    return keys
        .map((k, i) => ({ k, i }))
        .sort((a, b) => sign * (a.k.createdAt - b.k.createdAt) || a.i - b.i)
        .map((x) => x.k);
}
