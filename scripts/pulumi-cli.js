#!/usr/bin/env node
/**
 * `npm run pulumi-cli`: provisions the Pulumi CLI for the end-to-end tests and the demo.
 *
 * Prints, as the last line of standard output, the absolute path of a directory holding executable
 * `pulumi`, `pulumi-language-nodejs`, `pulumi-language-yaml` and `pulumi-resource-pulumi-nodejs`, to
 * put first on PATH.
 * Everything else (progress, errors) goes to standard error.
 *
 * Sources, in order:
 *   1. PULUMI_CLI_DIR, a directory of your own that holds the three executables;
 *   2. a finished build of the pinned version in the cache directory
 *      (PULUMI_CLI_CACHE, else $XDG_CACHE_HOME/pulumi-openai-admin-keys, else ~/.cache/...);
 *   3. a build from the Go module proxy: the CLI from github.com/pulumi/pulumi/pkg/v3 at
 *      PULUMI_VERSION, and the language host in tools/pulumi-cli/language-nodejs, pinned together by
 *      tools/pulumi-cli/go.mod and go.sum; and Pulumi's YAML language host at the release pinned in
 *      tools/pulumi-cli/language-yaml/go.mod. A cold build takes 10-20 minutes and a few GB of Go
 *      module cache, all outside the repository.
 *
 * A build happens in a temporary directory that is renamed into place only when complete, under a
 * lock, so a half-finished build is never used and concurrent runs build once.
 *
 * The cache is trusted only as far as it is safe: its directory (and every directory above it)
 * must be the user's or root's and writable by nobody else, a build is used only if its files
 * still match the SHA256SUMS written when it was published, a lock whose owner stopped beating is
 * taken over, and SIGINT/SIGTERM/SIGHUP remove the temporary build and the lock and stop every
 * child (go and its compilers) before the process exits.
 */
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** The one place the Pulumi CLI version is pinned. tools/pulumi-cli/go.mod must require the same. */
const PULUMI_VERSION = "v3.274.1";
const EXECUTABLES = [
    "pulumi",
    "pulumi-language-go",
    "pulumi-language-nodejs",
    "pulumi-language-python",
    "pulumi-language-python-exec",
    "pulumi-language-yaml",
    "pulumi-resource-pulumi-nodejs",
];
/** This project's own language hosts (tools/pulumi-cli/language-<name>): Pulumi's cannot be fetched here. */
const HOSTS = ["nodejs", "python", "go"];
/** The YAML language host's release; tools/pulumi-cli/language-yaml/go.mod must require the same. */
const PULUMI_YAML_VERSION = "v1.32.0";
const RECIPE_DIR = path.join(__dirname, "..", "tools", "pulumi-cli");
/** A lock's owner touches it this often; a lock not touched for LOCK_STALE_MS is taken over. */
const LOCK_HEARTBEAT_MS = 5_000;
const LOCK_STALE_MS = 60_000;
const SUMS = "SHA256SUMS";

class ProvisionError extends Error {}

function log(message) {
    process.stderr.write(`pulumi-cli: ${message}\n`);
}

function cacheRoot() {
    if (process.env.PULUMI_CLI_CACHE) return path.resolve(process.env.PULUMI_CLI_CACHE);
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "pulumi-openai-admin-keys", "pulumi-cli");
}

/** The recipe's files and the Node SDK's dynamic provider shim decide the build, with the version. */
function recipeFiles() {
    return [
        "go.mod",
        "go.sum",
        "langhost/langhost.go",
        "language-go/main.go",
        "language-nodejs/main.go",
        "language-python/main.go",
        "language-yaml/go.mod",
        "language-yaml/go.sum",
    ].map((f) => path.join(RECIPE_DIR, f));
}

function sdkProviderShim() {
    const sdkDir = path.dirname(
        require.resolve("@pulumi/pulumi/package.json", { paths: [path.join(__dirname, "..")] }),
    );
    return path.join(sdkDir, "pulumi-resource-pulumi-nodejs");
}

function buildKey() {
    const hash = crypto.createHash("sha256").update(PULUMI_VERSION + PULUMI_YAML_VERSION);
    for (const file of [...recipeFiles(), sdkProviderShim()]) hash.update(fs.readFileSync(file));
    return `${PULUMI_VERSION}-${hash.digest("hex").slice(0, 12)}`;
}

function missingExecutables(dir) {
    return EXECUTABLES.filter((name) => {
        try {
            fs.accessSync(path.join(dir, name), fs.constants.X_OK);
            return false;
        } catch {
            return true;
        }
    });
}

/** A build is `<cache>/<key>/bin/` plus a `.complete` marker written last. */
function isComplete(buildDir) {
    return (
        fs.existsSync(path.join(buildDir, ".complete")) && missingExecutables(path.join(buildDir, "bin")).length === 0
    );
}

function goVersion() {
    const result = spawnSync("go", ["version"], { encoding: "utf8" });
    if (result.error || result.status !== 0) {
        throw new ProvisionError(
            "Go is not installed, and no Pulumi CLI is provisioned. Install Go 1.26 or later " +
                "(https://go.dev/doc/install, or your package manager) with access to the Go module proxy, " +
                `or set PULUMI_CLI_DIR to a directory holding ${EXECUTABLES.join(", ")}.`,
        );
    }
    return result.stdout.trim();
}

/** Children running now: stopped, with their own children, if this process is told to stop. */
const children = new Set();

/** Spawns in a process group of its own, so that a signal can stop it and all it started. */
function spawnTracked(command, args, options, stdio) {
    const child = spawn(command, args, { ...options, stdio, detached: true });
    children.add(child);
    child.on("close", () => children.delete(child));
    return child;
}

function run(command, args, options) {
    return new Promise((resolve, reject) => {
        const child = spawnTracked(command, args, options, ["ignore", "pipe", "pipe"]);
        let lastLines = "";
        const relay = (chunk) => {
            const text = chunk.toString();
            lastLines = (lastLines + text).split("\n").slice(-40).join("\n");
            for (const line of text.split("\n")) if (line.trim()) log(`  ${line}`);
        };
        child.stdout.on("data", relay);
        child.stderr.on("data", relay);
        child.on("error", reject);
        child.on("close", (code) =>
            code === 0
                ? resolve()
                : reject(new ProvisionError(`${command} ${args.join(" ")} failed (exit ${code}):\n${lastLines}`)),
        );
    });
}

function output(command, args, options) {
    return new Promise((resolve, reject) => {
        const child = spawnTracked(command, args, options, ["ignore", "pipe", "inherit"]);
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("error", reject);
        child.on("close", (code) =>
            code === 0
                ? resolve(out)
                : reject(new ProvisionError(`${command} ${args.join(" ")} failed (exit ${code})`)),
        );
    });
}

/** Compiles the CLI and its language hosts into `binDir` from the Go module proxy. */
async function compile(binDir) {
    log(`building Pulumi CLI ${PULUMI_VERSION} with ${goVersion()} (first build: 10-20 minutes) ...`);
    const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly", GOWORK: "off" };
    const ldflags = `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PULUMI_VERSION}`;
    log("downloading modules from the Go module proxy ...");
    await run("go", ["mod", "download"], { cwd: RECIPE_DIR, env });
    log(`compiling pulumi and the ${HOSTS.join(", ")} language hosts ...`);
    await run(
        "go",
        [
            "build",
            "-trimpath",
            "-ldflags",
            ldflags,
            "-o",
            binDir + path.sep,
            "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
            ...HOSTS.map((language) => `./language-${language}`),
        ],
        { cwd: RECIPE_DIR, env },
    );
    for (const language of HOSTS)
        fs.renameSync(path.join(binDir, `language-${language}`), path.join(binDir, `pulumi-language-${language}`));
    // Pulumi's own Python program runner, from the sdk/v3 module at the CLI's release.
    const sdkDir = await output("go", ["list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi/sdk/v3"], {
        cwd: RECIPE_DIR,
        env,
    });
    fs.copyFileSync(
        path.join(sdkDir.trim(), "python", "cmd", "pulumi-language-python-exec"),
        path.join(binDir, "pulumi-language-python-exec"),
    );
    log(`compiling pulumi-language-yaml ${PULUMI_YAML_VERSION} ...`);
    const yamlDir = path.join(RECIPE_DIR, "language-yaml");
    await run("go", ["mod", "download"], { cwd: yamlDir, env });
    await run(
        "go",
        [
            "build",
            "-trimpath",
            "-ldflags",
            `-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=${PULUMI_YAML_VERSION}`,
            "-o",
            binDir + path.sep,
            "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
        ],
        { cwd: yamlDir, env },
    );
    fs.copyFileSync(sdkProviderShim(), path.join(binDir, "pulumi-resource-pulumi-nodejs"));
    fs.chmodSync(path.join(binDir, "pulumi"), 0o755);
    const versionOut = spawnSync(path.join(binDir, "pulumi"), ["version"], { encoding: "utf8" }).stdout.trim();
    if (versionOut !== PULUMI_VERSION)
        throw new ProvisionError(`the built pulumi reports ${JSON.stringify(versionOut)}, not ${PULUMI_VERSION}`);
}

function sha256(file) {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Temporary builds and locks of this process, removed if it is told to stop. */
const leftovers = new Set();

/**
 * Builds with `steps(binDir)` in a temporary directory, records every executable's checksum, then
 * renames the directory into place: a build is whole or absent.
 */
async function publish(finalDir, steps) {
    const started = Date.now();
    const tmpDir = `${finalDir}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
    const binDir = path.join(tmpDir, "bin");
    leftovers.add(tmpDir);
    fs.mkdirSync(binDir, { recursive: true, mode: 0o755 });
    try {
        await steps(binDir);
        for (const name of EXECUTABLES) {
            const file = path.join(binDir, name);
            if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
        }
        if (missingExecutables(binDir).length)
            throw new ProvisionError(`the build did not produce ${missingExecutables(binDir).join(", ")}`);
        const sums = EXECUTABLES.map((name) => `${sha256(path.join(binDir, name))}  bin/${name}\n`).join("");
        fs.writeFileSync(path.join(tmpDir, SUMS), sums, { mode: 0o644 });
        fs.writeFileSync(path.join(tmpDir, ".complete"), `${PULUMI_VERSION}\n${new Date().toISOString()}\n`);
        fs.renameSync(tmpDir, finalDir);
        log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (err) {
        fs.rmSync(tmpDir, { recursive: true, force: true });
        throw err;
    } finally {
        leftovers.delete(tmpDir);
    }
}

function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return err.code === "EPERM";
    }
}

/**
 * Whether a lock is stale: its owner is gone, or has not touched it for LOCK_STALE_MS (the pid it
 * names may be alive but someone else's: pids are reused, and a lock may come from another machine
 * sharing the cache).
 */
function lockIsStale(lockDir) {
    let owner = NaN;
    try {
        owner = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8"));
    } catch {
        /* the owner is between mkdir and writing its pid: judged by the heartbeat alone */
    }
    const touched = fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
    if (touched === undefined) return false; // gone already: the next mkdir will tell
    if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) return true;
    return Date.now() - touched > LOCK_STALE_MS;
}

/** An exclusive lock: a directory holding the owner's pid, touched by its owner every few seconds. */
async function withLock(lockDir, fn) {
    let announced = false;
    for (;;) {
        try {
            fs.mkdirSync(lockDir, { mode: 0o700 });
            leftovers.add(lockDir);
            fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
            break;
        } catch (err) {
            if (err.code !== "EEXIST") throw err;
            if (lockIsStale(lockDir)) {
                log(`taking over a stale lock ${lockDir}`);
                fs.rmSync(lockDir, { recursive: true, force: true });
                continue;
            }
            if (!announced) log(`another build holds ${lockDir}; waiting for it ...`);
            announced = true;
            await new Promise((r) => setTimeout(r, 1000));
        }
    }
    const heartbeat = setInterval(() => {
        const now = new Date();
        try {
            fs.utimesSync(lockDir, now, now);
        } catch {
            /* removed under us: the rename of the build still decides */
        }
    }, LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    try {
        return await fn();
    } finally {
        clearInterval(heartbeat);
        fs.rmSync(lockDir, { recursive: true, force: true });
        leftovers.delete(lockDir);
    }
}

/**
 * Refuses a directory that someone else could write into: it, and every directory above it, must
 * belong to this user or root and be writable by nobody else (a directory with the sticky bit,
 * such as /tmp, may be world-writable above it). Symbolic links are followed to what they name.
 */
function checkTrusted(dir, what) {
    const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
    if (uid === undefined) return; // no ownership to check (Windows)
    const real = fs.realpathSync(dir);
    const chain = [];
    for (let p = real; ; p = path.dirname(p)) {
        chain.push(p);
        if (path.dirname(p) === p) break;
    }
    for (const p of chain) {
        const st = fs.statSync(p);
        const own = p === real;
        const where = p === dir ? dir : `${p}${own ? ` (where ${dir} leads)` : `, above ${dir}`}`;
        if (st.uid !== uid && !(st.uid === 0 && !own))
            throw new ProvisionError(
                `Refusing ${what} ${where}: it belongs to user ${st.uid}, not to you (${uid}). Use a cache directory of your own ` +
                    "(PULUMI_CLI_CACHE), or remove this one.",
            );
        const sticky = (st.mode & 0o1000) !== 0;
        if ((st.mode & 0o022) !== 0 && (own || !sticky))
            throw new ProvisionError(
                `Refusing ${what} ${where}: it is group- or world-writable (mode ${(st.mode & 0o7777).toString(8)}), so anyone ` +
                    `could plant a build there. Run chmod go-w on it, or use another PULUMI_CLI_CACHE.`,
            );
    }
}

/**
 * Whether `buildDir` is a finished build whose files still match the checksums written when it was
 * published. A build that was finished but no longer matches is an error, never used nor replaced.
 */
function verifiedBuild(buildDir) {
    if (!isComplete(buildDir)) return false;
    checkTrusted(buildDir, "the cached build");
    const sumsFile = path.join(buildDir, SUMS);
    if (!fs.existsSync(sumsFile)) return false; // published before checksums were recorded: rebuilt
    const expected = new Map(
        fs
            .readFileSync(sumsFile, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => {
                const [sum, file] = line.split(/ {2}/);
                return [file, sum];
            }),
    );
    for (const name of EXECUTABLES) {
        const file = path.join(buildDir, "bin", name);
        if (fs.lstatSync(file).isSymbolicLink() || expected.get(`bin/${name}`) !== sha256(file)) {
            throw new ProvisionError(
                `The cached build ${buildDir} has been changed since it was built: bin/${name} does not match its ${SUMS}. ` +
                    `Something wrote into the cache; remove ${buildDir} (and find out what did) before provisioning again.`,
            );
        }
    }
    return true;
}

/** On SIGINT, SIGTERM or SIGHUP: stop every child, remove temporary builds and locks, exit 128+n. */
function cleanUpOnSignals() {
    const numbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
    for (const [signal, n] of Object.entries(numbers)) {
        process.once(signal, () => {
            for (const child of children) {
                try {
                    process.kill(-child.pid, "SIGKILL");
                } catch {
                    /* already gone */
                }
            }
            for (const dir of leftovers) fs.rmSync(dir, { recursive: true, force: true });
            log(`stopped by ${signal}; the unfinished build and the lock were removed`);
            process.exit(128 + n);
        });
    }
}

/**
 * Returns the directory of executables, building it if needed. `options` are for tests:
 * `cacheRoot` in place of the environment's, `build(binDir)` in place of the Go build.
 */
async function provision(options = {}) {
    if (process.env.PULUMI_CLI_DIR) {
        const dir = path.resolve(process.env.PULUMI_CLI_DIR);
        const missing = missingExecutables(dir);
        if (missing.length) throw new ProvisionError(`PULUMI_CLI_DIR=${dir} lacks executable ${missing.join(", ")}`);
        log(`using PULUMI_CLI_DIR=${dir}`);
        return dir;
    }
    const root = options.cacheRoot ?? cacheRoot();
    const finalDir = path.join(root, buildKey());
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    checkTrusted(root, "the Pulumi CLI cache");
    if (verifiedBuild(finalDir)) {
        log(`using the cached build ${finalDir}`);
        return path.join(finalDir, "bin");
    }
    await withLock(`${finalDir}.lock`, async () => {
        if (verifiedBuild(finalDir)) return; // another run finished it while we waited
        fs.rmSync(finalDir, { recursive: true, force: true }); // never reuse a half-finished build
        await publish(finalDir, options.build ?? compile);
    });
    return path.join(finalDir, "bin");
}

/** The directory of an already provisioned CLI, or undefined: never builds. */
function findProvisioned() {
    if (process.env.PULUMI_CLI_DIR) {
        const dir = path.resolve(process.env.PULUMI_CLI_DIR);
        return missingExecutables(dir).length === 0 ? dir : undefined;
    }
    const root = cacheRoot();
    if (!fs.existsSync(root)) return undefined;
    checkTrusted(root, "the Pulumi CLI cache");
    const finalDir = path.join(root, buildKey());
    return verifiedBuild(finalDir) ? path.join(finalDir, "bin") : undefined;
}

module.exports = {
    PULUMI_VERSION,
    EXECUTABLES,
    provision,
    findProvisioned,
    buildKey,
    run,
    cleanUpOnSignals,
    LOCK_STALE_MS,
    ProvisionError,
};

if (require.main === module) {
    cleanUpOnSignals();
    provision().then(
        (dir) => process.stdout.write(`${dir}\n`),
        (err) => {
            log(err instanceof ProvisionError ? err.message : (err && err.stack) || String(err));
            process.exit(1);
        },
    );
}
