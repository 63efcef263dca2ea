import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    compareInventories,
    ESTATE_INVENTORY_TYPE,
    EstateInventory,
    INVENTORY_TYPE,
    listOrganizationApiKeys,
    PLUGIN_ESTATE_INVENTORY_TYPE,
    renderDriftJson,
    renderDriftMarkdown,
    toEstateInventory,
    toInventory,
    VERSION,
} from "../provider";
import { renderDriftLines } from "../provider/drift/report";
import { main as driftCli } from "../provider/drift/cli";
import { FakeAdminApi, FakeProject, seedEstate } from "../provider/testing";
import { estateFixture, NOW, projectKey } from "./estate-fixture";
import { projectFromWire } from "../provider/project";
import { projectApiKeyFromWire } from "../provider/project-api-key";
import { projectServiceAccountsEndpoint } from "../provider/project-service-account";
import { FAST } from "./helpers";

async function liveEstate(api: FakeAdminApi): Promise<EstateInventory> {
    const e = await listOrganizationApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, listOptions: FAST });
    return toEstateInventory(e, { includeArchived: true, providerVersion: VERSION, now: NOW });
}

/** A stack export with the given inventories (name, type, recorded). */
function stackExport(inventories: Array<[string, string, object]>): object {
    return {
        version: 3,
        deployment: {
            resources: [
                { urn: "urn:pulumi:dev::keys::pulumi:pulumi:Stack::keys-dev", type: "pulumi:pulumi:Stack" },
                ...inventories.map(([name, type, recorded]) => ({
                    urn: `urn:pulumi:dev::keys::${type}::${name}`,
                    custom: true,
                    type,
                    inputs: recorded,
                    outputs: recorded,
                })),
            ],
        },
    };
}

/** Runs the drift command on `file`; returns its exit code and output. */
async function cli(api: FakeAdminApi, argv: string[]) {
    let out = "";
    let err = "";
    process.env.OPENAI_ADMIN_KEY = api.adminKey;
    try {
        const code = await driftCli(
            [...argv, "--base-url", api.baseUrl],
            (s) => (out += s),
            (s) => (err += s),
        );
        return { code, out, err };
    } finally {
        delete process.env.OPENAI_ADMIN_KEY;
    }
}

describe("estate drift report", () => {
    let api: FakeAdminApi;
    let recorded: EstateInventory;
    let dir: string;

    beforeEach(async () => {
        api = await FakeAdminApi.start({ seed: { count: 2, now: NOW }, estate: estateFixture() });
        recorded = await liveEstate(api);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-drift-"));
    });
    afterEach(async () => {
        await api.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    function changeOutOfBand() {
        api.estate.updateApiKey("proj_payments", "key_pay_good", { owner_project_access: "inactive" });
        api.estate.deleteApiKey("proj_crowded", "key_crowd_2");
        api.estate.addApiKey("proj_crowded", projectKey("key_crowd_9", { age: 1 }));
        api.estate.archiveProject("proj_crowded", NOW - 86_400);
        api.estate.addProject({
            project: {
                object: "organization.project",
                id: "proj_new",
                name: "new",
                created_at: NOW - 100,
                archived_at: null,
                status: "active",
            },
            apiKeys: [projectKey("key_new_1", { age: 0 })],
            serviceAccounts: [],
        });
    }

    it("finds no drift in an unchanged estate", async () => {
        const r = compareInventories(recorded, await liveEstate(api));
        assert.equal(r.hasDrift, false);
        assert.deepEqual(r.estate!.projects, []);
        assert.match(renderDriftMarkdown(r), /^### OpenAI organization keys: no drift\n/);
        assert.deepEqual(renderDriftLines(r), []);
    });

    it("groups created, deleted and changed keys by project, with projects created and archived", async () => {
        changeOutOfBand();
        const r = compareInventories(recorded, await liveEstate(api));
        assert.equal(r.hasDrift, true);
        assert.deepEqual(r.estate!.counts, {
            projectsCreated: 1,
            projectsDeleted: 0,
            projectsArchived: 1,
            projectsChanged: 1,
            keysCreated: 2,
            keysDeleted: 1,
            keysChanged: 1,
            ownersLostAccess: 1,
            serviceAccountsCreated: 0,
            serviceAccountsDeleted: 0,
            serviceAccountsChanged: 0,
            usageOnly: 0,
        });
        assert.deepEqual(
            r.estate!.projects.map((p) => [p.id, p.change, p.archived]),
            [
                ["proj_payments", "changed", false],
                ["proj_crowded", "changed", true],
                ["proj_new", "created", false],
            ],
        );
        const crowded = r.estate!.projects[1];
        assert.deepEqual(
            crowded.fields.map((f) => [f.field, f.before, f.after]),
            [
                ["status", "active", "archived"],
                ["archivedAt", null, NOW - 86_400],
            ],
        );
        assert.deepEqual(
            crowded.apiKeys.created.map((k) => k.id),
            ["key_crowd_9"],
        );
        assert.deepEqual(
            crowded.apiKeys.deleted.map((k) => k.id),
            ["key_crowd_2"],
        );
        assert.deepEqual(JSON.parse(renderDriftJson(r)), JSON.parse(JSON.stringify(r)));
    });

    it("renders Markdown with the summary first and each project's details collapsible", async () => {
        changeOutOfBand();
        const md = renderDriftMarkdown(
            compareInventories(recorded, await liveEstate(api), new Date("2026-12-02T00:00:00Z")),
        );
        const lines = md.split("\n");
        assert.equal(lines[0], "### OpenAI organization keys: drift detected");
        assert.ok(md.indexOf("| project API keys | 2 | 1 | 1 (1 owners lost access) |") < md.indexOf("<details>"), md);
        assert.deepEqual(
            lines.filter((l) => l.startsWith("<details>")),
            [
                "<details><summary><code>proj_payments</code> payments: 1 key changed</summary>",
                "<details><summary><code>proj_crowded</code> crowded: archived outside code, 1 key created, 1 key deleted</summary>",
                "<details><summary><code>proj_new</code> new: project created outside code, 1 key created</summary>",
            ],
        );
        assert.ok(
            md.includes("| `key_pay_good` | `key_pay_good-name` | ownerProjectAccess | `active` | `inactive` |"),
            md,
        );
    });

    it("keeps hostile project and key names inert in Markdown, HTML summaries and lines", async () => {
        const evil = "</summary><img src=x onerror=alert(1)> `x` | @team \u001b[31m";
        api.estate.addProject({
            project: {
                object: "organization.project",
                id: "proj_evil",
                name: evil,
                created_at: NOW - 100,
                archived_at: null,
                status: "active",
            },
            apiKeys: [projectKey("key_evil", { age: 0, name: evil })],
            serviceAccounts: [],
        });
        api.estate.updateApiKey("proj_payments", "key_pay_good", { name: evil });
        const r = compareInventories(recorded, await liveEstate(api));
        const md = renderDriftMarkdown(r);
        // Outside code spans (where HTML is literal text), no markup from a name survives.
        const outsideCode = md.replace(/`[^`\n]*`/g, "");
        assert.ok(!outsideCode.includes("<img"), md);
        assert.ok(!outsideCode.includes("</summary><"), md);
        assert.ok(!/[\u001b]/.test(md));
        assert.ok(md.includes("&lt;/summary&gt;&lt;img src=x onerror=alert(1)&gt;"), md);
        for (const line of md.split("\n").filter((l) => l.startsWith("| `key_pay_good`")))
            assert.equal(line.split(" | ").length, 5, line); // the pipe in the name did not split the row
        for (const line of renderDriftLines(r)) assert.ok(!/[\u0000-\u001f]/.test(line), line);
    });

    it("stays short at 300 projects: one collapsible section per project with drift only", () => {
        const seeded = seedEstate({ projects: 300, seed: 9, now: NOW });
        const before = toEstateInventory(
            { adminKeys: [], projects: seeded.map(credentials), baseUrl: "https://api.openai.com/v1" },
            { includeArchived: true, providerVersion: VERSION, now: NOW },
        );
        const changed = structuredClone(before);
        const ids = Object.keys(changed.projects);
        for (const id of [ids[3], ids[150], ids[299]]) {
            const keys = changed.projects[id].apiKeys;
            const first = Object.keys(keys)[0];
            if (first) delete keys[first];
            else keys.key_added = { ...Object.values(before.projects[ids[0]].apiKeys)[0], id: "key_added" };
        }
        const md = renderDriftMarkdown(compareInventories(before, changed));
        assert.equal(md.match(/<details>/g)!.length, 3);
        assert.match(md, /#### Projects: 300 live, 300 recorded/);
        assert.ok(md.split("\n").length < 80, `${md.split("\n").length} lines`);
    });

    it("the command compares an estate export, exits 2 on drift and 0 once clean", async () => {
        const file = path.join(dir, "stack.json");
        fs.writeFileSync(file, JSON.stringify(stackExport([["estate", ESTATE_INVENTORY_TYPE, recorded]])));
        const clean = await cli(api, ["--state", file]);
        assert.equal(clean.code, 0, clean.err);
        assert.match(clean.out, /^### OpenAI organization keys: no drift/);
        changeOutOfBand();
        const drift = await cli(api, ["--state", file, "--format", "json"]);
        assert.equal(drift.code, 2, drift.err);
        assert.equal(JSON.parse(drift.out).estate.counts.keysCreated, 2);
        assert.ok(!(drift.out + drift.err).includes(api.adminKey));
    });

    it("the command compares both inventories of a stack, listing the estate once for both", async () => {
        const admin = toInventory([], { baseUrl: api.baseUrl, providerVersion: VERSION });
        const adminRecorded = { ...admin, keys: recorded.adminKeys, count: Object.keys(recorded.adminKeys).length };
        const file = path.join(dir, "both.json");
        fs.writeFileSync(
            file,
            JSON.stringify(
                stackExport([
                    ["admin-keys", INVENTORY_TYPE, adminRecorded],
                    ["estate", PLUGIN_ESTATE_INVENTORY_TYPE, recorded],
                ]),
            ),
        );
        const before = api.requests.length;
        const res = await cli(api, ["--state", file]);
        assert.equal(res.code, 0, res.err);
        assert.deepEqual(res.out.match(/^## .*$/gm), ["## `admin-keys`", "## `estate`"]);
        const made = api.requests.slice(before);
        assert.equal(made.filter((r) => r.path === "/organization/projects").length, 1);
        assert.equal(made.filter((r) => r.path === "/organization/admin_api_keys").length, 1);
        const saved = await cli(api, ["--state", file, "--save-live", path.join(dir, "live.json")]);
        assert.equal(saved.code, 1);
        assert.match(
            saved.err,
            /--save-live saves one listing, and the state file has 2 inventories: pick one with --resource \("admin-keys", "estate"\)/,
        );
    });

    it("the command reads a saved estate listing back as the recorded side", async () => {
        const file = path.join(dir, "stack.json");
        const live = path.join(dir, "live.json");
        fs.writeFileSync(file, JSON.stringify(stackExport([["estate", ESTATE_INVENTORY_TYPE, recorded]])));
        assert.equal((await cli(api, ["--state", file, "--save-live", live])).code, 0);
        changeOutOfBand();
        const res = await cli(api, ["--inventory", live]);
        assert.equal(res.code, 2, res.err);
        assert.match(res.out, /proj_new/);
    });
});

/** A fake project as the estate listing returns it, through the listing's own converters. */
function credentials(p: FakeProject) {
    return {
        project: projectFromWire(p.project),
        apiKeys: p.apiKeys.map((k) => projectApiKeyFromWire(k)),
        serviceAccounts:
            p.project.status === "archived"
                ? null
                : p.serviceAccounts.map((a) => projectServiceAccountsEndpoint(p.project.id).convert(a, new Map())),
    };
}
