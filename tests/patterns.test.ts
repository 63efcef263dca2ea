/**
 * Patterns from configuration against names from anyone who can create a key: `^(a+)+$` against a
 * 35-character name backtracks for hours in the main context. Here it can cost at most the time
 * budget (1 s for all names), then fails with a ConfigurationError that says why and what to do,
 * in the data source, the plain policy functions and the CrossGuard policies.
 */
import { strict as assert } from "assert";
import { adminApiKeyPolicies } from "../provider/policy";
import { ConfigurationError, checkKeyNaming, evaluateKeyPolicies, getAdminApiKeys } from "../provider";
import { FakeAdminApi } from "../provider/testing";
import { wireKey } from "./e2e/fixtures";
import { FAST, rejection } from "./helpers";

const EVIL = "^(a+)+$";
const NAME = `${"a".repeat(35)}!`;
const key = (name: string) => ({
    id: "key_1",
    name,
    createdAt: 1_700_000_000,
    expiresAt: null,
    lastUsedAt: null,
    owner: { type: "user", id: "user_1" },
});

/** Runs `fn`, returning what it threw and how long it took. */
async function timed(fn: () => unknown): Promise<{ err: Error; ms: number }> {
    const started = Date.now();
    try {
        await fn();
    } catch (err) {
        return { err: err as Error, ms: Date.now() - started };
    }
    throw new Error("expected a failure");
}

describe("patterns against hostile names", function () {
    this.timeout(20_000);

    it("stop the data source's nameRegex within the budget, with a ConfigurationError", async () => {
        const api = await FakeAdminApi.start({ keys: [wireKey(1, { name: NAME })] });
        try {
            const { err, ms } = await timed(() =>
                getAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, nameRegex: EVIL, listOptions: FAST }),
            );
            assert.ok(ConfigurationError.isInstance(err));
            assert.match(
                err.message,
                /^nameRegex "\^\(a\+\)\+\$" took longer than 1000 ms against 1 key names and was stopped: it backtracks catastrophically/,
            );
            assert.ok(ms < 3000, `${ms} ms`);
        } finally {
            await api.stop();
        }
    });

    it("stop the naming rule's namePattern within the budget", async () => {
        const { err, ms } = await timed(() => checkKeyNaming([key(NAME)], { namePattern: EVIL }));
        assert.match(err.message, /^namePattern "\^\(a\+\)\+\$" took longer than 1000 ms/);
        assert.ok(ms < 3000, `${ms} ms`);
        const all = await timed(() => evaluateKeyPolicies([key(NAME)], { namePattern: EVIL }));
        assert.match(all.err.message, /^namePattern .* took longer than 1000 ms/);
    });

    it("stop the CrossGuard naming policy within the budget, failing rather than passing", async () => {
        const policy = adminApiKeyPolicies().find((p) => p.name === "openai-admin-key-naming")!;
        const reported: string[] = [];
        const { err, ms } = await timed(() =>
            (policy as { validateResource: (a: unknown, r: (m: string) => void) => void }).validateResource(
                {
                    type: "pulumi-nodejs:dynamic/openai:AdminApiKeyInventory",
                    props: { keys: { key_1: key(NAME) } },
                    getConfig: () => ({ namePattern: EVIL }),
                    notApplicable: (why: string) => {
                        throw new Error(why);
                    },
                },
                (m) => reported.push(m),
            ),
        );
        assert.match(err.message, /^namePattern .* took longer than 1000 ms/);
        assert.ok(ms < 3000, `${ms} ms`);
        assert.deepEqual(reported, []);
    });

    it("still match ordinary patterns exactly", () => {
        const keys = [key("ci-deploy"), { ...key("Bad Name"), id: "key_2" }, { ...key(""), id: "key_3", name: null }];
        assert.deepEqual(
            checkKeyNaming(keys, { namePattern: "^[a-z0-9]+(-[a-z0-9]+)*$" }).map((v) => v.keyId),
            ["key_2", "key_3"],
        );
    });

    it("are refused before anything is sent when invalid", async () => {
        const api = await FakeAdminApi.start({ seed: { count: 3 } });
        try {
            const err = await rejection(
                getAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, nameRegex: "(" }),
            );
            assert.match(err.message, /^nameRegex "\(" is not a valid regular expression: /);
            assert.equal(api.calls.length, 0);
        } finally {
            await api.stop();
        }
    });
});
