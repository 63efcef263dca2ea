import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    compareInventories,
    INVENTORY_TYPE,
    Inventory,
    listAdminApiKeys,
    renderDriftJson,
    renderDriftMarkdown,
    toInventory,
    VERSION,
} from "../provider";
import { main as driftCli } from "../provider/drift/cli";
import { FakeAdminApi, seedKeys } from "../provider/testing";
import { FAST } from "./helpers";

const NOW = Math.floor(Date.now() / 1000);
const DAY = 86_400;

async function liveInventory(api: FakeAdminApi): Promise<Inventory> {
    const l = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
    return toInventory(l.keys, { baseUrl: l.baseUrl, providerVersion: VERSION });
}

/** A `pulumi stack export` holding one recorded inventory, as the CLI reads it in CI. */
function stackExport(recorded: Inventory): object {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-26T10:00:00Z", magic: "x", version: "v3.200.0" },
            resources: [
                {
                    urn: "urn:pulumi:dev::keys::pulumi:pulumi:Stack::keys-dev",
                    custom: false,
                    type: "pulumi:pulumi:Stack",
                },
                {
                    urn: `urn:pulumi:dev::keys::${INVENTORY_TYPE}::admin-keys`,
                    custom: true,
                    id: "admin-api-keys-0123456789ab",
                    type: INVENTORY_TYPE,
                    inputs: { ...recorded, __provider: "exports.handler = ..." },
                    outputs: { ...recorded, __provider: "exports.handler = ..." },
                },
            ],
        },
    };
}

describe("drift report", () => {
    let api: FakeAdminApi;
    let recorded: Inventory;
    beforeEach(async () => {
        const keys = seedKeys({ count: 40, seed: 17, now: NOW });
        keys[0] = { ...keys[0], last_used_at: NOW - 60 };
        api = await FakeAdminApi.start({ keys });
        recorded = await liveInventory(api);
    });
    afterEach(() => api.stop());

    it("finds no drift when nothing changed", async () => {
        const r = compareInventories(recorded, await liveInventory(api), new Date("2026-11-26T12:00:00Z"));
        assert.equal(r.hasDrift, false);
        assert.deepEqual(r.counts, { unmanaged: 0, missing: 0, changed: 0, usageOnly: 0 });
        assert.equal(r.recordedCount, 40);
        assert.match(renderDriftMarkdown(r), /^### OpenAI admin API keys: no drift\n/);
    });

    it("lists created, deleted and changed keys, and keeps usage-only changes apart", async () => {
        const k = api.keys;
        const created = {
            ...k[3],
            id: "key_console_new01",
            name: "made-by-hand",
            created_at: NOW - 100,
            last_used_at: null,
        };
        api.addKey(created);
        api.deleteKey(k[5].id);
        api.updateKey(k[8].id, { name: "renamed" });
        api.updateKey(k[10].id, {
            owner: { type: "user", object: "organization.user", id: "user_eve", name: "Eve", role: "owner" },
            expires_at: null,
        });
        api.updateKey(k[0].id, { last_used_at: NOW - 10 * DAY }); // recent -> stale: usage only
        const r = compareInventories(recorded, await liveInventory(api), new Date("2026-11-26T12:00:00Z"));
        assert.equal(r.hasDrift, true);
        assert.deepEqual(r.counts, { unmanaged: 1, missing: 1, changed: 2, usageOnly: 1 });
        assert.deepEqual(
            r.unmanaged.map((x) => x.id),
            ["key_console_new01"],
        );
        assert.deepEqual(
            r.missing.map((x) => x.id),
            [k[5].id],
        );
        assert.deepEqual(
            r.changed.map((c) => [c.id, c.changes.map((x) => x.field)]),
            [
                [k[8].id, ["name"]],
                [k[10].id, ["owner", "expiresAt"]],
            ],
        );
        assert.deepEqual(r.changed[0].changes[0], { field: "name", before: k[8].name, after: "renamed" });
        assert.equal(r.changed[1].changes[0].after, "Eve (user, user_eve)");
        assert.deepEqual(r.usageOnly[0].before, { usage: "recent", lastUsedAt: null });
        assert.equal(r.usageOnly[0].after.usage, "stale");
        assert.equal(r.generatedAt, "2026-11-26T12:00:00.000Z");

        const md = renderDriftMarkdown(r);
        assert.match(md, /^### OpenAI admin API keys: drift detected\n/);
        assert.match(
            md,
            /\*\*1\*\* created outside code, \*\*1\*\* deleted outside code, \*\*2\*\* changed; 1 with usage changes only \(not drift\)/,
        );
        assert.match(
            md,
            /#### Created outside code \(not in the stack\)\n\n\| id \| name \| owner \| created \|\n\|---\|---\|---\|---\|\n\| `key_console_new01` \| `made-by-hand` \|/,
        );
        // Every name from the server is a code span: inert Markdown whatever it holds.
        assert.ok(md.includes(`| \`${k[8].id}\` | \`renamed\` | name | \`${k[8].name}\` | \`renamed\` |`), md);
        assert.ok(md.includes(`| \`${k[10].id}\` | \`${k[10].name}\` | expiresAt |`));
        assert.ok(md.includes("| never |"));
        assert.match(md, /<details><summary>Usage changes only \(1, not drift\)<\/summary>/);
        assert.ok(!md.includes(api.adminKey));
        assert.deepEqual(JSON.parse(renderDriftJson(r)), JSON.parse(JSON.stringify(r)));
    });
});

describe("openai-admin-keys-drift CLI", () => {
    let api: FakeAdminApi;
    let dir: string;
    let stateFile: string;
    const env = { ...process.env };
    beforeEach(async () => {
        api = await FakeAdminApi.start({ seed: { count: 25, seed: 4, now: NOW } });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-cli-"));
        stateFile = path.join(dir, "stack.json");
        fs.writeFileSync(stateFile, JSON.stringify(stackExport(await liveInventory(api))));
        process.env.OPENAI_ADMIN_KEY = api.adminKey;
        process.env.OPENAI_BASE_URL = api.baseUrl;
    });
    afterEach(async () => {
        process.env = { ...env };
        fs.rmSync(dir, { recursive: true, force: true });
        await api.stop();
    });

    const run = async (...argv: string[]) => {
        let out = "";
        let err = "";
        const code = await driftCli(
            argv,
            (s) => (out += s),
            (s) => (err += s),
        );
        return { code, out, err };
    };

    it("exits 0 and says so when there is no drift", async () => {
        const r = await run("--state", stateFile);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /no drift/);
    });

    it("exits 2 with the report when keys changed out of band, and saves it", async () => {
        api.deleteKey(api.keys[2].id);
        const out = path.join(dir, "report.json");
        const r = await run(
            "--state",
            stateFile,
            "--format",
            "json",
            "--out",
            out,
            "--save-live",
            path.join(dir, "live.json"),
        );
        assert.equal(r.code, 2, r.err);
        const report = JSON.parse(fs.readFileSync(out, "utf8"));
        assert.equal(report.counts.missing, 1);
        assert.deepEqual(JSON.parse(r.out), report);
        // A saved inventory compares like a stack export.
        const again = await run("--inventory", path.join(dir, "live.json"));
        assert.equal(again.code, 0, again.err);
    });

    it("exits 1 with a clear message on errors", async () => {
        assert.match((await run()).err, /Give exactly one of --state or --inventory/);
        assert.equal((await run("--state", path.join(dir, "missing.json"))).code, 1);
        fs.writeFileSync(path.join(dir, "other.json"), JSON.stringify({ deployment: { resources: [] } }));
        const none = await run("--state", path.join(dir, "other.json"));
        assert.equal(none.code, 1);
        assert.match(
            none.err,
            /^openai-admin-keys-drift: No inventory resource in the state file \(types pulumi-nodejs:dynamic\/openai:AdminApiKeyInventory, openai-admin-keys:index:AdminApiKeyInventory, pulumi-nodejs:dynamic\/openai:OrganizationApiKeyInventory, openai-admin-keys:index:OrganizationApiKeyInventory\)\. Add an AdminApiKeyInventory or an OrganizationApiKeyInventory to the program, run `pulumi up`, then export the stack again\.\n$/,
        );
        process.env.OPENAI_ADMIN_KEY = "sk-admin-wrong-key-000000000000000000000";
        const denied = await run("--state", stateFile);
        assert.equal(denied.code, 1);
        assert.match(denied.err, /rejected the admin key \(401\)/);
        assert.ok(!denied.err.includes("sk-admin-wrong-key-000000000000000000000"));
    });

    it("works as the installed executable, with the exit code CI reads", async () => {
        api.addKey({ ...api.keys[0], id: "key_cli_new", created_at: NOW - 5 });
        const bin = path.join(__dirname, "..", "bin", "provider", "drift", "cli.js");
        // Asynchronous: the fake Admin API answers from this process's event loop.
        const child = spawn(process.execPath, [bin, "--state", stateFile], {
            env: { PATH: process.env.PATH, OPENAI_ADMIN_KEY: api.adminKey, OPENAI_BASE_URL: api.baseUrl },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        assert.equal(status, 2, stderr);
        assert.match(stdout, /\| `key_cli_new` \|/);
    });
});
