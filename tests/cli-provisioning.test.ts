/**
 * scripts/pulumi-cli.js trusts its cache only as far as it is safe: directories others can write
 * are refused, a build is used only if it matches the checksums written when it was published, a
 * stale lock is taken over, and a signal leaves no temporary build, no lock and no child behind.
 * Builds here are stubs (no Go): the Go build itself is tested end to end (tests/e2e/pulumi-cli).
 */
import { strict as assert } from "assert";
import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rejection } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const cli = require("../scripts/pulumi-cli.js") as {
    provision(o?: { cacheRoot?: string; build?: (binDir: string) => Promise<void> }): Promise<string>;
    buildKey(): string;
    EXECUTABLES: readonly string[];
    LOCK_STALE_MS: number;
};

/** A stub build: every executable, as a shell script that says which build it is. */
function stubBuild(label: string) {
    let builds = 0;
    const build = async (binDir: string) => {
        builds++;
        for (const name of cli.EXECUTABLES) fs.writeFileSync(path.join(binDir, name), `#!/bin/sh\necho ${label}\n`);
    };
    return { build, count: () => builds };
}

function cacheDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "cli-cache-"));
}

/** Whether `pid` runs: a zombie (killed, waiting for a parent to reap it) does not. */
const alive = (pid: number) => {
    try {
        return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
        return false;
    }
};

describe("Pulumi CLI provisioning", function () {
    this.timeout(60_000);

    it("publishes a build with checksums, and uses it as long as it matches them", async () => {
        const root = cacheDir();
        const stub = stubBuild("first");
        const bin = await cli.provision({ cacheRoot: root, build: stub.build });
        assert.equal(bin, path.join(root, cli.buildKey(), "bin"));
        const sums = fs.readFileSync(path.join(root, cli.buildKey(), "SHA256SUMS"), "utf8");
        assert.equal(sums.split("\n").filter(Boolean).length, cli.EXECUTABLES.length);
        assert.equal(await cli.provision({ cacheRoot: root, build: stub.build }), bin);
        assert.equal(stub.count(), 1);
    });

    it("refuses a build changed after it was published, naming the file", async () => {
        const root = cacheDir();
        const bin = await cli.provision({ cacheRoot: root, build: stubBuild("good").build });
        fs.writeFileSync(path.join(bin, "pulumi-language-nodejs"), "#!/bin/sh\necho planted\n");
        const stub = stubBuild("again");
        const err = await rejection(cli.provision({ cacheRoot: root, build: stub.build }));
        assert.match(
            err.message,
            /has been changed since it was built: bin\/pulumi-language-nodejs does not match its SHA256SUMS/,
        );
        assert.equal(stub.count(), 0, "neither used nor silently rebuilt");
    });

    it("refuses a world-writable cache, also when reached through a symbolic link, before using anything in it", async () => {
        const planted = cacheDir();
        fs.chmodSync(planted, 0o777);
        const stub = stubBuild("planted");
        const direct = await rejection(cli.provision({ cacheRoot: planted, build: stub.build }));
        assert.match(direct.message, /is group- or world-writable \(mode 777\)/);
        const link = path.join(cacheDir(), "cache");
        fs.symlinkSync(planted, link);
        const viaLink = await rejection(cli.provision({ cacheRoot: link, build: stub.build }));
        assert.match(viaLink.message, new RegExp(`Refusing the Pulumi CLI cache ${planted} \\(where ${link} leads\\)`));
        fs.chmodSync(planted, 0o775);
        const group = await rejection(cli.provision({ cacheRoot: planted, build: stub.build }));
        assert.match(group.message, /group- or world-writable \(mode 775\)/);
        assert.equal(stub.count(), 0);
    });

    it("refuses a cache that belongs to another user", async function () {
        if (process.getuid?.() !== 0) this.skip(); // only root can hand a directory to another user
        const root = cacheDir();
        fs.chownSync(root, 4242, 4242);
        const err = await rejection(cli.provision({ cacheRoot: root, build: stubBuild("x").build }));
        assert.match(err.message, /belongs to user 4242, not to you \(0\)/);
    });

    it("takes over a lock whose pid is alive but someone else's, once it stops being touched", async () => {
        const root = cacheDir();
        const other = spawn("sleep", ["60"]);
        try {
            const lock = path.join(root, `${cli.buildKey()}.lock`);
            fs.mkdirSync(lock);
            fs.writeFileSync(path.join(lock, "pid"), String(other.pid));
            const old = new Date(Date.now() - cli.LOCK_STALE_MS - 1000);
            fs.utimesSync(lock, old, old);
            const started = Date.now();
            await cli.provision({ cacheRoot: root, build: stubBuild("after-stale-lock").build });
            assert.ok(Date.now() - started < 10_000);
            assert.deepEqual(fs.readdirSync(root), [cli.buildKey()]);
        } finally {
            other.kill();
        }
    });

    it("waits for a lock its live owner keeps touching", async () => {
        const root = cacheDir();
        const lock = path.join(root, `${cli.buildKey()}.lock`);
        fs.mkdirSync(lock);
        fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
        const stub = stubBuild("waited");
        const p = cli.provision({ cacheRoot: root, build: stub.build });
        await new Promise((r) => setTimeout(r, 2500));
        assert.equal(stub.count(), 0, "built while the lock was held");
        fs.rmSync(lock, { recursive: true });
        await p;
        assert.equal(stub.count(), 1);
    });

    it("on SIGTERM stops the build's children and removes the temporary build and the lock", async () => {
        const root = cacheDir();
        const child = spawn(process.execPath, [path.join(__dirname, "fixtures", "provision-child.js"), root], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const sleepPid = await (async () => {
            for (let i = 0; i < 100; i++) {
                const pids = await new Promise<string>((resolve) =>
                    execFile("pgrep", ["-P", String(child.pid), "sleep"], (_e, out) => resolve(out)),
                );
                if (pids.trim()) return Number(pids.trim().split("\n")[0]);
                await new Promise((r) => setTimeout(r, 100));
            }
            throw new Error(`the build never started: ${stderr}`);
        })();
        assert.equal(fs.readdirSync(root).filter((f) => /\.lock$|\.tmp-/.test(f)).length, 2);
        const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        child.kill("SIGTERM");
        assert.equal(await exited, 143);
        assert.match(stderr, /stopped by SIGTERM; the unfinished build and the lock were removed/);
        assert.deepEqual(fs.readdirSync(root), []);
        for (let i = 0; i < 20 && alive(sleepPid); i++) await new Promise((r) => setTimeout(r, 50));
        assert.equal(alive(sleepPid), false, "the build's child is still running");
    });
});
