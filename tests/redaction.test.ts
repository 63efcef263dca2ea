import { strict as assert } from "assert";
import * as util from "util";
import {
    AuthenticationError,
    ConfigurationError,
    ConnectionError,
    listAdminApiKeys,
    OpenAIAdminError,
} from "../provider";
import { FAST, rejection, withFake } from "./helpers";

const SECRET = "sk-admin-Zq7XwV9pL2mN4bR6tY8uI0oP3aS5dF7gH9jK1lZ3xC5vB7nM";

/** Every way an error can be shown to a person or a log. */
function renderings(err: Error): string[] {
    return [
        err.message,
        String(err.stack),
        JSON.stringify(err),
        util.inspect(err, { depth: 10 }),
        String(err),
        util.format("%o", err),
    ];
}

function assertNoSecret(err: Error, secret = SECRET) {
    for (const text of renderings(err)) {
        assert.ok(!text.includes(secret), `secret leaked in: ${text.slice(0, 300)}`);
        // Nor a long fragment of it.
        assert.ok(!text.includes(secret.slice(9, 30)), `secret fragment leaked in: ${text.slice(0, 300)}`);
    }
}

describe("admin key redaction", () => {
    it("keeps the key out of a 401 error even when the server echoes it back unmasked", async () => {
        await withFake({ seed: { count: 3 }, echoKeyInErrors: true }, async (api) => {
            const err = await rejection(listAdminApiKeys({ adminKey: SECRET, baseUrl: api.baseUrl, options: FAST }));
            assert.ok(err instanceof AuthenticationError);
            assert.match(err.message, /Incorrect API key provided: \[REDACTED\]/);
            assertNoSecret(err);
            assert.equal(JSON.parse(JSON.stringify(err)).name, "AuthenticationError");
            assert.equal(JSON.parse(JSON.stringify(err)).status, 401);
        });
    });

    it("keeps the key out of server error text of any status", async () => {
        await withFake({ seed: { count: 3 } }, async (api) => {
            api.inject({
                kind: "status",
                status: 400,
                message: `bad request for key ${api.adminKey} (Bearer ${api.adminKey})`,
            });
            const err = await rejection(
                listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST }),
            );
            assertNoSecret(err, api.adminKey);
            assert.match(err.message, /bad request for key \[REDACTED\] \(Bearer \[REDACTED\]\)/);
        });
    });

    it("keeps the key out of connection errors and holds no got request objects", async () => {
        const err = await rejection(
            listAdminApiKeys({
                adminKey: SECRET,
                baseUrl: "http://127.0.0.1:9/v1",
                options: { ...FAST, retry: { ...FAST.retry, maxAttempts: 1 } },
            }),
        );
        assert.ok(err instanceof ConnectionError);
        assertNoSecret(err);
        const own = Object.keys(err);
        for (const banned of ["options", "request", "response", "timings", "cause", "headers"])
            assert.ok(!own.includes(banned), `error has own ${banned}`);
    });

    it("keeps the key out of configuration errors about the key itself", async () => {
        const err = await rejection(
            listAdminApiKeys({ adminKey: `${SECRET}\n`.replace("\n", " x"), baseUrl: "https://api.openai.com/v1" }),
        );
        assert.ok(err instanceof ConfigurationError);
        assertNoSecret(err);
    });

    it("redacts key-shaped strings in any error built by the package", () => {
        const err = new OpenAIAdminError(`saw sk-proj-${"a".repeat(40)} and sk-admin...xyz`);
        assert.equal(err.message, "saw [REDACTED] and sk-admin...xyz");
    });

    it("never puts the key into the listing result", async () => {
        await withFake({ seed: { count: 250 } }, async (api) => {
            const r = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            const text = JSON.stringify(r) + util.inspect(r, { depth: 10 });
            assert.ok(!text.includes(api.adminKey));
        });
    });
});
