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
const LOCK_STALE_MS = 60 * 60 * 1000;

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

function run(command, args, options) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
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
        const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "inherit"] });
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

async function build(finalDir) {
    const started = Date.now();
    log(`building Pulumi CLI ${PULUMI_VERSION} with ${goVersion()} (first build: 10-20 minutes) ...`);
    const tmpDir = `${finalDir}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
    const binDir = path.join(tmpDir, "bin");
    fs.mkdirSync(binDir, { recursive: true });
    try {
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
        for (const name of EXECUTABLES) fs.chmodSync(path.join(binDir, name), 0o755);
        const versionOut = spawnSync(path.join(binDir, "pulumi"), ["version"], { encoding: "utf8" }).stdout.trim();
        if (versionOut !== PULUMI_VERSION)
            throw new ProvisionError(`the built pulumi reports ${JSON.stringify(versionOut)}, not ${PULUMI_VERSION}`);
        fs.writeFileSync(path.join(tmpDir, ".complete"), `${PULUMI_VERSION}\n${new Date().toISOString()}\n`);
        fs.renameSync(tmpDir, finalDir);
        log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (err) {
        fs.rmSync(tmpDir, { recursive: true, force: true });
        throw err;
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

/** An exclusive lock: a directory holding the owner's pid; a dead owner's or very old lock is taken over. */
async function withLock(lockDir, fn) {
    let announced = false;
    for (;;) {
        try {
            fs.mkdirSync(lockDir);
            fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
            break;
        } catch (err) {
            if (err.code !== "EEXIST") throw err;
            let owner = NaN;
            try {
                owner = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8"));
            } catch {
                /* the owner is between mkdir and writing its pid */
            }
            const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
            if ((Number.isInteger(owner) && owner > 0 && !processAlive(owner)) || age > LOCK_STALE_MS) {
                fs.rmSync(lockDir, { recursive: true, force: true });
                continue;
            }
            if (!announced) log(`another build is running (pid ${owner}); waiting for it ...`);
            announced = true;
            await new Promise((r) => setTimeout(r, 2000));
        }
    }
    try {
        return await fn();
    } finally {
        fs.rmSync(lockDir, { recursive: true, force: true });
    }
}

/** Returns the directory of executables, building it if needed. */
async function provision() {
    if (process.env.PULUMI_CLI_DIR) {
        const dir = path.resolve(process.env.PULUMI_CLI_DIR);
        const missing = missingExecutables(dir);
        if (missing.length) throw new ProvisionError(`PULUMI_CLI_DIR=${dir} lacks executable ${missing.join(", ")}`);
        log(`using PULUMI_CLI_DIR=${dir}`);
        return dir;
    }
    const root = cacheRoot();
    const finalDir = path.join(root, buildKey());
    if (isComplete(finalDir)) {
        log(`using the cached build ${finalDir}`);
        return path.join(finalDir, "bin");
    }
    fs.mkdirSync(root, { recursive: true });
    await withLock(`${finalDir}.lock`, async () => {
        if (isComplete(finalDir)) return; // another run finished it while we waited
        fs.rmSync(finalDir, { recursive: true, force: true }); // never reuse a half-finished build
        await build(finalDir);
    });
    return path.join(finalDir, "bin");
}

/** The directory of an already provisioned CLI, or undefined: never builds. */
function findProvisioned() {
    if (process.env.PULUMI_CLI_DIR) {
        const dir = path.resolve(process.env.PULUMI_CLI_DIR);
        return missingExecutables(dir).length === 0 ? dir : undefined;
    }
    const finalDir = path.join(cacheRoot(), buildKey());
    return isComplete(finalDir) ? path.join(finalDir, "bin") : undefined;
}

module.exports = { PULUMI_VERSION, EXECUTABLES, provision, findProvisioned, buildKey, ProvisionError };

if (require.main === module) {
    provision().then(
        (dir) => process.stdout.write(`${dir}\n`),
        (err) => {
            log(err instanceof ProvisionError ? err.message : (err && err.stack) || String(err));
            process.exit(1);
        },
    );
}
