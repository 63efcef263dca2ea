/**
 * The real Pulumi engine around this package, for the end-to-end tests and the demo: the CLI
 * (provisioned by scripts/pulumi-cli.js), this package as `npm pack` makes it, installed in a
 * temporary workspace as a user installs it, and temporary projects made of the examples' own
 * files, each with a file backend, a passphrase secrets provider and a temporary PULUMI_HOME.
 */
import { strict as assert } from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";

export const REPO = path.resolve(__dirname, "..");
export const PASSPHRASE = "e2e-passphrase-not-a-secret";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cli = require("./pulumi-cli.js") as { provision(): Promise<string>; PULUMI_VERSION: string };
export const PULUMI_VERSION = cli.PULUMI_VERSION;

/** The versions a user's project would pin, taken from this repository's own lockfile choices. */
const devDeps = (
    JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
).devDependencies;
export const SDK_VERSIONS = {
    "@pulumi/pulumi": devDeps["@pulumi/pulumi"],
    "@pulumi/policy": devDeps["@pulumi/policy"],
    typescript: devDeps.typescript,
};

export interface Workspace {
    /** Directory of `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. */
    readonly cliBin: string;
    readonly command: PulumiCommand;
    /** The packed package. */
    readonly tarball: string;
    /** A directory whose node_modules has the packed package; projects live below it. */
    readonly dir: string;
    readonly pulumiHome: string;
}

let shared: Promise<Workspace> | undefined;

/** Provisions the CLI, packs and installs the package, once per test run. */
export function workspace(): Promise<Workspace> {
    shared ??= setUp();
    return shared;
}

export function npm(args: string[], cwd: string): string {
    return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
}

/** `npm pack` of this repository, built first, into `dir`. */
export function pack(dir: string): string {
    execFileSync("npm", ["run", "build"], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
    const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
        cwd: REPO,
        encoding: "utf8",
    });
    return path.join(dir, (JSON.parse(out) as Array<{ filename: string }>)[0].filename);
}

async function setUp(): Promise<Workspace> {
    const cliBin = await cli.provision();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "openai-admin-keys-e2e-"));
    const tarball = pack(root);
    const dir = path.join(root, "ws");
    fs.mkdirSync(dir);
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify(
            {
                name: "e2e-workspace",
                private: true,
                dependencies: { "pulumi-openai-admin-keys": `file:${tarball}`, ...SDK_VERSIONS },
            },
            null,
            2,
        ),
    );
    npm(["install"], dir);
    const { PulumiCommand } = await import("@pulumi/pulumi/automation");
    const command = await PulumiCommand.get({ root: path.dirname(cliBin) });
    const pulumiHome = path.join(root, "pulumi-home");
    fs.mkdirSync(pulumiHome);
    return { cliBin, command, tarball, dir, pulumiHome };
}

/** The languages whose examples use the provider plugin; each example folder is the whole project. */
export type PluginLanguage = "yaml" | "python" | "go";

export interface ProjectOptions {
    /** Example whose index.ts (and Pulumi.yaml) the project is made of; `yaml` is Pulumi.yaml alone. */
    readonly example:
        | "basic"
        | "inventory"
        | "estate"
        | "estate-inventory"
        | "estate-yaml"
        | "estate-inventory-yaml"
        | PluginLanguage;
    /** Environment of every `pulumi` command (beyond the backend settings), e.g. OPENAI_BASE_URL. */
    readonly env?: Record<string, string>;
    /** For `basic` and `inventory`: a program of the test's own in place of the example's index.ts. */
    readonly program?: string;
    /** A PULUMI_HOME of the project's own (plugins installed there are the project's alone). */
    readonly pulumiHome?: string;
    /** PATH of every `pulumi` command, in place of the CLI's directory before this process's PATH. */
    readonly path?: string;
}

export interface Project {
    readonly dir: string;
    readonly stateDir: string;
    readonly stack: Stack;
    readonly ws: LocalWorkspace;
    readonly env: Record<string, string>;
    /** Runs the CLI itself in the project (for what Automation does not expose), returning its output. */
    pulumi(args: string[], opts?: { env?: Record<string, string>; allowFailure?: boolean }): Promise<CommandResult>;
}

export interface CommandResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * Runs a command without blocking this process: the fake Admin API answers from this process's
 * event loop, so a synchronous spawn of anything that calls it would wait on itself.
 */
export function run(
    command: string,
    args: string[],
    opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
        execFile(command, args, { ...opts, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
            const code = (err as { code?: unknown } | null)?.code;
            if (err && typeof code !== "number") return reject(err);
            resolve({ status: err ? (code as number) : 0, stdout, stderr });
        });
    });
}

let projectCounter = 0;

/** What every `pulumi` command here runs with: a file backend in `stateDir`, a passphrase, a private home. */
export function engineEnv(w: Workspace, stateDir: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_HOME: w.pulumiHome,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        ...extra,
    };
}

/** The example's Pulumi.yaml, runnable from the project directory. */
function projectYaml(example: ProjectOptions["example"]): string {
    const source =
        example === "basic" ? path.join(REPO, "Pulumi.yaml") : path.join(REPO, "examples", example, "Pulumi.yaml");
    // The root project points `main` at examples/basic/; the copy has index.ts beside Pulumi.yaml.
    return fs.readFileSync(source, "utf8").replace(/^main: .*\n/m, "");
}

export async function newProject(o: ProjectOptions): Promise<Project> {
    const w = await workspace();
    const n = ++projectCounter;
    const dir = path.join(w.dir, "projects", `${o.example}-${n}`);
    const stateDir = path.join(w.dir, "state", `${o.example}-${n}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.mkdirSync(stateDir, { recursive: true });
    if (
        o.example === "basic" ||
        o.example === "inventory" ||
        o.example === "estate" ||
        o.example === "estate-inventory"
    ) {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), projectYaml(o.example));
        if (o.program !== undefined) fs.writeFileSync(path.join(dir, "index.ts"), o.program);
        else fs.copyFileSync(path.join(REPO, "examples", o.example, "index.ts"), path.join(dir, "index.ts"));
    } else {
        // As shipped, without what `pulumi package add` and installs leave in a working copy.
        fs.cpSync(path.join(REPO, "examples", o.example), dir, {
            recursive: true,
            filter: (src) => !/[\\/](sdks|venv|go\.sum|Pulumi\.[^/]*\.yaml)$/.test(src),
        });
    }
    const env = engineEnv(w, stateDir, {
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        ...(o.pulumiHome ? { PULUMI_HOME: o.pulumiHome } : {}),
        ...(o.path ? { PATH: o.path } : {}),
        ...o.env,
    });
    const PATH = o.path ?? `${w.cliBin}${path.delimiter}${process.env.PATH}`;
    const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
    const stack = await LocalWorkspace.createOrSelectStack(
        { workDir: dir, stackName: "dev" },
        { pulumiCommand: w.command, envVars: env },
    );
    const ws = stack.workspace as LocalWorkspace;
    const pulumi: Project["pulumi"] = async (args, opts = {}) => {
        const out = await run(path.join(w.cliBin, "pulumi"), [...args, "--non-interactive"], {
            cwd: dir,
            env: { ...process.env, ...env, PATH, ...opts.env },
        });
        if (out.status !== 0 && !opts.allowFailure)
            throw new Error(`pulumi ${args.join(" ")} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
        return out;
    };
    return { dir, stateDir, stack, ws, env, pulumi };
}

/**
 * Copies a folder of the repository that depends on it through `file:` (an example, the plugin),
 * without what an install left there, and points that dependency at the packed package.
 */
function copyWithTarball(source: string, dir: string, repoSpec: string, tarball: string): void {
    fs.cpSync(source, dir, { recursive: true, filter: (src) => !/node_modules|package-lock\.json$/.test(src) });
    const pkgFile = path.join(dir, "package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { dependencies: Record<string, string> };
    assert.equal(
        pkg.dependencies["pulumi-openai-admin-keys"],
        repoSpec,
        `${path.relative(REPO, source)}/package.json must depend on the repository as ${repoSpec}`,
    );
    pkg.dependencies["pulumi-openai-admin-keys"] = `file:${tarball}`;
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
}

let sharedPlugin: Promise<string> | undefined;

/**
 * The provider plugin folder (`plugin/`) as a user has it, with the packed package in place of
 * `file:..`; not installed: `pulumi package add` installs it. One copy per test run.
 */
export function pluginFolder(): Promise<string> {
    sharedPlugin ??= (async () => {
        const w = await workspace();
        const dir = path.join(path.dirname(w.dir), "plugin");
        copyWithTarball(path.join(REPO, "plugin"), dir, "file:..", w.tarball);
        return dir;
    })();
    return sharedPlugin;
}

/**
 * Copies examples/<name> to a temporary directory and installs it as a user would, with the
 * packed package in place of `file:../..` (which the examples' .npmrc `install-links` also packs).
 */
export async function installExample(name: "inventory" | "policy-pack"): Promise<string> {
    const w = await workspace();
    const dir = path.join(path.dirname(w.dir), "examples", `${name}-${++projectCounter}`);
    copyWithTarball(path.join(REPO, "examples", name), dir, "file:../..", w.tarball);
    npm(["install"], dir);
    return dir;
}
