/**
 * The listing as a whole is bounded, not only each page: a server that sends large pages with
 * `has_more` forever makes the listing fail with a typed error long before the process runs out of
 * memory. Measured in a child process with a 1 GiB heap, where an unbounded listing crashed.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { DEFAULT_LIST_OPTIONS, listAdminApiKeys, PaginationError } from "../provider";
import { FAST, rejection, withFake } from "./helpers";

/** A server whose every page is 100 keys with 75 KB names (about 7.5 MiB) and has_more true. */
async function bottomless(): Promise<{ baseUrl: string; pages: () => number; stop: () => Promise<void> }> {
    let pages = 0;
    const name = "n".repeat(75 * 1024);
    const server = http.createServer((req, res) => {
        const n = ++pages;
        // Consistent in both orders: ascending pages climb from the oldest keys, descending ones fall
        // from the newest, far apart, so the two ends never meet: the listing can only end at a bound.
        const desc = new URL(req.url ?? "/", "http://x").searchParams.get("order") === "desc";
        const createdAt = desc ? 1_700_000_000 + 100_000_000 - n : 1_700_000_000 + n;
        const keys = Array.from({ length: 100 }, (_, i) =>
            JSON.stringify({
                object: "organization.admin_api_key",
                id: `key_${n}_${i}`,
                name,
                redacted_value: "sk-admin...abc",
                created_at: createdAt,
                last_used_at: null,
                expires_at: null,
                owner: {
                    type: "user",
                    object: "organization.user",
                    id: "user_1",
                    name: "u",
                    created_at: 1,
                    role: "owner",
                },
            }),
        );
        res.setHeader("content-type", "application/json");
        res.end(`{"object":"list","data":[${keys.join(",")}],"last_id":"key_${n}_99","has_more":true}`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    return {
        baseUrl: `http://127.0.0.1:${port}/v1`,
        pages: () => pages,
        stop: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

describe("listing bounds", function () {
    this.timeout(120_000);

    it("fails with InvalidResponseError at maxTotalBytes, long before a 1 GiB heap runs out", async () => {
        const server = await bottomless();
        try {
            const out = await new Promise<string>((resolve, reject) =>
                execFile(
                    process.execPath,
                    [
                        "--max-old-space-size=1024",
                        "-r",
                        "ts-node/register/transpile-only",
                        path.join(__dirname, "fixtures", "list-until-bounded.ts"),
                        server.baseUrl,
                    ],
                    { cwd: path.join(__dirname, ".."), maxBuffer: 1 << 20 },
                    (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
                ),
            );
            const result = JSON.parse(out) as { name: string; message: string; page: number; heapMB: number };
            assert.equal(result.name, "InvalidResponseError", out);
            assert.match(
                result.message,
                /passed maxTotalBytes \(268435456 bytes\) at page \d+; it was dropped rather than held in memory/,
            );
            // About 256 MiB of 7.5 MiB pages, read from both ends: the bound, not the heap, ended it.
            assert.ok(server.pages() >= 30 && server.pages() <= 40, `${server.pages()} pages`);
            assert.ok(result.heapMB < 700, `${result.heapMB} MB of heap in use`);
        } finally {
            await server.stop();
        }
    });

    it("fails with PaginationError at maxKeys", async () => {
        await withFake({ seed: { count: 250 } }, async (api) => {
            const err = await rejection(
                listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    options: { ...FAST, twoEnded: false, maxKeys: 120 },
                }),
            );
            assert.ok(PaginationError.isInstance(err));
            assert.match(err.message, /passed maxKeys \(120 keys\) at page 2/);
        });
    });

    it("has defaults far above any real organization", () => {
        assert.equal(DEFAULT_LIST_OPTIONS.maxTotalBytes, 256 * 1024 * 1024);
        assert.equal(DEFAULT_LIST_OPTIONS.maxKeys, 200_000);
    });
});
