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
import { EstateSeedOptions, FakeProject, seedEstate } from "./seed-estate";
import { estateRoute, FakeEstate } from "./fake-estate";
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
    /**
     * Fire only for this endpoint, by path template: `/organization/admin_api_keys`,
     * `/organization/projects`, `/organization/projects/{project_id}/api_keys` or
     * `/organization/projects/{project_id}/service_accounts`. Default: any endpoint.
     */
    readonly path?: string;
    /** Fire only for requests about this project. */
    readonly projectId?: string;
}

/** A token bucket: `perMinute` sustained, `burst` at once; beyond it a 429. */
export interface RateLimit {
    readonly perMinute: number;
    readonly burst: number;
    /** Whether 429s carry Retry-After; admin endpoints were seen to omit it. Default false. */
    readonly retryAfter?: boolean;
    /**
     * What one bucket covers: `endpoint` (one per path template, the default), `path` (one per
     * path, so each project's keys have their own) or `organization` (one for everything).
     */
    readonly per?: "endpoint" | "path" | "organization";
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
    /** The projects, their API keys and service accounts: given, or generated. Default: none. */
    readonly estate?: readonly FakeProject[] | EstateSeedOptions;
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
    /** The endpoint's path template, e.g. `/organization/projects/{project_id}/api_keys`. */
    readonly path: string;
    /** The project the request was about, for project endpoints. */
    readonly projectId?: string;
    /** When the request arrived (epoch ms); its answer leaves `latencyMs` later. */
    readonly receivedAt: number;
    /** The query as sent (e.g. `owner_project_access`, `include_archived`). */
    readonly query: Readonly<Record<string, string>>;
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
    /** The projects, their keys and service accounts; change them here for out-of-band changes. */
    readonly estate: FakeEstate;

    private sorted: Key[] = [];
    private sortedDesc: Key[] = [];
    private readonly byId = new Map<string, Key>();
    private readonly tombstones = new Map<string, { created_at: number; id: string }>();
    private readonly json = new Map<string, string>();
    private readonly fired = new Map<Fault, number>();
    private readonly sockets = new Set<Socket>();
    private readonly buckets = new Map<string, { tokens: number; at: number }>();
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
        const estate =
            o.estate === undefined
                ? []
                : Array.isArray(o.estate)
                  ? o.estate
                  : seedEstate(o.estate as EstateSeedOptions);
        this.estate = new FakeEstate(estate);
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

    private takeFault(
        n: number,
        order: string,
        after: string | null,
        path: string,
        projectId: string | undefined,
    ): Fault | undefined {
        for (const f of this.faults) {
            const used = this.fired.get(f) ?? 0;
            if (used >= (f.times ?? 1)) continue;
            if (f.path !== undefined && f.path !== path) continue;
            if (f.projectId !== undefined && f.projectId !== projectId) continue;
            if (f.onRequest !== undefined && f.onRequest !== n) continue;
            if (f.order !== undefined && f.order !== order) continue;
            if (f.withCursor !== undefined && f.withCursor !== (after !== null)) continue;
            this.fired.set(f, used + 1);
            return f;
        }
        return undefined;
    }

    /** A token bucket per scope (see RateLimit.per): true when the request must be refused. */
    private rateLimited(template: string, path: string): boolean {
        const rl = this.o.rateLimit;
        if (!rl) return false;
        const scope = rl.per === "organization" ? "" : rl.per === "path" ? path : template;
        const now = Date.now();
        const b = this.buckets.get(scope) ?? { tokens: rl.burst, at: now };
        b.tokens = Math.min(rl.burst, b.tokens + ((now - b.at) / 60_000) * rl.perMinute);
        b.at = now;
        this.buckets.set(scope, b);
        if (b.tokens >= 1) {
            b.tokens -= 1;
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

        const estate = estateRoute(url.pathname);
        const template =
            url.pathname === "/v1/organization/admin_api_keys" ? "/organization/admin_api_keys" : estate?.template;
        if (template === undefined) {
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
        const receivedAt = Date.now();
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
                path: template,
                projectId: estate?.projectId,
                receivedAt,
                query: Object.fromEntries(url.searchParams),
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
        if (this.rateLimited(template, url.pathname)) {
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

        const ord = order ?? "asc";
        const fault = this.takeFault(n, ord, after, template, estate?.projectId);
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

        if (estate) {
            const answer = this.estate.answer(estate, url.searchParams, limit);
            if ("status" in answer) {
                record(answer.status, 0, fault?.kind);
                return error(answer.status, answer.message, "invalid_request_error", answer.code, answer.param);
            }
            let items = answer.items.map((x) => JSON.stringify(x));
            let hasMore = answer.hasMore;
            if (fault?.kind === "bad-item" && items.length > 0) {
                const i = Math.floor(items.length / 2);
                items[i] = JSON.stringify({ ...(answer.items[i] as object), created_at: "yesterday" });
            }
            if (fault?.kind === "empty-has-more") {
                items = [];
                hasMore = true;
            }
            const ids = answer.items.map((x) => (x as { id: string }).id);
            const lastId = items.length ? ids[ids.length - 1] : null;
            let body = `{"object":"list","data":[${items.join(",")}],"first_id":${JSON.stringify(items.length ? ids[0] : null)},"last_id":${JSON.stringify(lastId)},"has_more":${hasMore}}`;
            if (fault?.kind === "truncated") body = body.slice(0, Math.floor(body.length / 2));
            record(200, items.length, fault?.kind);
            return send(200, body);
        }
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
