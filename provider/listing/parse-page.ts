/**
 * What one page's body says: a validated page of keys, or why it is not one (wire parsing only;
 * whether to retry is fetch-page.ts's to decide).
 */
import { z } from "zod";
import type { Endpoint, ListedItem } from "./endpoint";
import { ApiErrorBody, InvalidResponseError, PaginationError } from "../errors";
import { redactSecrets } from "../internal/redact";
import { escapeForTerminal, quoteForTerminal, shownId } from "../internal/terminal-text";

/** One validated page. */
export interface Page<Item extends ListedItem> {
    readonly keys: Item[];
    readonly hasMore: boolean;
    readonly lastId: string | null;
    readonly requestId?: string;
}

/** One page of any list endpoint; items are checked one by one afterwards, with the endpoint's schema. */
export const ListWire = z.looseObject({
    object: z.string().optional(),
    data: z.array(z.unknown()),
    first_id: z.string().nullish(),
    last_id: z.string().nullish(),
    has_more: z.boolean(),
});
export type ListWire = z.infer<typeof ListWire>;

/** The item schemas' list schemas, made once per schema. */
const listsOf = new WeakMap<z.ZodType, z.ZodArray<z.ZodType>>();

/** The `error` object of an error response, redacted and cut; empty when the body has none. */
export function errorBody(body: Buffer): ApiErrorBody {
    try {
        const e = (JSON.parse(body.toString("utf8")) as { error?: Record<string, unknown> })?.error;
        if (!e || typeof e !== "object") return {};
        // Redacted before it is cut: a key straddling the cut would otherwise survive in part. The
        // fields the error carries are escaped here; the message where it is quoted (errorFromStatus).
        const str = (v: unknown) => (typeof v === "string" ? redactSecrets(v).slice(0, 500) : undefined);
        const field = (v: unknown) => {
            const text = str(v);
            return text === undefined ? undefined : escapeForTerminal(text);
        };
        return { message: str(e.message), type: field(e.type), code: field(e.code), param: field(e.param) };
    } catch {
        return {};
    }
}

/** Parses and validates one page; returns an InvalidResponseError for bodies that are not JSON. */
export function parsePage<Item extends ListedItem>(
    body: Buffer,
    page: number,
    requestId: string | undefined,
    status: number,
    endpoint: Endpoint<Item>,
    shared: Map<string, unknown>,
): Page<Item> | InvalidResponseError {
    const rid = requestId ? ` (request id ${requestId})` : "";
    const details = { status, requestId, page };
    let json: unknown;
    try {
        json = JSON.parse(body.toString("utf8"));
    } catch {
        return new InvalidResponseError(
            `Page ${page} of the ${endpoint.label} is not valid JSON (${body.length} bytes, truncated?)${rid}.`,
            details,
        );
    }
    const list = ListWire.safeParse(json);
    if (!list.success) {
        const issue = list.error.issues[0];
        const field = escapeForTerminal(issue.path.join(".").slice(0, 200)) || "(body)";
        throw new InvalidResponseError(
            `Page ${page} of the ${endpoint.label} is not a list response: field "${field}" ${issue.message}${rid}. ` +
                "Check that the base URL points at the OpenAI API.",
            details,
        );
    }
    let items = listsOf.get(endpoint.wire);
    if (!items) listsOf.set(endpoint.wire, (items = z.array(endpoint.wire)));
    const keys = items.safeParse(list.data.data);
    if (!keys.success) {
        const issue = keys.error.issues[0];
        const [index, ...path] = issue.path;
        const item = list.data.data[index as number] as { id?: unknown } | undefined;
        const id = typeof item?.id === "string" ? ` (id ${shownId(item.id)})` : "";
        throw new InvalidResponseError(
            `${endpoint.item} ${Number(index) + 1} of page ${page}${endpoint.within ?? ""}${id} has an invalid ${quoteForTerminal(path.join(".").slice(0, 200) || "(item)")}: ${escapeForTerminal(issue.message)}${rid}. ` +
                "The listing was dropped rather than returned incomplete; report this with the request id.",
            details,
        );
    }
    const out = keys.data.map((k) => endpoint.convert(k, shared));
    const seen = new Set<string>();
    for (const k of out) {
        if (seen.has(k.id))
            throw new PaginationError(
                `Page ${page}${endpoint.within ?? ""} lists ${endpoint.item.toLowerCase()} ${shownId(k.id)} twice${rid}; the listing was dropped.`,
                details,
            );
        seen.add(k.id);
    }
    const last = out.length > 0 ? out[out.length - 1].id : null;
    if (list.data.last_id && last !== null && list.data.last_id !== last) {
        throw new PaginationError(
            `Page ${page}${endpoint.within ?? ""} says its last item is ${shownId(list.data.last_id)} but ends with ${shownId(last)}${rid}; the cursor cannot be trusted, the listing was dropped.`,
            details,
        );
    }
    return { keys: out, hasMore: list.data.has_more, lastId: last, requestId };
}
