/**
 * One complete listing of one endpoint, as every public listing runs it: shared between callers
 * with the same effective arguments, progress reported, items frozen (callers of a shared listing
 * get the same objects, and none of them may change them for the others).
 */
import type { Connection } from "./connection";
import type { Endpoint, ListedItem, Order } from "./endpoint";
import type { Listing } from "./paginate";
import type { Pace } from "./pace";
import { defaultSink, progressReporter } from "./progress";
import { shared } from "./share";
import type { ListOptions } from "../options";

/** How one listing runs: its order, progress title, and the pace and deadline it shares with others. */
export interface ListOneOptions {
    readonly order?: Order;
    /** Title of progress reports, e.g. "Listing OpenAI admin API keys"; none: no reports of its own. */
    readonly progressTitle?: string;
    readonly pace?: Pace;
    readonly deadline?: number;
}

/** Lists every item of `endpoint`, or throws; never a partial list. */
export async function listOne<Item extends ListedItem>(
    conn: Connection,
    options: ListOptions,
    endpoint: Endpoint<Item>,
    how: ListOneOptions = {},
): Promise<Listing<Item>> {
    const order = how.order ?? "asc";
    const shareKey = JSON.stringify([
        conn.baseUrl,
        conn.organization ?? null,
        conn.keyFingerprint,
        endpoint.path,
        endpoint.query ?? null,
        order,
        options,
    ]);
    const run = async () => {
        const progress =
            options.progress && how.progressTitle ? progressReporter(defaultSink(), how.progressTitle) : undefined;
        try {
            // The HTTP client and the paginators load with the first listing, not with the package.
            const { listAll } = require("./paginate") as typeof import("./paginate");
            const result = await listAll(conn, options, endpoint, order, progress?.onPage, how.pace, how.deadline);
            for (const item of result.keys) Object.freeze(item);
            Object.freeze(result.keys);
            return result;
        } finally {
            progress?.end();
        }
    };
    return options.share ? shared(shareKey, run) : run();
}
