/**
 * Hostile servers, key names and files: each test here failed on the code before the hardening.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import {
    AuthenticationError,
    compareInventories,
    OpenAIAdminError,
    RateLimitError,
    evaluateKeyPolicies,
    listAdminApiKeys,
    renderDriftJson,
    renderDriftMarkdown,
    toInventory,
    VERSION,
} from "../provider";
import { renderDriftLines } from "../provider/drift/report";
import { renderTable } from "../scripts/format";
import { FakeAdminApi, seedKeys } from "../provider/testing";
import { FAST, rejection, withFake } from "./helpers";
import { main as driftCli } from "../provider/drift/cli";
import { INVENTORY_TYPE } from "../provider/inventory/resource-type";
import { redactSecrets, registerSecret } from "../provider/internal/redact";
import { ProviderHost } from "./provider-host";
import { inventoryRegistration } from "./pulumi-helpers";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SPECIAL_IDS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

function keysWithIds(ids: string[]) {
    return seedKeys({ count: ids.length, seed: 9 }).map((k, i) => ({
        ...k,
        id: ids[i],
        created_at: 1_700_000_000 + i,
    }));
}

describe("hardening: ids are data, not object keys", () => {
    it("records every key whatever its id, and compares them as ordinary keys", async () => {
        await withFake({ keys: keysWithIds([...SPECIAL_IDS, "key_plain"]) }, async (api) => {
            const { keys } = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            const inv = toInventory(keys, { baseUrl: api.baseUrl, providerVersion: VERSION });
            assert.deepEqual(Object.keys(inv.keys).sort(), [...SPECIAL_IDS, "key_plain"].sort());
            assert.equal(inv.count, 6);
            assert.equal(Object.getPrototypeOf(inv.keys), Object.prototype);
            // "constructor" deleted, "__proto__" renamed: one missing, one changed, nothing thrown.
            const liveKeys = keys
                .filter((k) => k.id !== "constructor")
                .map((k) => (k.id === "__proto__" ? { ...k, name: "renamed" } : k));
            const report = compareInventories(
                inv,
                toInventory(liveKeys, { baseUrl: api.baseUrl, providerVersion: VERSION }),
            );
            assert.deepEqual(
                report.missing.map((k) => k.id),
                ["constructor"],
            );
            assert.deepEqual(
                report.changed.map((k) => k.id),
                ["__proto__"],
            );
            assert.deepEqual(report.unmanaged, []);
            // A record without "toString" and a live key "toString": unmanaged, not "already there".
            const { toString: _dropped, ...withoutToString } = inv.keys;
            const r2 = compareInventories({ keys: withoutToString }, inv);
            assert.deepEqual(
                r2.unmanaged.map((k) => k.id),
                ["toString"],
            );
            // Policies see every key.
            assert.equal(
                evaluateKeyPolicies(Object.values(inv.keys), { maxKeys: 5 }).filter(
                    (v) => v.policy === "openai-admin-key-count",
                ).length,
                1,
            );
        });
    });

    it("keeps such ids through the real provider host's check, and refuses the one Pulumi would drop", async () => {
        const provider = (await inventoryRegistration()).text;
        await withFake({ keys: keysWithIds(["constructor", "toString", "key_plain"]) }, async (api) => {
            const host = await ProviderHost.start({ OPENAI_BASE_URL: api.baseUrl });
            try {
                await host.configure({});
                const { inputs } = await host.check({}, { __provider: provider, adminKey: api.adminKey });
                assert.deepEqual(Object.keys(inputs.keys as object).sort(), ["constructor", "key_plain", "toString"]);
                assert.equal(inputs.count, 3);
                api.addKey({ ...api.keys[0], id: "__proto__", created_at: 1_600_000_000 });
                const err = await rejection(host.check({}, { __provider: provider, adminKey: api.adminKey }));
                assert.match(
                    err.message,
                    /an admin key whose id is "__proto__", which Pulumi cannot record in the stack; the inventory was not recorded/,
                );
            } finally {
                await host.stop();
            }
        });
    });
});

describe("hardening: a shared listing cannot be changed by one caller for another", () => {
    it("gives concurrent callers frozen keys and their own stats", async () => {
        await withFake({ seed: { count: 80, seed: 4 } }, async (api) => {
            const args = { adminKey: api.adminKey, baseUrl: api.baseUrl, options: { ...FAST, share: true } };
            const [a, b] = await Promise.all([listAdminApiKeys(args), listAdminApiKeys(args)]);
            assert.equal(api.requests.length, 1, "the two calls shared one listing");
            const name = b.keys[0].name;
            assert.throws(() => {
                (a.keys[0] as { name: string | null }).name = "changed-by-a";
            }, TypeError);
            assert.throws(() => (a.keys as unknown as unknown[]).push({}), TypeError);
            (a.stats as { requests: number }).requests = 999;
            assert.equal(b.keys[0].name, name);
            assert.equal(b.keys.length, 80);
            assert.equal(b.stats.requests, 1);
        });
    });
});

describe("hardening: bounds on values", () => {
    it("rejects a timestamp beyond any date as an InvalidResponseError naming field, page and request id", async () => {
        const keys = seedKeys({ count: 3, seed: 2 });
        keys[1] = { ...keys[1], created_at: 1e15 };
        await withFake({ keys }, async (api) => {
            const err = await rejection(
                listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST }),
            );
            assert.equal(err.name, "InvalidResponseError");
            assert.match(
                err.message,
                /^Key 3 of page 1 \(id key_[0-9a-f]+\) has an invalid "created_at": Too big: expected number to be <=253402300799 \(request id req_[0-9a-f]+\)\./,
            );
        });
    });

    it("fails closed on a page with more keys than the limit asked for", async () => {
        await withFake(
            { seed: { count: 300, seed: 2 }, faults: [{ kind: "over-limit", withCursor: true }] },
            async (api) => {
                const err = await rejection(
                    listAdminApiKeys({
                        adminKey: api.adminKey,
                        baseUrl: api.baseUrl,
                        options: { ...FAST, twoEnded: false },
                    }),
                );
                assert.equal(err.name, "InvalidResponseError");
                assert.match(
                    err.message,
                    /^Page 2 of the admin key listing holds 105 keys, more than the 100 asked for \(request id req_[0-9a-f]+\)\./,
                );
            },
        );
    });

    it("refuses options beyond their upper bound instead of letting a timer overflow", async () => {
        for (const [options, message] of [
            [
                { requestTimeoutMs: 2 ** 31 },
                "options.requestTimeoutMs must be a whole number from 1 to 3600000; got 2147483648.",
            ],
            [{ deadlineMs: 1e12 }, "options.deadlineMs must be a whole number from 1 to 86400000; got 1000000000000."],
            [
                { retry: { maxDelayMs: 2 ** 40 } },
                "options.retry.maxDelayMs must be a whole number from 0 to 3600000; got 1099511627776.",
            ],
        ] as const) {
            const err = await rejection(
                listAdminApiKeys({
                    adminKey: "sk-admin-0123456789abcdefghij",
                    baseUrl: "http://127.0.0.1:1/v1",
                    options,
                }),
            );
            assert.equal(err.name, "ConfigurationError");
            assert.equal(err.message, message);
        }
    });
});

describe("hardening: the deadline is a deadline", () => {
    it("fails a listing against a server that never answers within the deadline plus a second", async () => {
        await withFake({ faults: [{ kind: "stall", times: Infinity }] }, async (api) => {
            const started = Date.now();
            const err = await rejection(
                listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    options: { ...FAST, requestTimeoutMs: 8000, deadlineMs: 2000 },
                }),
            );
            const took = Date.now() - started;
            assert.equal(err.name, "DeadlineExceededError");
            assert.ok(took >= 1900 && took < 3000, `failed after ${took} ms`);
        });
    });
});

/** Runs the drift command in-process with only the given environment. */
async function drift(argv: string[], env: Record<string, string | undefined>) {
    const saved = { ...process.env };
    for (const k of ["OPENAI_ADMIN_KEY", "OPENAI_BASE_URL"]) delete process.env[k];
    Object.assign(process.env, env);
    let out = "";
    let err = "";
    try {
        const code = await driftCli(
            argv,
            (s) => (out += s),
            (s) => (err += s),
        );
        return { code, out, err };
    } finally {
        process.env = saved;
    }
}

function stateWith(outputs: unknown, dir: string): string {
    const file = path.join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(
        file,
        JSON.stringify({
            version: 3,
            deployment: {
                resources: [{ urn: `urn:pulumi:dev::p::${INVENTORY_TYPE}::admin-keys`, type: INVENTORY_TYPE, outputs }],
            },
        }),
    );
    return file;
}

describe("hardening: the drift command sends the admin key only to a host it was told to trust", () => {
    it("refuses a recorded base URL that is not OpenAI's unless confirmed, sending nothing there", async () => {
        await withFake({ seed: { count: 5, seed: 1 } }, async (api) => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-trust-"));
            const live = toInventory(
                (await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST })).keys,
                { baseUrl: api.baseUrl, providerVersion: VERSION },
            );
            const requestsBefore = api.requests.length;
            const state = stateWith(live, dir);
            const refused = await drift(["--state", state], { OPENAI_ADMIN_KEY: api.adminKey });
            assert.equal(refused.code, 1);
            assert.equal(api.requests.length, requestsBefore, "the key was sent to the recorded host");
            assert.equal(
                refused.err,
                `openai-admin-keys-drift: The recorded inventory names the base URL "${api.baseUrl}", not OpenAI's (https://api.openai.com/v1). ` +
                    "The admin key is sent only to a host you confirm: if that one is right, pass it with --base-url or set OPENAI_BASE_URL.\n",
            );
            const confirmed = await drift(["--state", state, "--base-url", api.baseUrl], {
                OPENAI_ADMIN_KEY: api.adminKey,
            });
            assert.equal(confirmed.code, 0, confirmed.err);
            const viaEnv = await drift(["--state", state], {
                OPENAI_ADMIN_KEY: api.adminKey,
                OPENAI_BASE_URL: api.baseUrl,
            });
            assert.equal(viaEnv.code, 0, viaEnv.err);
        });
    });
});

describe("hardening: files in, errors out", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-files-"));
    });
    const env = { OPENAI_ADMIN_KEY: "sk-admin-never-sent-0123456789abcdef", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };

    it("exits 1 on an inventory whose keys are null, instead of reporting every key as drift", async () => {
        const file = path.join(dir, "null-keys.json");
        fs.writeFileSync(file, JSON.stringify({ baseUrl: "https://api.openai.com/v1", keys: null }));
        const r = await drift(["--inventory", file], env);
        assert.equal(r.code, 1);
        assert.match(
            r.err,
            /does not hold a recorded inventory: \.keys: Invalid input: expected record, received null\. Give a `pulumi stack export` or a file saved with --save-live\./,
        );
    });

    it("exits 1 on outputs left encrypted by an export without --show-secrets, saying how to export", async () => {
        const encrypted = { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc:def" };
        const r = await drift(
            ["--state", stateWith({ baseUrl: "https://api.openai.com/v1", keys: encrypted }, dir)],
            env,
        );
        assert.equal(r.code, 1);
        assert.match(
            r.err,
            /is encrypted \(exported without --show-secrets\)\. Export it with `pulumi stack export --show-secrets --file <file>`/,
        );
    });

    it("exits 1 on null resources, and on a state that was never deployed", async () => {
        const nullEntry = path.join(dir, "null-entry.json");
        fs.writeFileSync(nullEntry, JSON.stringify({ deployment: { resources: [null] } }));
        const a = await drift(["--state", nullEntry], env);
        assert.equal(a.code, 1);
        assert.match(a.err, /resources that are not objects with a urn and a type/);
        const none = path.join(dir, "null-resources.json");
        fs.writeFileSync(none, JSON.stringify({ deployment: { resources: null } }));
        const b = await drift(["--state", none], env);
        assert.equal(b.code, 1);
        assert.match(b.err, /no deployment\.resources\): run `pulumi up` first, then export\./);
    });

    it("never echoes a file's content raw in an error", async () => {
        const hostile = "\u001b[31mEVIL\u001b[0m\r\n# injected";
        const notJson = path.join(dir, "not-json.json");
        fs.writeFileSync(notJson, hostile);
        const r1 = await drift(["--inventory", notJson], env);
        assert.equal(r1.code, 1);
        assert.equal(r1.err, `openai-admin-keys-drift: ${notJson} is not valid JSON.\n`);
        const badKey = path.join(dir, "bad-key.json");
        fs.writeFileSync(badKey, JSON.stringify({ keys: { [hostile]: { id: 1 } } }));
        const r2 = await drift(["--inventory", badKey], env);
        assert.equal(r2.code, 1);
        assert.ok(
            !r2.err.includes("\u001b") && !r2.err.includes("\r") && !r2.err.slice(0, -1).includes("\n"),
            JSON.stringify(r2.err),
        );
        assert.ok(r2.err.includes('["\\u001b[31mEVIL\\u001b[0m\\u000d\\u000a# injected"]'), r2.err);
    });
});

describe("hardening: redaction that cannot be outwitted", () => {
    it("hides the key whole even after a shorter secret that is part of it was seen", () => {
        const key = "adminkey+Zm9vYmFy/0123456789abcdefXYZ";
        registerSecret(key.slice(0, 20)); // another secret seen earlier, a prefix of the key
        registerSecret(key);
        const out = redactSecrets(`denied for ${key} today`);
        assert.equal(out, "denied for [REDACTED] today");
    });

    it("hides the key when a server echoes it JSON-escaped, URL-encoded, or past the point where its message is cut", async () => {
        const key = 'sk-admin-"quoted"+plus/slash=0123456789';
        const echoes = [JSON.stringify(key).slice(1, -1), encodeURIComponent(key), `${"x".repeat(490)}${key}`];
        for (const echo of echoes) {
            await withFake(
                {
                    adminKey: key,
                    faults: [{ kind: "status", status: 400, message: `bad request: ${echo}`, times: Infinity }],
                },
                async (api) => {
                    const err = await rejection(
                        listAdminApiKeys({ adminKey: key, baseUrl: api.baseUrl, options: FAST }),
                    );
                    assert.equal(err.name, "BadRequestError");
                    for (const part of [key, echo.slice(-40), key.slice(0, 10), encodeURIComponent(key).slice(0, 20)]) {
                        assert.ok(!err.message.includes(part), `${JSON.stringify(part)} in ${err.message.slice(-120)}`);
                    }
                },
            );
        }
    });

    it("refuses a key that cannot be real before sending anything", async () => {
        await withFake({ seed: { count: 2 } }, async (api) => {
            for (const [key, message] of [
                ["sk-admin-über-0123456789abcdef", /contains characters that cannot be sent in an HTTP header/],
                ["sk-admin-1", /is too short to be one \(10 characters\)/],
            ] as const) {
                const started = Date.now();
                const err = await rejection(listAdminApiKeys({ adminKey: key, baseUrl: api.baseUrl }));
                assert.equal(err.name, "ConfigurationError");
                assert.match(err.message, message);
                assert.ok(Date.now() - started < 500);
            }
            assert.equal(api.requests.length, 0);
        });
    });

    it("never repeats the credentials of a base URL that fails to parse", async () => {
        const err = await rejection(
            listAdminApiKeys({
                adminKey: "sk-admin-0123456789abcdefghij",
                baseUrl: "https://admin:hunter2secret@[not-a-host/v1",
            }),
        );
        assert.equal(err.name, "ConfigurationError");
        assert.ok(!err.message.includes("hunter2secret"), err.message);
        assert.match(
            err.message,
            /^The OpenAI base URL "https:\/\/…@\[not-a-host\/v1" is not a URL \(openai:baseUrl \/ OPENAI_BASE_URL\)\./,
        );
    });
});

/** Names an attacker who can create a key might give it. */
const HOSTILE = [
    "# heading",
    "- list item",
    "[link](https://evil.example)",
    "@octocat and @org/team",
    "<img src=x onerror=alert(1)>",
    "**bold** _em_",
    "a | b | c",
    "`code` ``two``",
    "line\nbreak",
    "cr\rreturn",
    "\u001b[31mred\u001b[0m",
    "\u009b31mc1",
    "bidi\u202eevil",
    "back\\slash\\|pipe",
    "> quote",
];
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function hostileReport() {
    const base = seedKeys({ count: HOSTILE.length * 2, seed: 6 }).map((k, i) => ({
        id: `key_h${String(i).padStart(3, "0")}`,
        name: HOSTILE[i % HOSTILE.length],
        redactedValue: k.redacted_value,
        createdAt: k.created_at,
        lastUsedAt: null,
        expiresAt: null,
        owner: {
            type: "user",
            id: `user_${i}`,
            name: HOSTILE[(i + 3) % HOSTILE.length],
            role: "owner",
            createdAt: null,
        },
    }));
    const recorded = toInventory(base.slice(0, HOSTILE.length + 5), {
        baseUrl: "https://api.openai.com/v1",
        providerVersion: VERSION,
    });
    const liveKeys = base.slice(5).map((k, i) => (i < 5 ? { ...k, name: HOSTILE[(i + 7) % HOSTILE.length] } : k));
    return compareInventories(
        recorded,
        toInventory(liveKeys, { baseUrl: "https://api.openai.com/v1", providerVersion: VERSION }),
    );
}

describe("hardening: rendered output is inert", () => {
    it("keeps every hostile name inside a code span in the Markdown report: no heading, list, link, mention, HTML, emphasis or extra row", () => {
        const r = hostileReport();
        assert.ok(r.unmanaged.length > 0 && r.missing.length > 0 && r.changed.length > 0);
        const md = renderDriftMarkdown(r);
        assert.ok(!RAW_CONTROL.test(md), "raw control character");
        assert.ok(!md.includes("\r"));
        const rows = md.split("\n").filter((l) => l.startsWith("| `"));
        assert.equal(
            rows.length,
            r.unmanaged.length + r.missing.length + r.changed.reduce((n, k) => n + k.changes.length, 0),
        );
        for (const row of rows) {
            // Cells split only on unescaped pipes (GFM); each cell is a code span or plain field/date text.
            const cells = row
                .slice(1, -1)
                .split(/(?<!\\)\|/)
                .map((c) => c.trim());
            assert.ok(cells.length === 4 || cells.length === 5, row);
            for (const c of cells)
                assert.ok(/^`[^`]*`$/.test(c) || /^[A-Za-z0-9_-]+$/.test(c), `cell ${JSON.stringify(c)} in ${row}`);
        }
        // Outside code spans nothing of any hostile name is left.
        const outside = md.replace(/`[^`\n]*`/g, "");
        for (const marker of ["<img", "@octocat", "](https", "**bold**", "# heading", "> quote", "- list item"]) {
            assert.ok(!outside.includes(marker), `${marker} outside a code span`);
        }
    });

    it("shows control characters and ANSI sequences escaped in terminal output", () => {
        const r = hostileReport();
        for (const line of renderDriftLines(r))
            assert.ok(!RAW_CONTROL.test(line) && !line.includes("\n"), JSON.stringify(line));
        assert.ok(!RAW_CONTROL.test(renderDriftJson(r).replace(/\n/g, "")));
        const keys = Object.values(
            toInventory(
                HOSTILE.map((name, i) => ({
                    id: i === 0 ? "key_\u001b[2Jclear" : `key_${i}`,
                    name,
                    redactedValue: "sk-admin...x",
                    createdAt: 1,
                    lastUsedAt: null,
                    expiresAt: null,
                    owner: { type: "bot", id: null, name: null, role: null, createdAt: null },
                })),
                { baseUrl: "https://api.openai.com/v1", providerVersion: VERSION, now: 10 * 365 * 86_400 },
            ).keys,
        );
        const messages = evaluateKeyPolicies(keys).map((v) => v.message);
        assert.ok(messages.length >= HOSTILE.length);
        for (const m of messages) assert.ok(!RAW_CONTROL.test(m) && !m.includes("\n"), JSON.stringify(m));
        assert.ok(
            messages.some((m) => m.startsWith('Admin API key "key_\\u001b[2Jclear" ("# heading")')),
            messages[0],
        );
        const table = renderTable(
            ["NAME"],
            HOSTILE.map((n) => [n]),
        );
        assert.equal(table.split("\n").length, HOSTILE.length + 2);
        assert.ok(!RAW_CONTROL.test(table.replace(/\n/g, "")));
    });
});

/** Compresses `size` bytes of spaces without holding them: a body that inflates far beyond any cap. */
async function bomb(encoding: "gzip" | "deflate" | "br", size: number): Promise<Buffer> {
    const z =
        encoding === "gzip"
            ? zlib.createGzip({ level: 9 })
            : encoding === "deflate"
              ? zlib.createDeflate({ level: 9 })
              : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
    const chunks: Buffer[] = [];
    z.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => z.on("end", resolve));
    const mib = Buffer.alloc(1024 * 1024, 32);
    for (let i = 0; i < size / mib.length; i++) if (!z.write(mib)) await new Promise((r) => z.once("drain", r));
    z.end();
    await done;
    return Buffer.concat(chunks);
}

/** Lists in a fresh process (the built package) against `baseUrl`; returns the outcome and the process's peak RSS in KiB. */
async function listInChild(baseUrl: string): Promise<{ outcome: string; maxRssKiB: number }> {
    const script = `
        const { listAdminApiKeys } = require(${JSON.stringify(path.join(__dirname, "..", "bin", "provider"))});
        listAdminApiKeys({ adminKey: "sk-admin-0123456789abcdefghijkl", baseUrl: ${JSON.stringify(baseUrl)},
            options: { share: false, progress: false, twoEnded: false, retry: { maxAttempts: 1 } } })
            .then(() => "ok", (e) => e.name)
            .then((outcome) => process.stdout.write(JSON.stringify({ outcome, maxRssKiB: process.resourceUsage().maxRSS })));`;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, ["-e", script], { env: { PATH: process.env.PATH } }, (_e, stdout, stderr) =>
            resolve({ stdout, stderr }),
        ),
    );
    try {
        return JSON.parse(stdout) as { outcome: string; maxRssKiB: number };
    } catch {
        return { outcome: `crashed: ${stderr.slice(0, 300)}`, maxRssKiB: Infinity };
    }
}

describe("hardening: compressed bodies are bounded after decompression", function () {
    this.timeout(120_000);
    const INFLATED = 512 * 1024 * 1024;
    const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
    let server: http.Server;
    let baseUrl: string;
    const bodies = new Map<string, Buffer>();
    let serve: { encoding: string; body: Buffer; contentLength: boolean };

    before(async () => {
        for (const e of ["gzip", "deflate", "br"] as const) bodies.set(e, await bomb(e, INFLATED));
        const page = JSON.stringify({
            object: "list",
            data: seedKeys({ count: 3, seed: 1 }),
            first_id: null,
            last_id: null,
            has_more: false,
        });
        bodies.set("small", zlib.gzipSync(page));
        server = http.createServer((_req, res) => {
            const headers: Record<string, string | number> = {
                "content-type": "application/json",
                "content-encoding": serve.encoding,
                "x-request-id": "req_bomb",
            };
            if (serve.contentLength) headers["content-length"] = serve.body.length;
            res.writeHead(200, headers);
            res.end(serve.body);
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
    });
    after(() => server?.close());

    it("keeps peak memory within a few maxResponseBytes for gzip, deflate and br, with and without Content-Length", async () => {
        serve = { encoding: "gzip", body: bodies.get("small")!, contentLength: true };
        const baseline = await listInChild(baseUrl);
        assert.equal(baseline.outcome, "ok");
        for (const encoding of ["gzip", "deflate", "br"]) {
            assert.ok(
                bodies.get(encoding)!.length < 4 * 1024 * 1024,
                `${encoding} bomb is ${bodies.get(encoding)!.length} bytes`,
            );
            for (const contentLength of [true, false]) {
                serve = { encoding, body: bodies.get(encoding)!, contentLength };
                const r = await listInChild(baseUrl);
                const growthKiB = r.maxRssKiB - baseline.maxRssKiB;
                assert.equal(r.outcome, "InvalidResponseError", `${encoding}, content-length ${contentLength}`);
                assert.ok(
                    growthKiB < (4 * MAX_RESPONSE_BYTES) / 1024,
                    `${encoding}, content-length ${contentLength}: peak RSS grew by ${growthKiB} KiB`,
                );
            }
        }
    });
});

describe("honest stats", () => {
    it("counts distinct keys, not the page the two ends both read", async () => {
        await withFake({ seed: { count: 250, seed: 3 } }, async (api) => {
            const { keys, stats } = await listAdminApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                options: FAST,
            });
            assert.equal(stats.twoEnded, true);
            assert.equal(keys.length, 250);
            assert.equal(stats.keys, 250);
            assert.equal(stats.pages, 3);
        });
    });
});

describe("error classes say what happened", () => {
    for (const [status, name] of [
        [409, "ConflictError"],
        [422, "UnprocessableEntityError"],
        [418, "UnexpectedStatusError"],
        [405, "UnexpectedStatusError"],
    ] as const) {
        it(`reports ${status} as ${name}`, async () => {
            await withFake({ faults: [{ kind: "status", status, times: Infinity }] }, async (api) => {
                const err = await rejection(
                    listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST }),
                );
                assert.equal(err.name, name);
                assert.equal((err as { status?: number }).status, status);
                assert.match(err.message, new RegExp(`\\(${status}\\)`));
                // A conflict is retried like a server fault; the others are not.
                assert.equal(api.requests.length, status === 409 ? 6 : 1);
            });
        });
    }

    it("recognises this package's errors from another copy of it, where instanceof fails", async () => {
        // The built package and the source are two copies, with two sets of classes.
        const built = require(path.join(__dirname, "..", "bin", "provider")) as typeof import("../provider");
        await withFake({ faults: [{ kind: "status", status: 401, times: Infinity }] }, async (api) => {
            const err = await rejection(
                built.listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST }),
            );
            assert.equal(err instanceof OpenAIAdminError, false);
            assert.equal(OpenAIAdminError.isInstance(err), true);
            assert.equal(AuthenticationError.isInstance(err), true);
            assert.equal(RateLimitError.isInstance(err), false);
            assert.equal(OpenAIAdminError.isInstance(new Error("plain")), false);
            assert.equal(built.AuthenticationError.isInstance(new AuthenticationError("x")), true);
        });
    });
});

describe("one way to apply defaults", () => {
    it("treats an option given as undefined as unset in the policy functions", () => {
        const keys = seedKeys({ count: 12, seed: 2 }).map((k) => ({
            id: k.id,
            name: k.name ?? null,
            createdAt: k.created_at,
            lastUsedAt: k.last_used_at ?? null,
            expiresAt: k.expires_at ?? null,
            owner: { type: "user", id: "u", name: "n", role: "owner", createdAt: null },
        }));
        const count = evaluateKeyPolicies(keys, { maxKeys: undefined, maxKeyAgeDays: undefined }).find(
            (v) => v.policy === "openai-admin-key-count",
        );
        assert.match(
            count!.message,
            /^The organization has 12 admin API keys, over the limit of 10\. Delete 2 unused or duplicate keys/,
        );
    });
});
