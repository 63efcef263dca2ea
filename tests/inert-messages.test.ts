/**
 * Text from a file or a server never reaches a terminal or a CI log raw: an ESC starts an ANSI
 * sequence, a newline followed by `::error::` is a GitHub Actions workflow command. Every error,
 * log and CLI line shows such text quoted and escaped. And nothing before an `@` of a base URL
 * (what may be credentials) is ever repeated.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listAdminApiKeys, OpenAIAdminError } from "../provider";
import { main as driftCli } from "../provider/drift/cli";
import { fetchInventory } from "../provider/inventory/fetch-inventory";
import { checkBaseUrl } from "../provider/listing/connection";
import { FakeAdminApi } from "../provider/testing";
import { wireKey } from "./e2e/fixtures";
import { FAST, rejection, withFake } from "./helpers";

const HOSTILE = "x\u001b[31m\n::error::owned\u009b2J\u202e";
/** What must never appear raw: ESC, a newline, C1 CSI, a bidirectional override. */
const RAW = /[\u001b\n\r\u009b\u202e]/;

function assertInert(text: string) {
    assert.doesNotMatch(text.replace(/\n$/, ""), RAW, JSON.stringify(text));
    assert.doesNotMatch(text, /\n::error::/);
}

describe("messages with text from files and servers", () => {
    it("show an organization id from a state file quoted and escaped, on one line", async () => {
        await withFake({ seed: { count: 2 } }, async (api) => {
            const recorded = {
                ...(await fetchInventory({ adminKey: api.adminKey, baseUrl: api.baseUrl })),
                organization: HOSTILE,
            };
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inert-")), "inventory.json");
            fs.writeFileSync(file, JSON.stringify(recorded));
            let err = "";
            process.env.OPENAI_ADMIN_KEY = api.adminKey;
            try {
                assert.equal(
                    await driftCli(
                        ["--inventory", file, "--base-url", api.baseUrl],
                        () => undefined,
                        (s) => (err += s),
                    ),
                    1,
                );
            } finally {
                delete process.env.OPENAI_ADMIN_KEY;
            }
            assert.match(
                err,
                /^openai-admin-keys-drift: The organization id "x\\u001b\[31m\\u000a::error::owned\\u009b2J\\u202e" is not valid/,
            );
            assertInert(err);
            assert.equal(api.requests.length, 1, "nothing was sent for the hostile organization");
        });
    });

    it("show a server's error message, type, code and param escaped, in the message and on the error", async () => {
        await withFake(
            { seed: { count: 2 }, faults: [{ kind: "status", status: 400, message: HOSTILE }] },
            async (api) => {
                const err = (await rejection(
                    listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST }),
                )) as OpenAIAdminError;
                assert.match(err.message, /OpenAI said: "x\\u001b\[31m\\u000a::error::owned\\u009b2J\\u202e"\./);
                assertInert(err.message);
                assertInert(JSON.stringify(err));
            },
        );
    });

    it("show key ids from the server escaped in pagination errors", async () => {
        const keys = [wireKey(1, { id: `key_${HOSTILE}` }), wireKey(2, { id: `key_${HOSTILE}2` })];
        await withFake(
            { keys, maxLimit: 1, faults: [{ kind: "cursor-loop", withCursor: true, times: Infinity }] },
            async (api) => {
                const err = await rejection(
                    listAdminApiKeys({
                        adminKey: api.adminKey,
                        baseUrl: api.baseUrl,
                        options: { ...FAST, twoEnded: false },
                    }),
                );
                assert.match(
                    err.message,
                    /returned cursor "key_x\\u001b\[31m\\u000a::error::owned\\u009b2J\\u202e" twice/,
                );
                assertInert(err.message);
            },
        );
    });

    it("never repeat anything before the @ of a base URL that does not parse", () => {
        const err = (() => {
            try {
                checkBaseUrl("https://admin:hun/ter2@bad host/v1");
            } catch (e) {
                return e as Error;
            }
            throw new Error("accepted");
        })();
        assert.equal(
            err.message,
            'The OpenAI base URL "https://…@bad host/v1" is not a URL (openai:baseUrl / OPENAI_BASE_URL). Use https://api.openai.com/v1 or leave it unset.',
        );
        for (const secret of ["admin", "hun", "ter2"]) assert.ok(!err.message.includes(secret), secret);
    });

    it("show a base URL's host quoted when it is refused", () => {
        assert.throws(
            () => checkBaseUrl("http://evil.example/v1"),
            /over plain http to "evil.example" \(openai:baseUrl \/ OPENAI_BASE_URL\)/,
        );
    });
});

describe("FakeAdminApi as used here", () => {
    it("serves the ids it is given as they are", async () => {
        await withFake({ keys: [wireKey(1, { id: "key_plain" })] }, async (api: FakeAdminApi) => {
            const { keys } = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            assert.deepEqual(
                keys.map((k) => k.id),
                ["key_plain"],
            );
        });
    });
});
