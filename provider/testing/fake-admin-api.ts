/**
 * A fake OpenAI Admin API: a real HTTP server on 127.0.0.1 with the real wire format, cursor
 * semantics in both orders (ties on `created_at` broken by id), Bearer auth, OpenAI error bodies,
 * `x-request-id`, optional latency, a token-bucket rate limit and a plan of injected faults.
 * Tests, the demo and the benchmark talk to it exactly as to OpenAI.
 */
import { randomBytes } from "crypto";
import * as http from "http";
import type { AddressInfo, Socket } from "net";
import type { AdminApiKeyWire } from "../admin-api-key";
import { seedKeys, SeedOptions } from "./seed";
import type { Order } from "../admin-api-key";

/** A fault the server injects into matching requests. */
export type FaultKind =
    | "rate-limit" //           429 with Retry-After (seconds) and retry-after-ms
    | "rate-limit-no-hint" //   429 with neither header, as admin endpoints sometimes answer
    | "server-error" //         5xx (status, default 500) with an OpenAI error body
    | "status" //               any status with an OpenAI error body (401, 403, 404, 400, ...)
    | "reset" //                the connection is destroyed before any response
    | "stall" //                the request is never answered (until the client gives up)
    | "truncated" //            200 whose JSON body is cut in half (Content-Length matches the cut body)
    | "bad-item" //             one key in the page loses a required field (or gets a wrong type)
    | "cursor-loop" //          `after` is ignored: the first page again, has_more true
    | "empty-has-more" //       data: [] with has_more true
    | "missing-data" //         the `data` array is absent
    | "huge" //                 a 200 body larger than any sane cap
    | "unordered" //            the page's keys are shuffled
    | "over-limit" //           the page holds more keys than the `limit` asked for
    | "redirect"; //            302 to another host

/** When and how often a fault fires. */
export interface Fault {
    readonly kind: FaultKind;
    /** Fire only on the Nth request to the list endpoint (1-based), counting every request. */
    readonly onRequest?: number;
    /** Fire only for this order. */
    readonly order?: Order;
    /** Fire only for requests with a cursor (`true`) or without (`false`). */
    readonly withCursor?: boolean;
    /** How many times it fires; default 1. `Infinity` makes it permanent. */
    readonly times?: number;
    /** For `server-error` and `status`. */
    readonly status?: number;
    /** For `rate-limit`: seconds in Retry-After (default 1). */
    readonly retryAfterSeconds?: number;
    /** For `bad-item`: which field breaks (default `created_at`, which becomes a string). */
    readonly field?: "id" | "created_at" | "redacted_value" | "owner";
    /** For `status`/`server-error`: the error message (default a realistic one). */
    readonly message?: string;
}

/** A token bucket: `perMinute` sustained, `burst` at once; beyond it a 429. */
export interface RateLimit {
    readonly perMinute: number;
    readonly burst: number;
    /** Whether 429s carry Retry-After; admin endpoints were seen to omit it. Default false. */
    readonly retryAfter?: boolean;
}

/** Options of {@link FakeAdminApi.start}. */
export interface FakeAdminApiOptions {
    /** The keys to serve, in wire format. Default: 137 seeded keys. */
    readonly keys?: readonly AdminApiKeyWire[];
    /** Or generate them. */
    readonly seed?: SeedOptions;
    /** The admin key the server accepts. Default: a random `sk-admin-...` (see `adminKey`). */
    readonly adminKey?: string;
    /** If set, requests must send this `OpenAI-Organization` or get a 403 (none sent is fine). */
    readonly organization?: string;
    /** Added before every response, in ms. */
    readonly latencyMs?: number;
    /** Page size when the request sends no `limit` (OpenAI: 20). */
    readonly defaultLimit?: number;
    /** Largest page served; a larger `limit` is capped (OpenAI documents none; 100 here). */
    readonly maxLimit?: number;
    /**
     * Largest `limit` accepted: a larger one is answered 400 with `param: "limit"`, as a server
     * with an undocumented maximum would. Default: none (larger limits are capped, see maxLimit).
     */
    readonly maxAcceptedLimit?: number;
    readonly faults?: readonly Fault[];
    readonly rateLimit?: RateLimit;
    /** Echo the presented key, unmasked, in 401 messages (to test that clients redact it). */
    readonly echoKeyInErrors?: boolean;
    /**
     * How `order=desc` breaks ties on `created_at`: `reverse` (id descending, the exact reverse of
     * `asc`; default) or `id-asc` (a server whose two orders are not mirror images).
     */
    readonly descTies?: "reverse" | "id-asc";
    /** Port; default any free one. */
    readonly port?: number;
}

/** What the server saw of one request (never the credential). */
export interface RequestRecord {
    readonly n: number;
    readonly order: string | null;
    readonly after: string | null;
    readonly limit: string | null;
    readonly authorized: boolean;
    readonly organization: string | null;
    readonly status: number | "reset" | "stall";
    readonly fault?: FaultKind;
    readonly returned: number;
}

type Key = AdminApiKeyWire;
type Position = { created_at: number; id: string };
const byId = (a: Position, b: Position) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: Position, b: Position) => a.created_at - b.created_at || byId(a, b);
const cmpDescReverse = (a: Position, b: Position) => b.created_at - a.created_at || byId(b, a);
const cmpDescIdAsc = (a: Position, b: Position) => b.created_at - a.created_at || byId(a, b);

/** A running fake Admin API. */
export class FakeAdminApi {
    /** Base URL to configure clients with, e.g. `http://127.0.0.1:53211/v1`. */
    readonly baseUrl: string;
    /** The admin key the server accepts (see {@link rotateAdminKey}). */
    adminKey: string;
    /** Every request to the list endpoint, in arrival order. */
    readonly requests: RequestRecord[] = [];
    /** Every HTTP request of any method to any path, in arrival order: what a client sent where. */
    readonly calls: Array<{ readonly method: string; readonly path: string }> = [];
    /** Called before each list request is answered (after faults are chosen): mutate keys here to simulate concurrent changes. */
    onRequest?: (n: number, query: { order: string; after: string | null }) => void;
    faults: Fault[];

    private sorted: Key[] = [];
    private sortedDesc: Key[] = [];
    private readonly byId = new Map<string, Key>();
    private readonly tombstones = new Map<string, { created_at: number; id: string }>();
    private readonly json = new Map<string, string>();
    private readonly fired = new Map<Fault, number>();
    private readonly sockets = new Set<Socket>();
    private tokens: number;
    private lastRefill = Date.now();
    private reqCounter = 0;

    private constructor(
        private readonly server: http.Server,
        private readonly o: FakeAdminApiOptions,
        keys: readonly Key[],
    ) {
        const port = (server.address() as AddressInfo).port;
        this.baseUrl = `http://127.0.0.1:${port}/v1`;
        this.adminKey = o.adminKey ?? `sk-admin-${randomBytes(24).toString("base64url")}`;
        this.faults = [...(o.faults ?? [])];
        this.tokens = o.rateLimit?.burst ?? 0;
        for (const k of keys) this.byId.set(k.id, k);
        this.resort();
    }

    /** Starts a server on 127.0.0.1. Stop it with {@link stop}. */
    static async start(o: FakeAdminApiOptions = {}): Promise<FakeAdminApi> {
        const keys = o.keys ?? seedKeys(o.seed ?? { count: 137 });
        let api: FakeAdminApi | undefined;
        const server = http.createServer((req, res) => api!.handle(req, res));
        server.keepAliveTimeout = 30_000;
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(o.port ?? 0, "127.0.0.1", () => resolve());
        });
        api = new FakeAdminApi(server, o, keys);
        server.on("connection", (s) => {
            api!.sockets.add(s);
            s.on("close", () => api!.sockets.delete(s));
        });
        return api;
    }

    /** Stops the server and drops open connections (stalled ones included). */
    async stop(): Promise<void> {
        for (const s of this.sockets) s.destroy();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    /** The current keys, oldest first (ties by id). */
    get keys(): readonly Key[] {
        return this.sorted;
    }

    /** Adds a key, as if created out of band. */
    addKey(k: Key): void {
        this.byId.set(k.id, k);
        this.tombstones.delete(k.id);
        this.resort();
    }

    /** Deletes a key; a cursor on it keeps its place, as a database cursor would. */
    deleteKey(id: string): void {
        const k = this.byId.get(id);
        if (!k) throw new Error(`no key ${id}`);
        this.byId.delete(id);
        this.tombstones.set(id, { created_at: k.created_at, id });
        this.json.delete(id);
        this.resort();
    }

    /** Changes fields of a key (name, owner, last_used_at, ...). */
    updateKey(id: string, patch: Partial<Key>): void {
        const k = this.byId.get(id);
        if (!k) throw new Error(`no key ${id}`);
        if (patch.id !== undefined || patch.created_at !== undefined)
            throw new Error("id and created_at are immutable");
        this.byId.set(id, { ...k, ...patch });
        this.json.delete(id);
        this.resort();
    }

    /** Replaces the accepted admin key, as rotating it in the OpenAI dashboard would. */
    rotateAdminKey(next = `sk-admin-${randomBytes(24).toString("base64url")}`): string {
        this.adminKey = next;
        return next;
    }

    /** Adds faults to the plan. */
    inject(...faults: Fault[]): void {
        this.faults.push(...faults);
    }

    /** Number of 429s answered so far. */
    get throttledCount(): number {
        return this.requests.filter((r) => r.status === 429).length;
    }

    private resort(): void {
        this.sorted = [...this.byId.values()].sort(cmp);
        this.sortedDesc =
            this.o.descTies === "id-asc" ? [...this.sorted].sort(cmpDescIdAsc) : [...this.sorted].reverse();
    }

    private keyJson(k: Key): string {
        let s = this.json.get(k.id);
        if (s === undefined) {
            s = JSON.stringify(k);
            this.json.set(k.id, s);
        }
        return s;
    }

    private requestId(): string {
        return `req_${(++this.reqCounter).toString(16).padStart(8, "0")}${randomBytes(4).toString("hex")}`;
    }

    private takeFault(n: number, order: string, after: string | null): Fault | undefined {
        for (const f of this.faults) {
            const used = this.fired.get(f) ?? 0;
            if (used >= (f.times ?? 1)) continue;
            if (f.onRequest !== undefined && f.onRequest !== n) continue;
            if (f.order !== undefined && f.order !== order) continue;
            if (f.withCursor !== undefined && f.withCursor !== (after !== null)) continue;
            this.fired.set(f, used + 1);
            return f;
        }
        return undefined;
    }

    private rateLimited(): boolean {
        const rl = this.o.rateLimit;
        if (!rl) return false;
        const now = Date.now();
        this.tokens = Math.min(rl.burst, this.tokens + ((now - this.lastRefill) / 60_000) * rl.perMinute);
        this.lastRefill = now;
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return false;
        }
        return true;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const url = new URL(req.url ?? "/", "http://fake");
        this.calls.push({ method: req.method ?? "", path: url.pathname });
        const rid = this.requestId();
        const send = (status: number, body: string, headers: Record<string, string> = {}) => {
            const delay = this.o.latencyMs ?? 0;
            const go = () => {
                if (res.destroyed) return;
                res.writeHead(status, {
                    "content-type": "application/json",
                    "x-request-id": rid,
                    "content-length": Buffer.byteLength(body),
                    ...headers,
                });
                res.end(body);
            };
            if (delay > 0) setTimeout(go, delay);
            else go();
        };
        const error = (
            status: number,
            message: string,
            type: string,
            code: string | null,
            param: string | null = null,
            headers?: Record<string, string>,
        ) => send(status, JSON.stringify({ error: { message, type, param, code } }), headers);

        if (url.pathname !== "/v1/organization/admin_api_keys") {
            return error(404, `Invalid URL (${req.method} ${url.pathname})`, "invalid_request_error", null);
        }
        if (req.method !== "GET")
            return error(405, `Method ${req.method} is not supported by this fake`, "invalid_request_error", null);

        const n = this.requests.length + 1;
        const order = url.searchParams.get("order");
        const after = url.searchParams.get("after");
        const limitRaw = url.searchParams.get("limit");
        const auth = req.headers.authorization ?? "";
        const presented = auth.startsWith("Bearer ") ? auth.slice(7) : "";
        const authorized = presented === this.adminKey;
        const org = (req.headers["openai-organization"] as string | undefined) ?? null;
        const record = (status: RequestRecord["status"], returned = 0, fault?: FaultKind) =>
            this.requests.push({
                n,
                order,
                after,
                limit: limitRaw,
                authorized,
                organization: org,
                status,
                returned,
                fault,
            });

        if (!authorized) {
            record(401);
            const shown = this.o.echoKeyInErrors
                ? presented
                : presented.length > 10
                  ? `${presented.slice(0, 6)}*****${presented.slice(-4)}`
                  : "";
            return error(
                401,
                presented
                    ? `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`
                    : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_request_error",
                "invalid_api_key",
            );
        }
        if (this.o.organization && org !== null && org !== this.o.organization) {
            record(403);
            return error(
                403,
                `You do not have access to organization ${org}.`,
                "invalid_request_error",
                "no_access_to_org",
            );
        }
        if (this.rateLimited()) {
            record(429);
            const headers: Record<string, string> = this.o.rateLimit?.retryAfter
                ? { "retry-after": String(Math.ceil(60 / this.o.rateLimit.perMinute)) }
                : {};
            return error(
                429,
                "Rate limit reached for admin requests. Please try again later.",
                "requests",
                "rate_limit_exceeded",
                null,
                headers,
            );
        }
        const ord = order ?? "asc";
        if (ord !== "asc" && ord !== "desc") {
            record(400);
            return error(
                400,
                `Invalid value for 'order': expected 'asc' or 'desc'.`,
                "invalid_request_error",
                "invalid_value",
                "order",
            );
        }
        let limit = this.o.defaultLimit ?? 20;
        if (limitRaw !== null) {
            limit = Number(limitRaw);
            if (!Number.isInteger(limit) || limit < 1) {
                record(400);
                return error(
                    400,
                    `Invalid 'limit': ${limitRaw}. Expected an integer of at least 1.`,
                    "invalid_request_error",
                    "invalid_value",
                    "limit",
                );
            }
        }
        if (this.o.maxAcceptedLimit !== undefined && limit > this.o.maxAcceptedLimit) {
            record(400);
            return error(
                400,
                `Invalid 'limit': integer above maximum value. Expected a value <= ${this.o.maxAcceptedLimit}, but got ${limit} instead.`,
                "invalid_request_error",
                "integer_above_max_value",
                "limit",
            );
        }
        limit = Math.min(limit, this.o.maxLimit ?? 100);

        const fault = this.takeFault(n, ord, after);
        this.onRequest?.(n, { order: ord, after });
        if (fault) {
            switch (fault.kind) {
                case "rate-limit": {
                    record(429, 0, fault.kind);
                    const s = fault.retryAfterSeconds ?? 1;
                    return error(
                        429,
                        "Rate limit reached for admin requests.",
                        "requests",
                        "rate_limit_exceeded",
                        null,
                        {
                            "retry-after": String(s),
                            "retry-after-ms": String(s * 1000),
                        },
                    );
                }
                case "rate-limit-no-hint":
                    record(429, 0, fault.kind);
                    return error(429, "Rate limit reached for admin requests.", "requests", "rate_limit_exceeded");
                case "server-error":
                case "status": {
                    const status = fault.status ?? 500;
                    record(status, 0, fault.kind);
                    const msg =
                        fault.message ??
                        (status >= 500
                            ? "The server had an error while processing your request. Sorry about that!"
                            : `Injected ${status}.`);
                    return error(status, msg, status >= 500 ? "server_error" : "invalid_request_error", null);
                }
                case "reset":
                    record("reset", 0, fault.kind);
                    req.socket.destroy();
                    return;
                case "stall":
                    record("stall", 0, fault.kind);
                    return; // never answered; the socket is destroyed by the client's timeout or stop()
                case "redirect":
                    record(302, 0, fault.kind);
                    return send(302, "", { location: "https://elsewhere.example/v1/organization/admin_api_keys" });
                default:
                    break;
            }
        }

        // Position of the cursor; a deleted key keeps its place through its tombstone.
        const list = ord === "asc" ? this.sorted : this.sortedDesc;
        const compare = ord === "asc" ? cmp : this.o.descTies === "id-asc" ? cmpDescIdAsc : cmpDescReverse;
        let start = 0;
        if (after !== null) {
            const at = this.byId.get(after) ?? this.tombstones.get(after);
            if (!at) {
                record(400, 0);
                return error(400, `No such API key: '${after}'.`, "invalid_request_error", "not_found", "after");
            }
            start = upperBound(list, at, compare);
        }
        if (fault?.kind === "cursor-loop") start = 0;
        let keys = list.slice(start, start + limit + 1);
        let hasMore = keys.length > limit;
        let page = keys.slice(0, limit);
        if (fault?.kind === "over-limit") page = list.slice(start, start + limit + 5);
        if (fault?.kind === "cursor-loop") hasMore = true;
        if (fault?.kind === "empty-has-more") {
            page = [];
            hasMore = true;
        }
        if (fault?.kind === "unordered") page = [...page].reverse();
        const items = page.map((k) => this.keyJson(k));
        if (fault?.kind === "bad-item" && page.length > 0) {
            const i = Math.floor(page.length / 2);
            const broken: Record<string, unknown> = { ...page[i] };
            const field = fault.field ?? "created_at";
            if (field === "created_at") broken.created_at = String(page[i].created_at);
            else if (field === "owner") broken.owner = "nobody";
            else delete broken[field];
            items[i] = JSON.stringify(broken);
        }
        const firstId = page.length ? page[0].id : null;
        const lastId = page.length ? page[page.length - 1].id : null;
        let body =
            fault?.kind === "missing-data"
                ? JSON.stringify({ object: "list", first_id: firstId, last_id: lastId, has_more: hasMore })
                : `{"object":"list","data":[${items.join(",")}],"first_id":${JSON.stringify(firstId)},"last_id":${JSON.stringify(lastId)},"has_more":${hasMore}}`;
        if (fault?.kind === "truncated") body = body.slice(0, Math.floor(body.length / 2));
        if (fault?.kind === "huge")
            body = `{"object":"list","padding":"${"x".repeat(20 * 1024 * 1024)}","data":[],"has_more":false}`;
        record(200, page.length, fault?.kind);
        send(200, body);
    }
}

/** Index of the first key after `at` in the order `compare`. */
function upperBound(sorted: readonly Key[], at: Position, compare: (a: Position, b: Position) => number): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(sorted[mid], at) <= 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}
