/**
 * The estate beside the admin keys: projects, each project's API keys and service accounts,
 * complete or an error, against the fake Admin API with OpenAI's documented behaviour: archived
 * projects only when asked for, keys of owners without access only with owner_project_access=any,
 * 400 for an archived project's service accounts.
 */
import { strict as assert } from "assert";
import {
    AuthenticationError,
    BadRequestError,
    getOrganizationApiKeys,
    getOrganizationApiKeysOutput,
    getProjectApiKeys,
    getProjects,
    getProjectServiceAccounts,
    listOrganizationApiKeys,
    NotFoundError,
    ServerError,
} from "../provider";
import { createPlugin } from "../provider/plugin/provider";
import { packageSchema } from "../provider/plugin/schema";
import { FakeAdminApi, FakeProject, seedEstate } from "../provider/testing";
import { FAST, rejection } from "./helpers";
import { mockDeployment, settle } from "./pulumi-helpers";

const estate = seedEstate({ projects: 24, seed: 4, now: 1_790_000_000 });
const archived = estate.filter((p) => p.project.status === "archived");
const big = estate.find((p) => p.apiKeys.length > 200)!;
const withInactive = estate.find((p) => p.apiKeys.some((k) => k.owner_project_access === "inactive"))!;
const sorted = (p: FakeProject) => [...p.apiKeys].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));

describe("the estate", function () {
    this.timeout(30_000);
    let api: FakeAdminApi;
    const conn = () => ({ adminKey: api.adminKey, baseUrl: api.baseUrl, listOptions: FAST });

    beforeEach(async () => {
        api = await FakeAdminApi.start({ seed: { count: 3 }, estate });
    });
    afterEach(async () => api.stop());

    it("has archived projects, a project of hundreds of keys, and owners without access (the seed)", () => {
        assert.ok(archived.length > 0 && big && withInactive);
    });

    it("lists every project, archived ones included, unless includeArchived is false", async () => {
        const all = await getProjects(conn());
        assert.deepEqual(
            all.ids,
            api.estate.all.map((p) => p.project.id),
        );
        assert.equal(all.includeArchived, true);
        assert.equal(api.requests[0].query.include_archived, "true");
        const archivedOne = all.projects.find((p) => p.id === archived[0].project.id)!;
        assert.deepEqual(archivedOne, {
            id: archived[0].project.id,
            name: archived[0].project.name,
            status: "archived",
            createdAt: archived[0].project.created_at,
            archivedAt: archived[0].project.archived_at,
        });
        const active = await getProjects({ ...conn(), includeArchived: false });
        assert.equal(active.ids.length, estate.length - archived.length);
    });

    it("lists every key of a project, owners without access included, with the owner flattened", async () => {
        const { keys, ids } = await getProjectApiKeys({ ...conn(), projectId: withInactive.project.id });
        assert.deepEqual(
            ids,
            sorted(withInactive).map((k) => k.id),
        );
        assert.equal(
            api.requests.every((r) => r.query.owner_project_access === "any"),
            true,
        );
        const inactive = keys.filter((k) => k.ownerProjectAccess === "inactive");
        assert.equal(inactive.length, withInactive.apiKeys.filter((k) => k.owner_project_access === "inactive").length);
        const wire = withInactive.apiKeys.find((k) => k.owner?.type === "user")!;
        const user = keys.find((k) => k.id === wire.id)!;
        assert.deepEqual(user.owner, {
            type: "user",
            id: wire.owner!.user!.id,
            name: wire.owner!.user!.name,
            email: wire.owner!.user!.email,
            role: wire.owner!.user!.role,
            createdAt: wire.owner!.user!.created_at,
        });
        assert.ok(Object.isFrozen(keys[0]));
    });

    it("follows the cursor through a project of hundreds of keys", async () => {
        const { ids } = await getProjectApiKeys({ ...conn(), projectId: big.project.id });
        assert.deepEqual(
            ids,
            sorted(big).map((k) => k.id),
        );
        assert.ok(api.requests.length >= 3);
    });

    it("lists a project's service accounts, and fails with BadRequestError for an archived project's", async () => {
        const active = estate.find((p) => p.project.status !== "archived" && p.serviceAccounts.length > 0)!;
        const { ids } = await getProjectServiceAccounts({ ...conn(), projectId: active.project.id });
        assert.deepEqual(ids.sort(), active.serviceAccounts.map((a) => a.id).sort());
        const err = await rejection(getProjectServiceAccounts({ ...conn(), projectId: archived[0].project.id }));
        assert.ok(BadRequestError.isInstance(err));
        assert.match(err.message, /Project is archived/);
    });

    it("lists the whole estate completely: every project, every key, every service account", async () => {
        const result = await listOrganizationApiKeys(conn());
        assert.deepEqual(
            result.adminKeys.map((k) => k.id),
            api.keys.map((k) => k.id),
        );
        assert.deepEqual(
            result.projects.map((p) => p.project.id),
            api.estate.all.map((p) => p.project.id),
        );
        for (const p of result.projects) {
            const fake = api.estate.project(p.project.id);
            assert.deepEqual(
                p.apiKeys.map((k) => k.id),
                sorted(fake).map((k) => k.id),
                p.project.id,
            );
            if (fake.project.status === "archived") assert.equal(p.serviceAccounts, null);
            else
                assert.deepEqual(
                    p.serviceAccounts!.map((a) => a.id).sort(),
                    fake.serviceAccounts.map((a) => a.id).sort(),
                );
        }
        const keys = estate.reduce((n, p) => n + p.apiKeys.length, 0);
        assert.equal(result.stats.projectApiKeys, keys);
        assert.equal(result.stats.projects, estate.length);
        assert.equal(result.stats.requests, api.requests.length);
        // An archived project's service accounts are never asked for (OpenAI answers 400).
        assert.ok(!api.requests.some((r) => r.status === 400));
    });

    it("lists only the projects asked for, and refuses one the organization does not have", async () => {
        const ids = [estate[3].project.id, estate[1].project.id];
        const result = await listOrganizationApiKeys({ ...conn(), projectIds: ids });
        assert.deepEqual(
            result.projects.map((p) => p.project.id),
            ids,
        );
        assert.deepEqual([...new Set(api.requests.map((r) => r.projectId).filter(Boolean))].sort(), [...ids].sort());
        const before = api.requests.length;
        const err = await rejection(listOrganizationApiKeys({ ...conn(), projectIds: ["proj_nope"] }));
        assert.ok(NotFoundError.isInstance(err));
        assert.equal((err as NotFoundError).projectId, "proj_nope");
        assert.ok(
            !api.requests.slice(before).some((r) => r.projectId !== undefined),
            "listed keys of projects not asked for",
        );
    });

    it("fails the whole estate when one project fails for good, naming the project and the endpoint", async () => {
        const victim = estate[5].project.id;
        api.inject({
            kind: "server-error",
            status: 503,
            path: "/organization/projects/{project_id}/api_keys",
            projectId: victim,
            times: Infinity,
        });
        const err = await rejection(listOrganizationApiKeys(conn()));
        assert.ok(ServerError.isInstance(err), `${err.name}: ${err.message}`);
        assert.match(
            err.message,
            new RegExp(
                `^The estate listing failed at project ${victim} \\(/organization/projects/${victim}/api_keys\\): OpenAI answered 503 on every retry`,
            ),
        );
        assert.match(err.message, /No partial estate was returned\.$/);
        assert.equal((err as ServerError).projectId, victim);
        assert.equal((err as ServerError).endpoint, `/organization/projects/${victim}/api_keys`);
    });

    it("fails with the first failure's own error when the admin keys and the projects are both refused", async () => {
        // Both listings start together; whichever fails first, the other is abandoned, never reported.
        const err = await rejection(listOrganizationApiKeys({ ...conn(), adminKey: `${api.adminKey}-revoked` }));
        assert.ok(AuthenticationError.isInstance(err), `${err.name}: ${err.message}`);
        assert.doesNotMatch(err.message, /abandoned/);
    });

    it("checks its arguments before anything is sent", async () => {
        for (const [args, message] of [
            [{ projectIds: "proj_1" }, /^projectIds must be a list of strings/],
            [{ projectIds: ["../admin"] }, /^projectIds\[0\] must be a project id such as proj_abc123/],
            [{ concurrency: 0 }, /^concurrency must be a whole number from 1 to 32; got 0\.$/],
            [{ includeArchived: "yes" }, /^includeArchived must be true or false/],
            [{ projectId: "p" }, /^listOrganizationApiKeys has no argument "projectId"/],
        ] as const) {
            const err = await rejection(listOrganizationApiKeys({ ...conn(), ...(args as object) }));
            assert.match(err.message, message);
        }
        const err = await rejection(getProjectApiKeys({ ...conn(), projectId: "proj_1/../../admin_api_keys" }));
        assert.match(err.message, /^projectId must be a project id/);
        assert.equal(api.calls.length, 0);
    });

    it("gives a program the estate as an Output, known in preview", async () => {
        await mockDeployment("estate-test", { dryRun: true });
        const out = await settle(
            getOrganizationApiKeysOutput({ adminKey: api.adminKey, baseUrl: api.baseUrl, listOptions: FAST }),
        );
        assert.equal(out.known, true);
        assert.equal(out.secret, false);
        assert.equal(out.value.projects.length, estate.length);
        assert.match(out.value.id, /^openai-organization-api-keys-[0-9a-f]+$/);
        assert.ok(!JSON.stringify(out.value).includes(api.adminKey));
    });

    it("serves the same estate through the provider plugin, whose schema declares every field it returns", async () => {
        const plugin = createPlugin();
        const urn = "urn:pulumi:dev::p::pulumi:providers:openai-admin-keys::default";
        plugin.settings.checkConfig(urn, { adminKey: api.adminKey, baseUrl: api.baseUrl });
        plugin.settings.configure(urn, { baseUrl: api.baseUrl });
        const out = (await plugin.provider.invoke!("openai-admin-keys:index:getOrganizationApiKeys", {}))
            .outputs as Record<string, unknown>;
        const direct = await getOrganizationApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl });
        assert.deepEqual((out.projects as unknown[]).length, direct.projects.length);
        assert.deepEqual(out.projects, JSON.parse(JSON.stringify(direct.projects)));
        const schema = packageSchema() as {
            types: Record<string, { properties: object }>;
            functions: Record<string, { outputs: { properties: object } }>;
        };
        const fields = (t: string) => Object.keys(schema.types[`openai-admin-keys:index:${t}`].properties).sort();
        const fn = schema.functions["openai-admin-keys:index:getOrganizationApiKeys"].outputs as {
            properties: object;
            required: string[];
        };
        for (const k of Object.keys(out)) assert.ok(k in fn.properties, `${k} is returned but not declared`);
        for (const k of fn.required) assert.ok(k in out, `${k} is declared required but not returned`);
        const p = direct.projects.find((x) => x.apiKeys.length > 0 && x.serviceAccounts?.length)!;
        assert.deepEqual(fields("ProjectCredentials"), Object.keys(p).sort());
        assert.deepEqual(fields("Project"), Object.keys(p.project).sort());
        assert.deepEqual(fields("ProjectApiKey"), Object.keys(p.apiKeys[0]).sort());
        assert.deepEqual(fields("ProjectApiKeyOwner"), Object.keys(p.apiKeys[0].owner).sort());
        assert.deepEqual(fields("ProjectServiceAccount"), Object.keys(p.serviceAccounts![0]).sort());
        assert.deepEqual(fields("EstateStats"), Object.keys(direct.stats).sort());
        const bad = await plugin.provider.invoke!("openai-admin-keys:index:getProjectApiKeys", { concurrency: 2 });
        assert.deepEqual(bad.failures, [
            { property: "concurrency", reason: 'getProjectApiKeys has no argument "concurrency".' },
            { property: "projectId", reason: "getProjectApiKeys needs projectId." },
        ]);
    });
});
