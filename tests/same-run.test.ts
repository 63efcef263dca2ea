import { strict as assert } from "assert";
import { execFile } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeAdminApi } from "../provider/testing";
import { pulumiRun } from "../provider/inventory/same-run";
import { estateFixture } from "./estate-fixture";

const PHASE = path.join(__dirname, "fixtures", "same-run-phase.ts");

/**
 * Runs `phases` one after another as children of a process named `pulumi` (node under that name),
 * as the engine starts a provider for each phase of one command; returns what each printed.
 */
async function pulumiCommand(
    phases: Array<Record<string, string>>,
    command = "up",
): Promise<Array<{ source?: string; projects?: string[]; error?: string }>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "same-run-"));
    try {
        const cli = path.join(dir, "pulumi");
        fs.symlinkSync(process.execPath, cli);
        const script = `
            const { execFileSync } = require("child_process");
            const phases = JSON.parse(process.env.PHASES);
            for (const env of phases) {
                const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", ${JSON.stringify(PHASE)}], {
                    env: { ...process.env, ...env }, encoding: "utf8", cwd: ${JSON.stringify(path.join(__dirname, ".."))},
                });
                process.stdout.write(out);
            }`;
        // Asynchronously: the fake server answering the phases runs in this process.
        const { stdout: out } = await promisify(execFile)(cli, ["-e", script, command], {
            env: {
                PATH: process.env.PATH,
                HOME: process.env.HOME,
                TMPDIR: os.tmpdir(),
                PHASES: JSON.stringify(phases),
            },
            encoding: "utf8",
        });
        return out
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("one estate listing per Pulumi command", function () {
    this.timeout(120_000);
    let api: FakeAdminApi;
    const env = () => ({ OPENAI_ADMIN_KEY: api.adminKey, OPENAI_BASE_URL: api.baseUrl });
    const projectListings = () => api.requests.filter((r) => r.path === "/organization/projects").length;

    beforeEach(async () => {
        api = await FakeAdminApi.start({ keys: [], estate: estateFixture() });
    });
    afterEach(() => api.stop());

    it("lists once when a command's second phase asks for the same estate", async () => {
        const phases = await pulumiCommand([env(), env()]);
        assert.deepEqual(
            phases.map((p) => p.source),
            ["listed", "reused"],
        );
        assert.deepEqual(phases[1].projects, phases[0].projects);
        assert.equal(projectListings(), 1);
    });

    it("lists again in the next command: no command is served keys older than itself", async () => {
        await pulumiCommand([env()]);
        const next = await pulumiCommand([env()]);
        assert.deepEqual(
            next.map((p) => p.source),
            ["listed"],
        );
        assert.equal(projectListings(), 2);
    });

    it("lists in every phase of any command but up: a watch runs update after update, each its own", async () => {
        for (const command of ["watch", "preview", "refresh"]) {
            const phases = await pulumiCommand([env(), env()], command);
            assert.deepEqual(
                phases.map((p) => p.source),
                ["listed", "listed"],
                command,
            );
        }
        assert.equal(projectListings(), 6);
    });

    it("never reuses a listing made with another admin key", async () => {
        // The same server, run and arguments; a key the server refuses: listed, and refused.
        const phases = await pulumiCommand([env(), { ...env(), OPENAI_ADMIN_KEY: `${api.adminKey}-2` }]);
        assert.equal(phases[0].source, "listed");
        assert.match(phases[1].error ?? "", /^AuthenticationError: /);
        assert.equal(projectListings(), 2);
    });

    it("keeps nothing outside a Pulumi command, and writes no admin key anywhere", async () => {
        assert.equal(pulumiRun(), undefined);
        await pulumiCommand([env(), env()]);
        const dir = path.join(os.tmpdir(), `pulumi-openai-admin-keys-${process.getuid!()}`);
        assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
        for (const f of fs.readdirSync(dir)) {
            assert.equal(fs.statSync(path.join(dir, f)).mode & 0o777, 0o600);
            assert.ok(!fs.readFileSync(path.join(dir, f), "utf8").includes(api.adminKey), f);
        }
    });
});
