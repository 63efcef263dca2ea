/**
 * The drift command, installed from the packed package, on a real `pulumi stack export`, and the
 * CI script of examples/drift driving it with the real CLI.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FakeAdminApi } from "../../provider/testing";
import { E2E_TIMEOUT } from "./engine-events";
import { compliantKeys, NOW } from "./fixtures";
import { newProject, Project, REPO, run, workspace } from "../../scripts/real-engine";

describe("e2e: drift command on a real stack export", function () {
    this.timeout(E2E_TIMEOUT);
    let api: FakeAdminApi;
    let project: Project;
    let exportFile: string;

    before(async () => {
        api = await FakeAdminApi.start({ keys: compliantKeys(6) });
        project = await newProject({ example: "inventory", env: { OPENAI_BASE_URL: api.baseUrl } });
        await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
        await project.stack.up();
        exportFile = path.join(project.dir, "stack.json");
    });
    after(async () => api?.stop());

    /** Runs the installed bin with only the admin key in its environment beyond the basics. */
    async function drift(args: string[]) {
        const w = await workspace();
        const bin = path.join(w.dir, "node_modules", ".bin", "openai-admin-keys-drift");
        return run(bin, args, {
            cwd: project.dir,
            env: { PATH: process.env.PATH, OPENAI_ADMIN_KEY: api.adminKey, OPENAI_BASE_URL: api.baseUrl },
        });
    }

    it("exits 0 with a no-drift report when the organization matches the stack", async () => {
        await project.pulumi(["stack", "export", "--file", exportFile]);
        const res = await drift(["--state", exportFile, "--resource", "admin-keys"]);
        assert.equal(res.status, 0, res.stderr);
        assert.match(
            res.stdout,
            /^### OpenAI admin API keys: no drift\n\n6 keys live, 6 recorded in the stack, at `http:\/\/127\.0\.0\.1:\d+\/v1`\. \*\*0\*\* created outside code, \*\*0\*\* deleted outside code, \*\*0\*\* changed\./,
        );
    });

    it("exits 2 and names each key after out-of-band changes", async () => {
        api.updateKey("key_e2e0002", { name: "renamed-by-hand" });
        api.deleteKey("key_e2e0004");
        api.addKey({ ...compliantKeys(1)[0], id: "key_e2ehandmade", name: "handmade", created_at: NOW - 5 });
        const res = await drift(["--state", exportFile, "--resource", "admin-keys", "--format", "json"]);
        assert.equal(res.status, 2, res.stderr);
        const report = JSON.parse(res.stdout) as {
            unmanaged: Array<{ id: string }>;
            missing: Array<{ id: string }>;
            changed: Array<{ id: string; changes: unknown[] }>;
        };
        assert.deepEqual(
            report.unmanaged.map((k) => k.id),
            ["key_e2ehandmade"],
        );
        assert.deepEqual(
            report.missing.map((k) => k.id),
            ["key_e2e0004"],
        );
        assert.deepEqual(report.changed, [
            {
                id: "key_e2e0002",
                name: "renamed-by-hand",
                owner: "deployer-2 (service_account, svc_2)",
                createdAt: api.keys.find((k) => k.id === "key_e2e0002")!.created_at,
                changes: [{ field: "name", before: "ci-key-2", after: "renamed-by-hand" }],
            },
        ]);
    });

    /** examples/drift/drift-check.sh as CI runs it: the real CLI on PATH, the key in the environment. */
    async function driftCheck() {
        const w = await workspace();
        return run("bash", [path.join(REPO, "examples", "drift", "drift-check.sh"), "dev"], {
            cwd: project.dir,
            env: {
                ...process.env,
                ...project.env,
                PATH: `${w.cliBin}${path.delimiter}${process.env.PATH}`,
                OPENAI_ADMIN_KEY: api.adminKey,
            },
        });
    }

    it("runs examples/drift's CI script against the stack, exiting 2 and leaving the Markdown report", async () => {
        const res = await driftCheck();
        assert.equal(res.status, 2, `${res.stdout}\n${res.stderr}`);
        assert.match(res.stdout, /Key drift found: see drift-report\.md/);
        const md = fs.readFileSync(path.join(project.dir, "drift-report.md"), "utf8");
        assert.match(md, /^### OpenAI admin API keys: drift detected\n/);
        for (const id of ["key_e2ehandmade", "key_e2e0004", "key_e2e0002"]) assert.ok(md.includes(`\`${id}\``), id);
    });

    it("reports no drift from the CI script once the stack is updated", async () => {
        await project.stack.up();
        const res = await driftCheck();
        assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
        assert.match(res.stdout, /No key drift\./);
    });
});
