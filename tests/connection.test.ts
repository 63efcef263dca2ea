import { strict as assert } from "assert";
import { ConfigurationError, listAdminApiKeys } from "../provider";
import { checkBaseUrl, isLoopbackHost, resolveConnection } from "../provider/listing/connection";
import { FAST, rejection, withFake } from "./helpers";

describe("connection settings", () => {
    it("accepts https anywhere and plain http only on loopback hosts", () => {
        assert.equal(checkBaseUrl("https://api.openai.com/v1/"), "https://api.openai.com/v1");
        assert.equal(checkBaseUrl("http://127.0.0.1:8080/v1"), "http://127.0.0.1:8080/v1");
        assert.equal(checkBaseUrl("http://127.9.8.7/v1"), "http://127.9.8.7/v1");
        assert.equal(checkBaseUrl("http://localhost:1/v1"), "http://localhost:1/v1");
        assert.equal(checkBaseUrl("http://[::1]:3000/v1"), "http://[::1]:3000/v1");
        for (const bad of [
            "http://api.openai.com/v1",
            "http://10.0.0.1/v1",
            "http://localhost.evil.example/v1",
            "http://128.0.0.1/v1",
            "http://[::2]/v1",
            "ftp://127.0.0.1/v1",
        ]) {
            assert.throws(() => checkBaseUrl(bad), ConfigurationError, bad);
        }
        assert.throws(
            () => checkBaseUrl("http://api.openai.com/v1"),
            /Refusing to send the admin key over plain http to "api.openai.com" \(openai:baseUrl \/ OPENAI_BASE_URL\)/,
        );
    });

    it("recognises exactly the loopback range", () => {
        assert.deepEqual(
            ["127.0.0.1", "127.255.255.255", "localhost", "[::1]", "::1", "126.0.0.1", "127.0.0.256", "0.0.0.0"].map(
                isLoopbackHost,
            ),
            [true, true, true, true, true, false, false, false],
        );
    });

    it("refuses base URLs with embedded credentials", () => {
        assert.throws(() => checkBaseUrl("https://user:pass@api.openai.com/v1"), /credentials embedded/);
        assert.throws(() => checkBaseUrl("https://user@api.openai.com/v1"), /credentials embedded/);
    });

    it("refuses a non-https base URL before sending any request", async () => {
        await withFake({ seed: { count: 2 } }, async (api) => {
            const lan = api.baseUrl.replace("127.0.0.1", "192.0.2.1");
            const err = await rejection(listAdminApiKeys({ adminKey: api.adminKey, baseUrl: lan, options: FAST }));
            assert.ok(err instanceof ConfigurationError);
            assert.equal(api.requests.length, 0);
        });
    });

    it("says where to set the admin key when none is configured", async () => {
        const err = await rejection(listAdminApiKeys({}, () => undefined));
        assert.ok(err instanceof ConfigurationError);
        assert.match(
            err.message,
            /No OpenAI admin key is configured.*admin-keys.*pulumi config set --secret openai:adminKey.*OPENAI_ADMIN_KEY/,
        );
    });

    it("takes each setting from the argument, then Pulumi config, then the environment, then the default", () => {
        const config = (k: string) =>
            (
                ({
                    "openai:adminKey": "cfg-key-0123456789abcd",
                    "openai:baseUrl": "https://cfg.example/v1",
                    "openai:organization": "org-cfg",
                }) as Record<string, string>
            )[k];
        const env = {
            OPENAI_ADMIN_KEY: "env-key-0123456789abcd",
            OPENAI_BASE_URL: "https://env.example/v1",
            OPENAI_ORG_ID: "org-env",
        };
        const all = resolveConnection(
            { adminKey: "arg-key-0123456789abcd", baseUrl: "https://arg.example/v1", organization: "org-arg" },
            config,
            env,
        );
        assert.deepEqual(
            [all.adminKey, all.baseUrl, all.organization],
            ["arg-key-0123456789abcd", "https://arg.example/v1", "org-arg"],
        );
        const fromConfig = resolveConnection({}, config, env);
        assert.deepEqual(
            [fromConfig.adminKey, fromConfig.baseUrl, fromConfig.organization],
            ["cfg-key-0123456789abcd", "https://cfg.example/v1", "org-cfg"],
        );
        const fromEnv = resolveConnection({}, () => undefined, env);
        assert.deepEqual(
            [fromEnv.adminKey, fromEnv.baseUrl, fromEnv.organization],
            ["env-key-0123456789abcd", "https://env.example/v1", "org-env"],
        );
        const defaults = resolveConnection({ adminKey: "k-0123456789abcdefghij" }, () => undefined, {});
        assert.deepEqual([defaults.baseUrl, defaults.organization], ["https://api.openai.com/v1", undefined]);
        // Empty values fall through instead of being used.
        const blank = resolveConnection({ adminKey: " " }, () => "", { OPENAI_ADMIN_KEY: "env-key-0123456789abcd" });
        assert.equal(blank.adminKey, "env-key-0123456789abcd");
    });

    it("reads the admin key from OPENAI_ADMIN_KEY and the base URL from OPENAI_BASE_URL", async () => {
        await withFake({ seed: { count: 4 } }, async (api) => {
            process.env.OPENAI_ADMIN_KEY = api.adminKey;
            process.env.OPENAI_BASE_URL = api.baseUrl;
            try {
                const r = await listAdminApiKeys({ options: FAST }, () => undefined);
                assert.equal(r.keys.length, 4);
                assert.equal(r.baseUrl, api.baseUrl);
            } finally {
                delete process.env.OPENAI_ADMIN_KEY;
                delete process.env.OPENAI_BASE_URL;
            }
        });
    });

    it("rejects bad options and arguments with ConfigurationError before any request", async () => {
        await withFake({ seed: { count: 2 } }, async (api) => {
            const base = { adminKey: api.adminKey, baseUrl: api.baseUrl };
            assert.match(
                (await rejection(listAdminApiKeys({ ...base, options: { pageSize: 0 } }))).message,
                /options.pageSize must be a whole number from 1 to 1000; got 0\./,
            );
            assert.match(
                (await rejection(listAdminApiKeys({ ...base, order: "sideways" as "asc" }))).message,
                /order must be "asc" or "desc"/,
            );
            assert.match(
                (await rejection(listAdminApiKeys({ ...base, organization: "org x" }))).message,
                /organization id "org x" is not valid/,
            );
            assert.equal(api.requests.length, 0);
        });
    });
});
