import { strict as assert } from "assert";
import { FakeAdminApi } from "../provider/testing";
import { createEstateInventoryProvider, InventoryProvider } from "../provider/inventory/provider";
import { EstateInventory } from "../provider/inventory/recorded-estate";
import { UNKNOWN } from "../provider/internal/pulumi-wire";
import { PermissionDeniedError } from "../provider";
import { rejection } from "./helpers";
import { DAY, estateFixture, NOW, projectKey } from "./estate-fixture";

/** Runs `fn` with the clock at NOW (the fixture's), so recorded usage is exact. */
async function atNow<T>(fn: () => Promise<T>): Promise<T> {
    const real = Date.now;
    Date.now = () => NOW * 1000;
    try {
        return await fn();
    } finally {
        Date.now = real;
    }
}

describe("estate inventory provider", () => {
    let api: FakeAdminApi;
    let impl: InventoryProvider;
    const args = () => ({ adminKey: api.adminKey, baseUrl: api.baseUrl });
    /** Checks with `olds`, returning the checked inputs and the drift lines it reported. */
    async function check(olds: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
        const lines: string[] = [];
        const r = await atNow(() => impl.check(olds, { ...args(), ...extra }, (l) => lines.push(...l)));
        return { inputs: r.inputs as Record<string, unknown>, failures: r.failures, lines };
    }

    beforeEach(async () => {
        api = await FakeAdminApi.start({ keys: [], estate: estateFixture() });
        impl = createEstateInventoryProvider(() => undefined);
    });
    afterEach(() => api.stop());

    it("records every project with its keys and service accounts by id, and counts per kind", async () => {
        const { inputs } = await check();
        const inv = EstateInventory.parse(inputs);
        assert.deepEqual(Object.keys(inv.projects), ["proj_legacy", "proj_payments", "proj_crowded"]);
        assert.deepEqual(Object.keys(inv.projects.proj_payments.apiKeys), [
            "key_pay_left",
            "key_pay_svc",
            "key_pay_good",
        ]);
        assert.deepEqual(inv.projects.proj_payments.apiKeys.key_pay_left, {
            id: "key_pay_left",
            name: "key_pay_left-name",
            redactedValue: "sk-proj-...left",
            createdAt: NOW - 200 * DAY,
            usage: "stale",
            lastUsedAt: Math.floor((NOW - 100 * DAY) / DAY) * DAY,
            ownerProjectAccess: "inactive",
            owner: {
                type: "user",
                id: "user_grace",
                name: "Grace Hopper",
                email: "ada@example.com",
                role: "member",
                createdAt: NOW - 900 * DAY,
            },
        });
        assert.equal(inv.projects.proj_payments.apiKeys.key_pay_good.usage, "recent");
        assert.equal(inv.projects.proj_payments.apiKeys.key_pay_good.lastUsedAt, null);
        assert.deepEqual(Object.keys(inv.projects.proj_payments.serviceAccounts!), [
            "user-svc_idle",
            "user-svc_deploy",
        ]);
        // OpenAI does not list an archived project's service accounts: recorded as null, not as none.
        assert.equal(inv.projects.proj_legacy.serviceAccounts, null);
        assert.deepEqual(inv.counts, {
            projects: 3,
            archivedProjects: 1,
            adminKeys: 0,
            projectApiKeys: 7,
            serviceAccounts: 2,
            ownerWithoutAccess: 1,
        });
        assert.deepEqual(inv.projects.proj_payments.counts, { apiKeys: 3, serviceAccounts: 2, ownerWithoutAccess: 1 });
        assert.equal(inv.includeArchived, true);
        assert.ok(!JSON.stringify(inputs).includes(api.adminKey));
    });

    it("checks to the same inputs for an unchanged estate, however recently keys were used", async () => {
        const first = await check();
        api.estate.updateApiKey("proj_payments", "key_pay_good", { last_used_at: NOW - 60 });
        const second = await check(first.inputs);
        assert.deepEqual(second.inputs, first.inputs);
        assert.deepEqual(second.lines, []);
    });

    it("reports one drift line per change out of band, naming project, key and field", async () => {
        const { inputs } = await check();
        api.estate.updateApiKey("proj_crowded", "key_crowd_1", { name: "renamed-in-console" });
        api.estate.deleteApiKey("proj_crowded", "key_crowd_2");
        api.estate.addApiKey("proj_crowded", projectKey("key_crowd_9", { age: 1, lastUsedDaysAgo: null }));
        api.estate.updateApiKey("proj_payments", "key_pay_good", { owner_project_access: "inactive" });
        api.estate.addServiceAccount("proj_payments", {
            object: "organization.project.service_account",
            id: "user-svc_new",
            name: "new",
            role: "member",
            created_at: NOW - DAY,
        });
        api.estate.archiveProject("proj_crowded", NOW - DAY);
        api.estate.addProject({
            project: {
                object: "organization.project",
                id: "proj_new",
                name: "made in the console",
                created_at: NOW - 2 * DAY,
                archived_at: null,
                status: "active",
            },
            apiKeys: [projectKey("key_new_1", { age: 1 })],
            serviceAccounts: [],
        });
        const { lines } = await check(inputs);
        assert.deepEqual(lines, [
            'estate drift: project proj_payments "payments": key changed outside code: "key_pay_good" "key_pay_good-name": ownerProjectAccess "active" -> "inactive"',
            'estate drift: project proj_payments "payments": service account created outside code: "user-svc_new" "new"',
            'estate drift: project proj_crowded "crowded": archived outside code',
            'estate drift: project proj_crowded "crowded": key created outside code: "key_crowd_9" "key_crowd_9-name", owner "Ada Lovelace (user, user_ada)"',
            'estate drift: project proj_crowded "crowded": key deleted outside code: "key_crowd_2" "key_crowd_2-name"',
            'estate drift: project proj_crowded "crowded": key changed outside code: "key_crowd_1" "renamed-in-console": name "key_crowd_1-name" -> "renamed-in-console"',
            'estate drift: project proj_new "made in the console": created outside code, with 1 API keys and 0 service accounts',
        ]);
    });

    it("fails the whole check, naming the project, when one project's listing fails", async () => {
        api.faults.push({
            kind: "status",
            status: 403,
            path: "/organization/projects/{project_id}/api_keys",
            projectId: "proj_crowded",
            times: Infinity,
        });
        const err = await rejection(check());
        assert.ok(err instanceof PermissionDeniedError, String(err));
        assert.equal((err as PermissionDeniedError).projectId, "proj_crowded");
        assert.match(
            err.message,
            /^The estate listing failed at project proj_crowded \(\/organization\/projects\/proj_crowded\/api_keys\): /,
        );
        assert.match(err.message, /No partial estate was returned\.$/);
        assert.ok(!err.message.includes(api.adminKey));
    });

    it("lists nothing while an argument or the admin key is unknown", async () => {
        const r = await check({}, { includeArchived: UNKNOWN });
        assert.deepEqual(r.inputs, { baseUrl: api.baseUrl, includeArchived: UNKNOWN });
        const k = await check({}, { adminKey: UNKNOWN });
        assert.deepEqual(k.inputs, { baseUrl: api.baseUrl });
        assert.equal(api.requests.length, 0);
    });

    it("refuses arguments of the wrong kind, naming each, before anything is sent", async () => {
        const r = await check({}, { includeArchived: "yes", concurrency: 99, recentUsageDays: 0.5 });
        assert.deepEqual(r.failures, [
            { property: "recentUsageDays", reason: "recentUsageDays must be a whole number from 1 to 365; got 0.5." },
            { property: "concurrency", reason: "concurrency must be a whole number from 1 to 32; got 99." },
            { property: "includeArchived", reason: 'includeArchived must be true or false; got a string ("yes").' },
        ]);
        assert.equal(api.requests.length, 0);
    });

    it("leaves archived projects out when includeArchived is false", async () => {
        const { inputs } = await check({}, { includeArchived: false });
        assert.deepEqual(Object.keys(inputs.projects as object), ["proj_payments", "proj_crowded"]);
        assert.equal(inputs.includeArchived, false);
    });

    it("creates with the checked estate and refreshes to inputs that preview clean", async () => {
        const { inputs } = await check();
        const created = await impl.create(inputs);
        assert.match(created.id, /^organization-api-keys-[0-9a-f]{12}$/);
        assert.deepEqual(created.outs, EstateInventory.parse(inputs));
        api.estate.deleteApiKey("proj_crowded", "key_crowd_3");
        process.env.OPENAI_ADMIN_KEY = api.adminKey;
        try {
            const read = await atNow(() => impl.read(created.id, { ...inputs }));
            const projects = (read.props as EstateInventory).projects;
            assert.deepEqual(Object.keys(projects.proj_crowded.apiKeys), ["key_crowd_2", "key_crowd_1"]);
            const again = await check(read.inputs);
            assert.deepEqual(again.lines, []);
            assert.ok(!JSON.stringify(read).includes(api.adminKey));
        } finally {
            delete process.env.OPENAI_ADMIN_KEY;
        }
    });
});
