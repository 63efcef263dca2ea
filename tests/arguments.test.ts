/**
 * Every public argument and option is checked for type, range and unknown names before anything
 * is sent, and a bad one is a ConfigurationError naming it. Each case here used to do something
 * silently different (a string where a list belongs, NaN turning a rule off, a misspelled option
 * ignored, a negative Retry-After meaning no wait).
 */
import { strict as assert } from "assert";
import {
    AdminApiKeyInventory,
    checkKeyCount,
    checkKeyOwners,
    checkMaxKeyAge,
    checkUnusedKeys,
    ConfigurationError,
    evaluateKeyPolicies,
    getAdminApiKeys,
    listAdminApiKeys,
} from "../provider";
import { adminApiKeyPolicies } from "../provider/policy";
import { FakeAdminApi } from "../provider/testing";
import { FAST, rejection } from "./helpers";
import { mockDeployment } from "./pulumi-helpers";

const NOW = 1_800_000_000;
const KEY = {
    id: "key_1",
    name: "ci",
    createdAt: NOW - 1000 * 86_400,
    expiresAt: null,
    lastUsedAt: null,
    owner: { type: "user", id: "user_abcdef" },
};

describe("argument checks", () => {
    let api: FakeAdminApi;
    before(async () => {
        api = await FakeAdminApi.start({ seed: { count: 5 } });
    });
    after(() => api.stop());
    const conn = () => ({ adminKey: api.adminKey, baseUrl: api.baseUrl });

    /** Rejects with a ConfigurationError whose message matches, and nothing was sent. */
    async function refusedBeforeSending(p: Promise<unknown>, message: RegExp) {
        const before = api.calls.length;
        const err = await rejection(p);
        assert.ok(ConfigurationError.isInstance(err), `${err.name}: ${err.message}`);
        assert.match(err.message, message);
        assert.equal(api.calls.length, before, "a request was sent");
    }

    it("refuses bad data source arguments before listing", async () => {
        await refusedBeforeSending(
            getAdminApiKeys({ ...conn(), nameRegex: "[" }),
            /^nameRegex "\[" is not a valid regular expression/,
        );
        await refusedBeforeSending(
            getAdminApiKeys({ ...conn(), ownerTypes: "user" as unknown as string[] }),
            /^ownerTypes must be a list of strings, e.g. \["a", "b"\]; got a string \("user"\)\.$/,
        );
        await refusedBeforeSending(
            getAdminApiKeys({ ...conn(), ownerIds: ["user_1", 2 as unknown as string] }),
            /^ownerIds\[1\] must be a string; got a number\.$/,
        );
        await refusedBeforeSending(
            getAdminApiKeys({ ...conn(), order: "newest" as "asc" }),
            /^order must be "asc" or "desc"; got a string \("newest"\)\.$/,
        );
        await refusedBeforeSending(
            getAdminApiKeys({ ...conn(), nameRegexp: "^ci" } as never),
            /^getAdminApiKeys has no argument "nameRegexp"; the arguments are order, nameRegex, /,
        );
        await refusedBeforeSending(
            getAdminApiKeys({ ...conn(), baseUrl: 42 as unknown as string }),
            /^baseUrl must be a string; got a number\.$/,
        );
    });

    it("refuses bad listing options: types, ranges and misspelled names", async () => {
        for (const [options, message] of [
            [{ twoEnded: "false" }, /^listOptions\.twoEnded must be true or false; got a string \("false"\)\.$/],
            [{ share: 0 }, /^listOptions\.share must be true or false; got a number\.$/],
            [{ progress: "yes" }, /^listOptions\.progress must be true or false/],
            [{ pagesize: 10 }, /^listOptions has no option "pagesize"; the options are pageSize, maxPages, /],
            [{ retry: { maxAttempt: 2 } }, /^listOptions\.retry has no option "maxAttempt"/],
            [{ pageSize: NaN }, /^listOptions\.pageSize must be a whole number from 1 to 1000; got NaN\.$/],
            [
                { deadlineMs: Infinity },
                /^listOptions\.deadlineMs must be a whole number from 1 to 86400000; got Infinity\.$/,
            ],
            [{ maxTotalBytes: 0 }, /^listOptions\.maxTotalBytes must be a whole number from 1 to /],
            [{ retry: "fast" }, /^listOptions\.retry must be an object; got a string/],
        ] as const) {
            await refusedBeforeSending(getAdminApiKeys({ ...conn(), listOptions: options as never }), message);
        }
        await refusedBeforeSending(
            listAdminApiKeys({ ...conn(), options: { twoEnded: "no" as never } }),
            /^options\.twoEnded must be true or false/,
        );
        await refusedBeforeSending(
            listAdminApiKeys({ ...conn(), order: "asc", limit: 5 } as never),
            /^listAdminApiKeys has no argument "limit"/,
        );
    });

    it("refuses policy settings that would silently turn a rule off or widen it", () => {
        const cases: Array<[() => unknown, RegExp]> = [
            [
                () => checkMaxKeyAge([KEY], { maxKeyAgeDays: NaN }, NOW),
                /^maxKeyAgeDays must be a whole number from 0 to 100000; got NaN\.$/,
            ],
            [
                () => checkMaxKeyAge([KEY], { maxKeyAgeDays: Infinity }, NOW),
                /^maxKeyAgeDays must be a whole number .* got Infinity\.$/,
            ],
            [
                () => checkMaxKeyAge([KEY], { maxKeyAgeDays: "365" as never }, NOW),
                /^maxKeyAgeDays must be a whole number .* got a string \("365"\)\.$/,
            ],
            [
                () => checkMaxKeyAge([KEY], { maxKeyAgeDays: 365 }, NaN),
                /^now must be a finite number of Unix seconds; got NaN\.$/,
            ],
            [
                () => checkUnusedKeys([KEY], { maxUnusedDays: 90 } as never, NOW),
                /^The policy setting neverUsedGraceDays is missing\.$/,
            ],
            [
                () =>
                    checkKeyOwners([KEY], {
                        allowedOwnerTypes: ["user"],
                        allowedOwnerIds: "user_abcdef-and-more" as never,
                    }),
                /^allowedOwnerIds must be a list of strings, e.g. \["a", "b"\]; got a string/,
            ],
            [
                () => checkKeyCount([KEY], { maxKeys: -1 }),
                /^maxKeys must be a whole number from 0 to 10000000; got -1\.$/,
            ],
            [
                () => evaluateKeyPolicies([KEY], { maxKeyAge: 30 } as never, NOW),
                /^evaluateKeyPolicies has no setting "maxKeyAge"; the settings are maxKeyAgeDays, /,
            ],
            [
                () => evaluateKeyPolicies([KEY], { requireExpiry: "true" as never }, NOW),
                /^requireExpiry must be true or false; got a string/,
            ],
            [
                () => adminApiKeyPolicies({ enforcementLevel: { "openai-admin-key-nameing": "mandatory" } as never }),
                /^enforcementLevel has no policy "openai-admin-key-nameing"/,
            ],
            [
                () => adminApiKeyPolicies({ enforcementLevel: { "openai-admin-key-naming": "strict" as never } }),
                /^enforcementLevel\[openai-admin-key-naming\] must be "advisory" or "mandatory" or "remediate" or "disabled"/,
            ],
            [() => adminApiKeyPolicies({ clock: () => 1 } as never), /^adminApiKeyPolicies has no option "clock"/],
        ];
        for (const [fn, message] of cases) {
            assert.throws(
                fn,
                (err: Error) => ConfigurationError.isInstance(err) && message.test(err.message),
                String(message),
            );
        }
    });

    it("refuses a misspelled inventory argument when the resource is declared", async () => {
        await mockDeployment("arguments-test", { dryRun: true });
        assert.throws(
            () => new AdminApiKeyInventory("admin-keys", { recentUsageDay: 7 } as never),
            /^ConfigurationError: AdminApiKeyInventory has no argument "recentUsageDay"; the arguments are baseUrl, organization, recentUsageDays, pageSize, adminKey\.$/,
        );
    });

    it("treats a negative Retry-After as no hint, so a 429 still waits", async () => {
        const throttled = await FakeAdminApi.start({
            seed: { count: 3 },
            faults: [{ kind: "rate-limit", retryAfterSeconds: -5, onRequest: 1 }],
        });
        try {
            const started = Date.now();
            const listing = await listAdminApiKeys({
                adminKey: throttled.adminKey,
                baseUrl: throttled.baseUrl,
                options: FAST,
            });
            assert.equal(listing.keys.length, 3);
            assert.equal(listing.stats.throttled, 1);
            // The pace's own probe after a hintless 429 (8 response times, at least 8 ms), not an immediate retry.
            assert.ok(Date.now() - started >= 8, `${Date.now() - started} ms`);
        } finally {
            await throttled.stop();
        }
    });
});
