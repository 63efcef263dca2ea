/**
 * What the listing engine needs to know of one list endpoint, and nothing else: where it is, what
 * it takes, what one item looks like, and what messages call it. Each resource module (admin keys,
 * projects, project keys, service accounts) declares one; the engine (fetch-page, paginate) is
 * generic over it.
 */
import type { z } from "zod";

/** Order by creation time: `asc` (oldest first, as the API) or `desc`, for endpoints that take one. */
export type Order = "asc" | "desc";

/** What every listed item has: an id (the cursor) and a creation time (the order). */
export interface ListedItem {
    readonly id: string;
    readonly createdAt: number;
}

/** One list endpoint of the Admin API. */
export interface Endpoint<Item extends ListedItem> {
    /** Path under the base URL, with any id in it already checked, e.g. `/organization/projects/proj_1/api_keys`. */
    readonly path: string;
    /**
     * The rate-limit scope: requests to endpoints of one scope share one pace. The path template,
     * e.g. `/organization/projects/{project_id}/api_keys` (OpenAI does not say what its limits are per).
     */
    readonly scope: string;
    /** Query parameters beyond `limit`, `after` and `order`, e.g. `{ include_archived: "true" }`. */
    readonly query?: Readonly<Record<string, string>>;
    /** Whether the endpoint takes `order` (by `created_at`): reading from both ends needs it. */
    readonly ordered: boolean;
    /** What messages call a listing of it, e.g. "admin key listing" or "API key listing of project proj_1". */
    readonly label: string;
    /** What messages call its items, e.g. "keys", and one of them, e.g. "Key". */
    readonly items: string;
    readonly item: string;
    /** What messages add after "page N" to say where, e.g. " of project proj_1's API keys"; none for admin keys. */
    readonly within?: string;
    /** The schema one wire item must pass. */
    readonly wire: z.ZodType;
    /** Converts a validated wire item. `shared` lets a listing intern repeated sub-objects (owners). */
    convert(wire: unknown, shared: Map<string, unknown>): Item;
}
