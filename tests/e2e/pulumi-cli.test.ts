/** `npm run pulumi-cli` (scripts/pulumi-cli.js): where the CLI comes from, and how it is built. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { E2E_TIMEOUT } from "./engine-events";
import { PULUMI_VERSION, REPO, run, workspace } from "../../scripts/real-engine";

const SCRIPT = path.join(REPO, "scripts", "pulumi-cli.js");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buildKey, EXECUTABLES } = require("../../scripts/pulumi-cli.js") as {
    buildKey(): string;
    EXECUTABLES: readonly string[];
};

function provisionWith(env: NodeJS.ProcessEnv) {
    return run(process.execPath, [SCRIPT], { cwd: REPO, env: { ...process.env, PULUMI_CLI_DIR: "", ...env } });
}

describe("e2e: provisioning the Pulumi CLI", function () {
    this.timeout(E2E_TIMEOUT);

    it("prints only the directory of the three executables on stdout, and pulumi reports the pinned version", async () => {
        await workspace(); // provisions (or reuses) the default build first
        const res = await provisionWith({});
        assert.equal(res.status, 0, res.stderr);
        const lines = res.stdout.split("\n").filter(Boolean);
        assert.equal(lines.length, 1, res.stdout);
        const dir = lines[0];
        assert.ok(path.isAbsolute(dir));
        for (const name of EXECUTABLES) fs.accessSync(path.join(dir, name), fs.constants.X_OK);
        const version = await run(path.join(dir, "pulumi"), ["version"], { cwd: REPO, env: process.env });
        assert.equal(version.stdout.trim(), PULUMI_VERSION);
        assert.match(res.stderr, /^pulumi-cli: using the cached build /m);
    });

    it("uses PULUMI_CLI_DIR when it holds every executable, and names what is missing when not", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-dir-"));
        const last = EXECUTABLES[EXECUTABLES.length - 1];
        assert.equal(last, "pulumi-resource-pulumi-nodejs");
        for (const name of EXECUTABLES.slice(0, -1))
            fs.writeFileSync(path.join(dir, name), "#!/bin/sh\n", { mode: 0o755 });
        const missing = await provisionWith({ PULUMI_CLI_DIR: dir });
        assert.equal(missing.status, 1);
        assert.equal(missing.stdout, "");
        assert.match(
            missing.stderr,
            new RegExp(`PULUMI_CLI_DIR=${dir} lacks executable pulumi-resource-pulumi-nodejs`),
        );
        fs.writeFileSync(path.join(dir, last), "#!/bin/sh\n", { mode: 0o755 });
        const ok = await provisionWith({ PULUMI_CLI_DIR: dir });
        assert.equal(ok.status, 0, ok.stderr);
        assert.equal(ok.stdout, `${dir}\n`);
    });

    it("says what to install when Go is missing and nothing is cached", async () => {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "cli-cache-"));
        const noGo = (process.env.PATH ?? "")
            .split(path.delimiter)
            .filter((d) => !fs.existsSync(path.join(d, "go")))
            .join(path.delimiter);
        const res = await provisionWith({ PULUMI_CLI_CACHE: cache, PATH: noGo });
        assert.equal(res.status, 1);
        assert.equal(res.stdout, "");
        assert.match(
            res.stderr,
            /Go is not installed, and no Pulumi CLI is provisioned\. Install Go 1\.26 or later .* or set PULUMI_CLI_DIR/,
        );
        assert.deepEqual(fs.readdirSync(cache), [], "left something in the cache");
    });

    it("builds once for concurrent runs, replacing a half-finished build instead of using it", async () => {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "cli-cache-"));
        // A build that stopped half-way: binaries present, no completion marker.
        const half = path.join(cache, buildKey(), "bin");
        fs.mkdirSync(half, { recursive: true });
        for (const name of EXECUTABLES)
            fs.writeFileSync(path.join(half, name), "#!/bin/sh\necho half-built\n", { mode: 0o755 });
        const [a, b] = await Promise.all([
            provisionWith({ PULUMI_CLI_CACHE: cache }),
            provisionWith({ PULUMI_CLI_CACHE: cache }),
        ]);
        assert.equal(a.status, 0, a.stderr);
        assert.equal(b.status, 0, b.stderr);
        assert.equal(a.stdout, `${half}\n`);
        assert.equal(b.stdout, `${half}\n`);
        const builds = [a, b].filter((r) => /building Pulumi CLI/.test(r.stderr));
        assert.equal(builds.length, 1, `${a.stderr}\n---\n${b.stderr}`);
        const version = await run(path.join(half, "pulumi"), ["version"], { cwd: REPO, env: process.env });
        assert.equal(version.stdout.trim(), PULUMI_VERSION);
        assert.deepEqual(fs.readdirSync(cache).sort(), [buildKey()], "temporary or lock directories left behind");
        fs.rmSync(cache, { recursive: true, force: true });
    });
});
