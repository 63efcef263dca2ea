import { strict as assert } from "assert";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { NotApplicable, run, validationArgs as harnessArgs } from "./policy-harness";
import { AdminApiKeyInventory, evaluateKeyPolicies, PLUGIN_INVENTORY_TYPE } from "../provider";
import { adminApiKeyPolicies } from "../provider/policy";
import { forProviderConfig, InventoryProvider } from "../provider/inventory/provider";
import { FakeAdminApi } from "../provider/testing";
import type { AdminApiKeyWire } from "../provider/admin-api-key";

const DAY = 86_400;
const NOW = 1_800_000_000;

function wire(
    id: string,
    name: string | null,
    o: {
        age: number;
        lastUsedDaysAgo?: number | null;
        lifetimeDays?: number | null;
        ownerType?: string;
        ownerId?: string;
    },
): AdminApiKeyWire {
    const created = NOW - o.age * DAY;
    return {
        object: "organization.admin_api_key",
        id,
        name,
        redacted_value: "sk-admin...abc",
        created_at: created,
        last_used_at:
            o.lastUsedDaysAgo === null || o.lastUsedDaysAgo === undefined ? null : NOW - o.lastUsedDaysAgo * DAY,
        expires_at: o.lifetimeDays === null || o.lifetimeDays === undefined ? null : created + o.lifetimeDays * DAY,
        owner: {
            type: o.ownerType ?? "user",
            object: "organization.user",
            id: o.ownerId ?? "user_ada",
            name: "Ada Lovelace",
            role: "owner",
        },
    };
}

/** A realistic organization: one compliant key and three that break rules. */
const ORG: AdminApiKeyWire[] = [
    wire("key_good", "ci-deploy", { age: 10, lastUsedDaysAgo: 0.1, lifetimeDays: 90 }),
    wire("key_old", "old-admin", { age: 400, lastUsedDaysAgo: 100, lifetimeDays: null }),
    wire("key_named", "Bad Name", {
        age: 30,
        lastUsedDaysAgo: null,
        lifetimeDays: 400,
        ownerType: "service_account",
        ownerId: "svc_tf",
    }),
    wire("key_anon", null, {
        age: 5,
        lastUsedDaysAgo: null,
        lifetimeDays: 30,
        ownerType: "organization",
        ownerId: "org_x",
    }),
];

const EXPECTED_DEFAULT = [
    [
        "openai-admin-key-max-age",
        'Admin API key key_old ("old-admin") is 400 days old, over the 365-day limit. Rotate it: create a new admin key, move its users to it, then delete this one.',
    ],
    [
        "openai-admin-key-unused",
        'Admin API key key_old ("old-admin") has not been used for 100 days (limit 90). Delete it if nothing needs it any more.',
    ],
    [
        "openai-admin-key-unused",
        'Admin API key key_named ("Bad Name") has never been used in the 30 days since it was created (limit 14). Delete it if nothing needs it.',
    ],
    [
        "openai-admin-key-expiry",
        'Admin API key key_old ("old-admin") never expires. Replace it with a key created with an expiry (expires_in_seconds) of at most 365 days.',
    ],
    [
        "openai-admin-key-expiry",
        'Admin API key key_named ("Bad Name") expires 400 days after creation, later than the 365-day limit. Replace it with a shorter-lived key.',
    ],
    [
        "openai-admin-key-naming",
        'Admin API key key_named ("Bad Name") has a name that does not match /^[a-z0-9]+(-[a-z0-9]+)*$/. Rename it in the OpenAI dashboard (Settings > Admin keys).',
    ],
    [
        "openai-admin-key-naming",
        "Admin API key key_anon (unnamed) has no name; names must match /^[a-z0-9]+(-[a-z0-9]+)*$/. Name it in the OpenAI dashboard (Settings > Admin keys).",
    ],
    [
        "openai-admin-key-owner",
        "Admin API key key_anon (unnamed) is owned by Ada Lovelace (organization); allowed owner types are user, service_account. Recreate it under an allowed owner and delete this one.",
    ],
];

function validationArgs(
    props: Record<string, unknown>,
    config: Record<string, unknown> = {},
    type = AdminApiKeyInventory.__pulumiType,
): ResourceValidationArgs {
    return harnessArgs(props, config, type, "admin-keys");
}

describe("admin key rules (plain functions)", () => {
    const keys = () =>
        ORG.map((w) => ({
            id: w.id,
            name: w.name ?? null,
            createdAt: w.created_at,
            expiresAt: w.expires_at ?? null,
            lastUsedAt: w.last_used_at ?? null,
            owner: { type: w.owner!.type ?? null, id: w.owner!.id ?? null, name: w.owner!.name ?? null },
        }));

    it("report exactly the broken rules of a failing inventory, naming each key", () => {
        const v = evaluateKeyPolicies(keys(), { maxKeys: 10 }, NOW);
        assert.deepEqual(
            v.map((x) => [x.policy, x.message]),
            EXPECTED_DEFAULT,
        );
        assert.ok(v.every((x) => !x.message.includes("sk-admin")));
    });

    it("report nothing for a passing inventory", () => {
        assert.deepEqual(evaluateKeyPolicies(keys().slice(0, 1), {}, NOW), []);
    });

    it("apply config overrides", () => {
        const v = evaluateKeyPolicies(
            keys(),
            {
                maxKeyAgeDays: 500,
                maxUnusedDays: 120,
                neverUsedGraceDays: 60,
                requireExpiry: false,
                maxLifetimeDays: 500,
                namePattern: ".*",
                allowedOwnerTypes: ["user", "service_account", "organization"],
                allowedOwnerIds: ["user_ada", "org_x"],
                maxKeys: 3,
            },
            NOW,
        );
        assert.deepEqual(
            v.map((x) => [x.policy, x.keyId ?? null, x.message]),
            [
                [
                    "openai-admin-key-naming",
                    "key_anon",
                    "Admin API key key_anon (unnamed) has no name; names must match /.*/. Name it in the OpenAI dashboard (Settings > Admin keys).",
                ],
                [
                    "openai-admin-key-owner",
                    "key_named",
                    'Admin API key key_named ("Bad Name") is owned by Ada Lovelace (service_account), who is not on the allowlist of admin key owners. Recreate it under an allowed owner, or add the owner to allowedOwnerIds.',
                ],
                [
                    "openai-admin-key-count",
                    null,
                    "The organization has 4 admin API keys, over the limit of 3. Delete 1 unused or duplicate keys (oldest: key_old, key_named, key_good).",
                ],
            ],
        );
    });
});

describe("CrossGuard admin key policies", () => {
    let api: FakeAdminApi;
    let impl: InventoryProvider;
    let checked: Record<string, unknown>;
    const policies = () => adminApiKeyPolicies({ now: () => NOW });
    const byName = (name: string) => policies().find((p) => p.name === name)!;

    before(async () => {
        // The fake's clock is NOW, so recorded usage is relative to it.
        api = await FakeAdminApi.start({ keys: ORG });
        impl = forProviderConfig({
            config: {
                get: (k: string) =>
                    (({ "openai:adminKey": api.adminKey, "openai:baseUrl": api.baseUrl }) as Record<string, string>)[k],
            },
        });
        const realNow = Date.now;
        Date.now = () => NOW * 1000;
        try {
            checked = (await impl.check({}, {})).inputs;
        } finally {
            Date.now = realNow;
        }
    });
    after(() => api.stop());

    it("are six, each with a configSchema with defaults and an enforcement level", () => {
        assert.deepEqual(
            policies().map((p) => [
                p.name,
                p.enforcementLevel,
                Object.keys((p.configSchema as { properties: object }).properties),
            ]),
            [
                ["openai-admin-key-max-age", "mandatory", ["maxKeyAgeDays"]],
                ["openai-admin-key-unused", "advisory", ["maxUnusedDays", "neverUsedGraceDays"]],
                ["openai-admin-key-expiry", "mandatory", ["requireExpiry", "maxLifetimeDays"]],
                ["openai-admin-key-naming", "advisory", ["namePattern"]],
                ["openai-admin-key-owner", "mandatory", ["allowedOwnerTypes", "allowedOwnerIds"]],
                ["openai-admin-key-count", "mandatory", ["maxKeys"]],
            ],
        );
        assert.equal(
            adminApiKeyPolicies({ enforcementLevel: { "openai-admin-key-naming": "mandatory" } })[3].enforcementLevel,
            "mandatory",
        );
    });

    it("report exactly the default violations on the inventory's checked inputs", async () => {
        const all: Array<[string, string]> = [];
        for (const p of policies()) {
            const r = await run(p, validationArgs(checked, { maxKeys: 10 }));
            assert.ok(Array.isArray(r), `${p.name} was not applicable`);
            for (const m of r) all.push([p.name, m]);
        }
        assert.deepEqual(all, EXPECTED_DEFAULT);
    });

    it("apply defaults in code when the pack has no config", async () => {
        assert.deepEqual(await run(byName("openai-admin-key-count"), validationArgs(checked, {})), []);
        assert.deepEqual(await run(byName("openai-admin-key-count"), validationArgs(checked, { maxKeys: 2 })), [
            "The organization has 4 admin API keys, over the limit of 2. Delete 2 unused or duplicate keys (oldest: key_old, key_named, key_good).",
        ]);
    });

    it("use config overrides", async () => {
        assert.deepEqual(
            await run(byName("openai-admin-key-max-age"), validationArgs(checked, { maxKeyAgeDays: 500 })),
            [],
        );
        assert.deepEqual(
            await run(
                byName("openai-admin-key-unused"),
                validationArgs(checked, { maxUnusedDays: 99, neverUsedGraceDays: 31 }),
            ),
            [
                'Admin API key key_old ("old-admin") has not been used for 100 days (limit 99). Delete it if nothing needs it any more.',
            ],
        );
        assert.deepEqual(
            await run(
                byName("openai-admin-key-owner"),
                validationArgs(checked, { allowedOwnerTypes: ["service_account"] }),
            ).then((r) => (r as string[]).length),
            3,
        );
    });

    it("pass a compliant inventory", async () => {
        const good = { ...checked, keys: { key_good: (checked.keys as Record<string, unknown>).key_good } };
        for (const p of policies()) assert.deepEqual(await run(p, validationArgs(good)), [], p.name);
    });

    it("are not applicable while the keys are unknown in preview", async () => {
        const { unknownObjectValue } = require("@pulumi/policy/proxy");
        for (const p of policies()) {
            const unknown = await run(p, validationArgs({ ...checked, keys: unknownObjectValue }));
            assert.ok(unknown instanceof NotApplicable, p.name);
            assert.match(unknown.message, /not known yet/);
            const absent = await run(p, validationArgs({ baseUrl: "https://api.openai.com/v1" }));
            assert.ok(absent instanceof NotApplicable, p.name);
        }
    });

    it("ignore other resource types", async () => {
        const r = await run(
            byName("openai-admin-key-count"),
            validationArgs(checked, { maxKeys: 0 }, "aws:s3/bucket:Bucket"),
        );
        assert.ok(r instanceof NotApplicable);
        assert.match(r.message, /pulumi-nodejs:dynamic\/openai:AdminApiKeyInventory/);
    });

    it("check the provider plugin's inventory exactly as the dynamic one", async () => {
        for (const p of adminApiKeyPolicies({ now: () => NOW })) {
            const dynamic = await run(p, validationArgs(checked, { maxKeys: 0 }));
            const plugin = await run(p, validationArgs(checked, { maxKeys: 0 }, PLUGIN_INVENTORY_TYPE));
            assert.deepEqual(plugin, dynamic, p.name);
        }
        const count = await run(
            byName("openai-admin-key-count"),
            validationArgs(checked, { maxKeys: 0 }, PLUGIN_INVENTORY_TYPE),
        );
        assert.ok(Array.isArray(count) && count.length === 1, "the count policy reports the plugin's keys");
    });
});
