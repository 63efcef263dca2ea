import { strict as assert } from "assert";
import {
    AuthenticationError,
    BadRequestError,
    ConnectionError,
    DeadlineExceededError,
    InvalidResponseError,
    listAdminApiKeys,
    ListOptionsInput,
    NotFoundError,
    OpenAIAdminError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
} from "../provider";
import type { Fault } from "../provider/testing";
import { expectedIds, FAST, rejection, withFake } from "./helpers";

const SEED = { count: 450, seed: 11, tieRate: 0.3 };
const ONE_CURSOR: ListOptionsInput = { ...FAST, twoEnded: false };

describe("listAdminApiKeys under transient faults", () => {
    const transient: Array<[string, Fault, ListOptionsInput?]> = [
        ["429 with Retry-After", { kind: "rate-limit", onRequest: 3 }],
        ["429 without Retry-After", { kind: "rate-limit-no-hint", onRequest: 3 }],
        ["500", { kind: "server-error", status: 500, onRequest: 3 }],
        ["502 twice", { kind: "server-error", status: 502, withCursor: true, times: 2 }],
        ["503", { kind: "server-error", status: 503, onRequest: 1 }],
        ["408", { kind: "status", status: 408, onRequest: 2 }],
        ["409", { kind: "status", status: 409, onRequest: 2 }],
        ["a connection reset", { kind: "reset", onRequest: 3 }],
        ["a stalled response", { kind: "stall", onRequest: 3 }, { ...ONE_CURSOR, requestTimeoutMs: 300 }],
        ["truncated JSON", { kind: "truncated", onRequest: 4 }],
    ];
    for (const [what, fault, options] of transient) {
        it(`recovers from ${what} to the exact full list, without duplicates or gaps`, async () => {
            await withFake({ seed: SEED, faults: [fault] }, async (api) => {
                const r = await listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    options: options ?? ONE_CURSOR,
                });
                assert.deepEqual(
                    r.keys.map((k) => k.id),
                    expectedIds(api),
                );
                assert.equal(r.stats.retries, fault.times ?? 1);
                assert.equal(r.stats.requests, 5 + (fault.times ?? 1));
                assert.equal(api.requests.filter((q) => q.fault === fault.kind).length, fault.times ?? 1);
            });
        });
    }

    it("recovers in two-ended mode too, to the exact full list", async () => {
        const faults: Fault[] = [
            { kind: "server-error", order: "desc", times: 2 },
            { kind: "reset", order: "asc", withCursor: true },
            { kind: "truncated", order: "desc", withCursor: true },
        ];
        await withFake({ seed: { count: 1234, tieRate: 0.5 }, faults }, async (api) => {
            const r = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                order: "desc",
                options: FAST,
            });
            assert.deepEqual(
                r.keys.map((k) => k.id),
                expectedIds(api, "desc"),
            );
            assert.equal(r.stats.retries, 4);
        });
    });
});

describe("listAdminApiKeys under permanent faults", () => {
    const permanent: Array<[string, Fault, new (...a: never[]) => OpenAIAdminError, RegExp, number | undefined]> = [
        [
            "429 on every attempt",
            { kind: "rate-limit", withCursor: true, times: Infinity },
            RateLimitError,
            /rate-limiting.*after every retry/,
            429,
        ],
        [
            "500 on every attempt",
            { kind: "server-error", withCursor: true, times: Infinity },
            ServerError,
            /answered 500 on every retry/,
            500,
        ],
        [
            "a reset on every attempt",
            { kind: "reset", withCursor: true, times: Infinity },
            ConnectionError,
            /Could not reach .* page 2/,
            undefined,
        ],
        [
            "truncated JSON on every attempt",
            { kind: "truncated", withCursor: true, times: Infinity },
            InvalidResponseError,
            /Page 2 .*not valid JSON/,
            200,
        ],
        [
            "a key without created_at type",
            { kind: "bad-item", onRequest: 3 },
            InvalidResponseError,
            /Key 51 of page 3 \(id key_[0-9a-f]{16}\) has an invalid "created_at": .*expected number.*request id req_/,
            200,
        ],
        [
            "a key without redacted_value",
            { kind: "bad-item", field: "redacted_value", onRequest: 2 },
            InvalidResponseError,
            /page 2 .* has an invalid "redacted_value"/,
            200,
        ],
        [
            "a key without id",
            { kind: "bad-item", field: "id", onRequest: 1 },
            InvalidResponseError,
            /Key 51 of page 1 has an invalid "id"/,
            200,
        ],
        [
            "a response without a data array",
            { kind: "missing-data", onRequest: 2 },
            InvalidResponseError,
            /Page 2 .*field "data"/,
            200,
        ],
        [
            "a cursor loop",
            { kind: "cursor-loop", withCursor: true, times: Infinity },
            PaginationError,
            /cursor key_[0-9a-f]+ twice/,
            undefined,
        ],
        [
            "has_more with an empty page",
            { kind: "empty-has-more", onRequest: 2 },
            PaginationError,
            /has_more on an empty page 2/,
            undefined,
        ],
        [
            "a response over the byte cap",
            { kind: "huge", onRequest: 2 },
            InvalidResponseError,
            /larger than maxResponseBytes/,
            200,
        ],
        [
            "401",
            { kind: "status", status: 401, onRequest: 2 },
            AuthenticationError,
            /rejected the admin key \(401\).*OPENAI_ADMIN_KEY/,
            401,
        ],
        [
            "403",
            { kind: "status", status: 403, onRequest: 1 },
            PermissionDeniedError,
            /may not read \/organization\/admin_api_keys \(403\)/,
            403,
        ],
        ["404", { kind: "status", status: 404, onRequest: 1 }, NotFoundError, /was not found \(404\).*base URL/, 404],
        ["400", { kind: "status", status: 400, onRequest: 2 }, BadRequestError, /refused the request \(400\)/, 400],
        ["a redirect", { kind: "redirect", onRequest: 1 }, InvalidResponseError, /redirect \(302\)/, 302],
    ];
    for (const [what, fault, cls, message, status] of permanent) {
        it(`fails with ${cls.name} and no data on ${what}`, async () => {
            await withFake({ seed: SEED, faults: [fault] }, async (api) => {
                const err = await rejection(
                    listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: ONE_CURSOR }),
                );
                assert.ok(err instanceof cls, `expected ${cls.name}, got ${err.name}: ${err.message}`);
                assert.ok(err instanceof OpenAIAdminError);
                assert.match(err.message, message);
                assert.equal((err as OpenAIAdminError).status, status);
                if (status !== undefined && status !== 302)
                    assert.match(String((err as OpenAIAdminError).requestId), /^req_[0-9a-f]{16}$/);
            });
        });
    }

    it("names the failing page in the error and keeps the retry count bounded", async () => {
        await withFake(
            { seed: SEED, faults: [{ kind: "server-error", status: 503, withCursor: true, times: Infinity }] },
            async (api) => {
                const err = (await rejection(
                    listAdminApiKeys({
                        adminKey: api.adminKey,
                        baseUrl: api.baseUrl,
                        options: { ...ONE_CURSOR, retry: { ...FAST.retry, maxAttempts: 4 } },
                    }),
                )) as ServerError;
                assert.equal(err.page, 2);
                assert.equal(api.requests.length, 1 + 4);
            },
        );
    });

    it("fails with PaginationError past maxPages instead of returning what it has", async () => {
        await withFake({ seed: SEED }, async (api) => {
            const err = await rejection(
                listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    options: { ...ONE_CURSOR, maxPages: 4 },
                }),
            );
            assert.ok(err instanceof PaginationError);
            assert.match(err.message, /passed maxPages \(4 pages of up to 100\)/);
            assert.equal(api.requests.length, 4);
        });
    });

    it("fails with DeadlineExceededError when retries outlast the deadline", async () => {
        await withFake(
            { seed: SEED, faults: [{ kind: "rate-limit", retryAfterSeconds: 1, withCursor: true, times: Infinity }] },
            async (api) => {
                const options = {
                    ...ONE_CURSOR,
                    deadlineMs: 300,
                    retry: { ...FAST.retry, maxRetryAfterMs: 10_000, maxAttempts: 10 },
                };
                const err = await rejection(
                    listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options }),
                );
                assert.ok(err instanceof DeadlineExceededError, err.message);
                assert.match(err.message, /did not finish within deadlineMs \(300 ms\).*page 2.*returned nothing/);
                assert.equal(api.requests.length, 2);
            },
        );
    });

    it("fails with ConnectionError when nothing listens at the base URL", async () => {
        const err = await rejection(
            listAdminApiKeys({
                adminKey: "sk-admin-test-key-0123456789",
                baseUrl: "http://127.0.0.1:9/v1",
                options: { ...ONE_CURSOR, retry: { ...FAST.retry, maxAttempts: 2 } },
            }),
        );
        assert.ok(err instanceof ConnectionError);
        assert.match(err.message, /ECONNREFUSED/);
    });

    it("fails the whole two-ended listing when one end fails for good", async () => {
        await withFake(
            { seed: { count: 900 }, faults: [{ kind: "bad-item", order: "desc", withCursor: true }] },
            async (api) => {
                const err = await rejection(
                    listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST }),
                );
                assert.ok(err instanceof InvalidResponseError, err.message);
            },
        );
    });
});
