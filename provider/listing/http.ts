/**
 * One HTTP attempt against a list endpoint, with got 11 (CommonJS, so it loads in Pulumi
 * programs and serialized dynamic providers). Returns the raw outcome; deciding what it means is
 * the caller's job. Nothing of got's request or options escapes this file.
 */
import * as zlib from "zlib";
import { VERSION } from "../version";
import type { Connection } from "./connection";
import type { Order } from "../admin-api-key";

/** Query of one list request: the cursor's part (the endpoint adds its own, see Endpoint.query). */
export interface PageQuery {
    /** Only for endpoints that take it. */
    readonly order?: Order;
    readonly limit: number;
    readonly after?: string;
}

/** What came back: a status with body, or a network failure. */
export type AttemptOutcome =
    | {
          readonly kind: "response";
          readonly status: number;
          readonly headers: Record<string, string | string[] | undefined>;
          readonly body: Buffer;
          readonly requestId?: string;
      }
    | { readonly kind: "network"; readonly code: string; readonly detail: string }
    | { readonly kind: "too-large"; readonly status: number; readonly requestId?: string }
    | { readonly kind: "cancelled" };

/**
 * Waits `ms`, or less if `signal` aborts first (a caller abandons waits and attempts in flight
 * through an AbortSignal: the other end of a two-ended listing has finished).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener("abort", done, { once: true });
    });
}

let gotInstance: typeof import("got").default | undefined;
/** Loads the HTTP client now (a plugin does it while the engine is still setting up). */
export function loadHttpClient(): void {
    client();
}
function client(): typeof import("got").default {
    // Loaded on first use so that a serialized provider never captures it.
    if (!gotInstance) gotInstance = (require("got") as typeof import("got")).default;
    return gotInstance;
}

const USER_AGENT = `pulumi-openai-admin-keys/${VERSION} node/${process.version}`;

/** Sends one `GET {baseUrl}{path}` with `query` and the endpoint's own parameters. Never throws. */
export async function attempt(
    conn: Connection,
    path: string,
    query: PageQuery & { readonly extra?: Readonly<Record<string, string>> },
    opts: { timeoutMs: number; maxBytes: number },
    signal: AbortSignal,
): Promise<AttemptOutcome> {
    if (signal.aborted) return { kind: "cancelled" };
    const headers: Record<string, string> = {
        authorization: `Bearer ${conn.adminKey}`,
        accept: "application/json",
        "accept-encoding": "gzip, deflate, br",
        "user-agent": USER_AGENT,
    };
    if (conn.organization) headers["openai-organization"] = conn.organization;
    const searchParams: Record<string, string> = { ...query.extra, limit: String(query.limit) };
    if (query.order !== undefined) searchParams.order = query.order;
    if (query.after !== undefined) searchParams.after = query.after;

    let tooLarge = false;
    const req = client()(`${conn.baseUrl}${path}`, {
        method: "GET",
        headers,
        searchParams,
        responseType: "buffer",
        throwHttpErrors: false,
        followRedirect: false,
        // Decoded here, within maxBytes (see decode): got's own decoding is bounded only by the
        // compressed size, so a small compressed body could inflate to gigabytes first.
        decompress: false,
        retry: { limit: 0 },
        timeout: { request: opts.timeoutMs },
    });
    req.on("downloadProgress", (p: { transferred: number }) => {
        if (p.transferred > opts.maxBytes && !tooLarge) {
            tooLarge = true;
            req.cancel();
        }
    });
    const onAbort = () => req.cancel();
    signal.addEventListener("abort", onAbort, { once: true });
    try {
        const res = await req;
        const requestId = requestIdOf(res.headers);
        if (res.body.length > opts.maxBytes) return { kind: "too-large", status: res.statusCode, requestId };
        const body = decode(res.body, headerOf(res.headers, "content-encoding"), opts.maxBytes);
        if (body === "too-large") return { kind: "too-large", status: res.statusCode, requestId };
        return { kind: "response", status: res.statusCode, headers: res.headers, body, requestId };
    } catch (err) {
        const e = err as {
            name?: string;
            code?: string;
            message?: string;
            response?: { statusCode: number; headers: Record<string, string | string[] | undefined> };
        };
        if (tooLarge)
            return {
                kind: "too-large",
                status: e.response?.statusCode ?? 200,
                requestId: e.response ? requestIdOf(e.response.headers) : undefined,
            };
        if (signal.aborted || e.name === "CancelError") return { kind: "cancelled" };
        // Only the code and got's one-line message are kept: got's error object holds the request options.
        return { kind: "network", code: e.code ?? e.name ?? "ERROR", detail: String(e.message ?? "").split("\n")[0] };
    } finally {
        signal.removeEventListener("abort", onAbort);
    }
}

/**
 * Undoes the body's content encodings, never producing more than `maxBytes`: zlib stops at
 * `maxOutputLength`, so memory stays bounded whatever the compression ratio. An encoding it does
 * not know leaves the body as it is (it then fails as invalid JSON).
 */
function decode(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer | "too-large" {
    const codings = (encoding ?? "")
        .split(",")
        .map((c) => c.trim().toLowerCase())
        .filter((c) => c && c !== "identity");
    const limit = { maxOutputLength: maxBytes };
    let out = body;
    try {
        for (const coding of codings.reverse()) {
            if (coding === "gzip" || coding === "x-gzip") out = zlib.gunzipSync(out, limit);
            else if (coding === "br") out = zlib.brotliDecompressSync(out, limit);
            else if (coding === "deflate") out = inflateEither(out, limit);
            else return out;
        }
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError)
            return "too-large";
        return body; // corrupt: fails as invalid JSON, which is retried
    }
    return out;
}

/** HTTP's "deflate" is zlib-wrapped by the standard and raw by some servers. */
function inflateEither(body: Buffer, limit: zlib.ZlibOptions): Buffer {
    try {
        return zlib.inflateSync(body, limit);
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw err;
        return zlib.inflateRawSync(body, limit);
    }
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
}

/**
 * The server's `x-request-id`, which messages repeat: kept only as an ordinary token (OpenAI's
 * are `req_` and hex), so a server cannot put terminal sequences into every error through it.
 */
function requestIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
    const v = headerOf(headers, "x-request-id");
    return v !== undefined && /^[A-Za-z0-9_.:-]{1,128}$/.test(v) ? v : undefined;
}
