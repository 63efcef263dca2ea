import { strict as assert } from "assert";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { NotApplicable, run, validationArgs as harnessArgs } from "./policy-harness";
import {
    ConfigurationError,
    evaluateEstatePolicies,
    listOrganizationApiKeys,
    OrganizationApiKeyInventory,
    PLUGIN_ESTATE_INVENTORY_TYPE,
} from "../provider";
import { organizationApiKeyPolicies } from "../provider/policy";
import { createEstateInventoryProvider } from "../provider/inventory/provider";
import { FakeAdminApi } from "../provider/testing";
import { estateFixture, NOW } from "./estate-fixture";

/** Every violation the fixture has under the default settings, in order. */
const EXPECTED_DEFAULT: Array<[string, string]> = [
    [
        "openai-project-key-owner-without-access",
        'Project proj_payments ("payments"): API key key_pay_left ("key_pay_left-name") belongs to Grace Hopper (user, user_grace), who no longer has access to the project. Delete the key (project settings > API keys), or give its owner access again if the key is still needed.',
    ],
    [
        "openai-project-key-unused",
        'Project proj_payments ("payments"): API key key_pay_left ("key_pay_left-name") has not been used for 100 days (limit 90). Delete it if nothing needs it any more.',
    ],
    [
        "openai-project-key-unused",
        'Project proj_payments ("payments"): API key key_pay_svc ("key_pay_svc-name") has never been used in the 30 days since it was created (limit 14). Delete it if nothing needs it.',
    ],
    [
        "openai-project-key-max-age",
        'Project proj_legacy ("legacy"): API key key_leg_old ("key_leg_old-name") is 400 days old, over the 365-day limit. Rotate it: create a new key, move its users to it, then delete this one.',
    ],
    [
        "openai-archived-project-keys",
        'Project proj_legacy ("legacy") is archived but still holds 1 API key (key_leg_old). Delete them, or unarchive the project if they are still needed.',
    ],
    [
        "openai-service-account-unused",
        'Project proj_payments ("payments"): service account user-svc_idle ("idle") has no API keys. Delete it if nothing needs it.',
    ],
    [
        "openai-service-account-unused",
        'Project proj_payments ("payments"): service account user-svc_deploy ("deploy") has 1 API key, none used in the last 90 days. Delete the service account (and its keys) if nothing needs it.',
    ],
];

function validationArgs(
    props: Record<string, unknown>,
    config: Record<string, unknown> = {},
    type = OrganizationApiKeyInventory.__pulumiType,
): ResourceValidationArgs {
    return harnessArgs(props, config, type, "estate");
}

describe("estate policies", () => {
    let api: FakeAdminApi;
    let checked: Record<string, unknown>;
    const policies = () => organizationApiKeyPolicies({ now: () => NOW });
    const byName = (name: string) => policies().find((p) => p.name === name)!;

    before(async () => {
        api = await FakeAdminApi.start({ keys: [], estate: estateFixture() });
        const real = Date.now;
        Date.now = () => NOW * 1000;
        try {
            const impl = createEstateInventoryProvider(() => undefined);
            checked = (await impl.check({}, { adminKey: api.adminKey, baseUrl: api.baseUrl }, () => undefined))
                .inputs as Record<string, unknown>;
        } finally {
            Date.now = real;
        }
    });
    after(() => api.stop());

    it("are seven, each with a configSchema with defaults and an enforcement level", () => {
        assert.deepEqual(
            policies().map((p) => [
                p.name,
                p.enforcementLevel,
                Object.keys((p.configSchema as { properties: object }).properties),
            ]),
            [
                ["openai-project-key-owner-without-access", "mandatory", []],
                ["openai-project-key-unused", "advisory", ["maxUnusedDays", "neverUsedGraceDays"]],
                ["openai-project-key-max-age", "advisory", ["maxKeyAgeDays"]],
                ["openai-project-key-count", "mandatory", ["maxKeysPerProject"]],
                ["openai-archived-project-keys", "advisory", []],
                ["openai-service-account-unused", "advisory", ["maxUnusedDays", "neverUsedGraceDays"]],
                ["openai-project-key-owner-type", "advisory", ["allowedOwnerTypes"]],
            ],
        );
    });

    it("report exactly the default violations on the estate inventory's checked inputs, naming project and key", async () => {
        const all: Array<[string, string]> = [];
        for (const p of policies()) {
            const r = await run(p, validationArgs(checked));
            assert.ok(Array.isArray(r), `${p.name} was not applicable`);
            for (const m of r) all.push([p.name, m]);
        }
        assert.deepEqual(all, EXPECTED_DEFAULT);
    });

    it("judge the plugin's form alike, and ignore every other resource type", async () => {
        const r = await run(
            byName("openai-project-key-owner-without-access"),
            validationArgs(checked, {}, PLUGIN_ESTATE_INVENTORY_TYPE),
        );
        assert.deepEqual(r, [EXPECTED_DEFAULT[0][1]]);
        const other = await run(
            byName("openai-project-key-owner-without-access"),
            validationArgs(checked, {}, "aws:s3/bucket:Bucket"),
        );
        assert.ok(other instanceof NotApplicable);
    });

    it("use config overrides", async () => {
        assert.deepEqual(
            await run(byName("openai-project-key-count"), validationArgs(checked, { maxKeysPerProject: 2 })),
            [
                'Project proj_payments ("payments") has 3 API keys, over the limit of 2. Delete 1 unused or duplicate keys (oldest: key_pay_left, key_pay_svc, key_pay_good).',
                'Project proj_crowded ("crowded") has 3 API keys, over the limit of 2. Delete 1 unused or duplicate keys (oldest: key_crowd_3, key_crowd_2, key_crowd_1).',
            ],
        );
        assert.deepEqual(
            await run(byName("openai-project-key-max-age"), validationArgs(checked, { maxKeyAgeDays: 401 })),
            [],
        );
        const owners = await run(
            byName("openai-project-key-owner-type"),
            validationArgs(checked, { allowedOwnerTypes: ["service_account"] }),
        );
        assert.equal((owners as string[]).length, 6);
        assert.equal(
            (owners as string[])[0],
            'Project proj_legacy ("legacy"): API key key_leg_old ("key_leg_old-name") is owned by Ada Lovelace (user, user_ada); allowed owner types are service_account. Recreate it under an allowed owner (a service account for automation) and delete this one.',
        );
    });

    it("are not applicable while the projects are unknown in preview", async () => {
        const { unknownObjectValue } = require("@pulumi/policy/proxy");
        for (const p of policies()) {
            const unknown = await run(p, validationArgs({ ...checked, projects: unknownObjectValue }));
            assert.ok(unknown instanceof NotApplicable, p.name);
            assert.match(unknown.message, /the projects are not known yet/);
            assert.ok(
                (await run(p, validationArgs({ baseUrl: "https://api.openai.com/v1" }))) instanceof NotApplicable,
            );
        }
    });

    it("refuse a misspelled policy name or a bad setting instead of ignoring it", () => {
        assert.throws(
            () =>
                organizationApiKeyPolicies({ enforcementLevel: { "openai-project-key-unsued": "mandatory" } as never }),
            (e: Error) => e instanceof ConfigurationError && /openai-project-key-unsued/.test(e.message),
        );
        assert.throws(
            () => evaluateEstatePolicies([], { maxUnusedDays: Number.NaN }),
            (e: Error) => e instanceof ConfigurationError && /maxUnusedDays/.test(e.message),
        );
        assert.throws(
            () => evaluateEstatePolicies([], { maxKeysPerProjects: 3 } as never),
            (e: Error) => e instanceof ConfigurationError && /maxKeysPerProjects/.test(e.message),
        );
    });

    it("as plain functions, judge the data source's listing exactly as the recorded estate", async () => {
        const estate = await listOrganizationApiKeys({
            adminKey: api.adminKey,
            baseUrl: api.baseUrl,
            listOptions: { share: false, progress: false },
        });
        const fromListing = evaluateEstatePolicies(estate.projects, {}, NOW).map((v) => [v.policy, v.message]);
        const fromRecord = evaluateEstatePolicies(checked.projects as never, {}, NOW).map((v) => [v.policy, v.message]);
        assert.deepEqual(fromListing, EXPECTED_DEFAULT);
        assert.deepEqual(fromRecord, EXPECTED_DEFAULT);
    });

    it("show hostile project and key names inert", () => {
        const [v] = evaluateEstatePolicies(
            [
                {
                    id: "proj_x\u001b[2J",
                    name: "pay\u202ements\u0007",
                    status: "active",
                    archivedAt: null,
                    apiKeys: {
                        k: {
                            id: "key_\u009b31m",
                            name: "evil\nname",
                            createdAt: NOW,
                            lastUsedAt: null,
                            ownerProjectAccess: "inactive",
                            owner: { type: "user", id: "u", name: "\u001b]8;;http://x\u0007" },
                        },
                    },
                    serviceAccounts: null,
                },
            ],
            {},
            NOW,
        );
        assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/.test(v.message), v.message);
        assert.match(
            v.message,
            /^Project "proj_x\\u001b\[2J" \("pay\\u202ements\\u0007"\): API key "key_\\u009b31m" \("evil\\u000aname"\)/,
        );
    });
});
