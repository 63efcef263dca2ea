/**
 * The release artifacts as a user has them, for the end-to-end tests: `npm run dist` once per test
 * run into a temporary directory, and what a user downloads copied out of it, away from any
 * checkout. Then each kind of project installs them as the README says: the plugin tarball with
 * `pulumi plugin install`, the wheel with pip (through requirements.txt), the Go SDK with `go get`
 * from a module proxy directory.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GO_SDK_MODULE, PYTHON_SDK_MODULE } from "../provider/plugin/schema";
import { VERSION } from "../provider/version";
import { dist } from "./dist";
import { tarballName, PLATFORMS } from "./dist/executable";
import { PluginLanguage, Project, run } from "./real-engine";

export interface Artifacts {
    /** Where `npm run dist` wrote everything (with SHA256SUMS). */
    readonly distDir: string;
    readonly sums: string;
    /** The host's executable plugin tarball, the wheel and the Go module proxy, copied out. */
    readonly tarball: string;
    readonly wheel: string;
    readonly goProxy: string;
}

let shared: Promise<Artifacts> | undefined;

/** Builds the artifacts once per test run. */
export function artifacts(): Promise<Artifacts> {
    shared ??= (async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "openai-admin-keys-artifacts-"));
        const distDir = path.join(root, "dist");
        const sums = await dist({ out: distDir, log: () => undefined });
        const downloads = path.join(root, "downloads");
        fs.mkdirSync(downloads);
        const host = PLATFORMS.find((p) => p.os === "linux" && p.arch === (os.arch() === "arm64" ? "arm64" : "amd64"))!;
        const tarball = path.join(downloads, tarballName(VERSION, host));
        fs.copyFileSync(path.join(distDir, path.basename(tarball)), tarball);
        const wheel = path.join(downloads, `${PYTHON_SDK_MODULE}-${VERSION}-py3-none-any.whl`);
        fs.copyFileSync(path.join(distDir, path.basename(wheel)), wheel);
        const goProxy = path.join(downloads, "goproxy");
        fs.cpSync(path.join(distDir, "goproxy"), goProxy, { recursive: true });
        return { distDir, sums, tarball, wheel, goProxy };
    })();
    return shared;
}

/**
 * `PATH` with no Node.js on it: each directory that has `node` (or npm, npx) is replaced by a
 * directory of links to everything else in it.
 */
export function pathWithoutNode(PATH: string): string {
    const hidden = new Set(["node", "nodejs", "npm", "npx", "corepack"]);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "path-without-node-"));
    const dirs = PATH.split(path.delimiter).map((dir, i) => {
        let names: string[];
        try {
            names = fs.readdirSync(dir);
        } catch {
            return dir;
        }
        if (!names.some((n) => hidden.has(n))) return dir;
        const copy = path.join(root, String(i));
        fs.mkdirSync(copy);
        for (const n of names) if (!hidden.has(n)) fs.symlinkSync(path.join(dir, n), path.join(copy, n));
        return copy;
    });
    const result = dirs.join(path.delimiter);
    const found = execFileSync("sh", ["-c", "command -v node || true"], { env: { PATH: result }, encoding: "utf8" });
    if (found.trim()) throw new Error(`node is still on the PATH made without it: ${found.trim()}`);
    return result;
}

/** What the project's language needs in its environment to install the Go SDK from the proxy directory. */
export function goEnv(a: Artifacts): Record<string, string> {
    const upstream = execFileSync("go", ["env", "GOPROXY"], { encoding: "utf8" }).trim();
    return { GOPROXY: `file://${a.goProxy},${upstream}`, GONOSUMDB: GO_SDK_MODULE };
}

/**
 * Installs the artifacts in `project` as the README tells a user to: the plugin, then the SDK
 * through the language's own dependency file, then `pulumi install`. Returns what each printed.
 */
export async function installAsUser(project: Project, language: PluginLanguage, a: Artifacts): Promise<string[]> {
    const printed: string[] = [];
    const out = await project.pulumi([
        "plugin",
        "install",
        "resource",
        "openai-admin-keys",
        VERSION,
        "--file",
        a.tarball,
    ]);
    printed.push(out.stdout + out.stderr);
    if (language === "python") {
        const file = path.join(project.dir, "requirements.txt");
        fs.appendFileSync(file, `${a.wheel}\n`);
    } else if (language === "go") {
        const get = await run("go", ["get", `${GO_SDK_MODULE}@v${VERSION}`], {
            cwd: project.dir,
            env: { ...process.env, ...goEnv(a) },
        });
        if (get.status !== 0) throw new Error(`go get failed:\n${get.stderr}`);
        printed.push(get.stdout + get.stderr);
    }
    if (language !== "yaml") {
        const install = await project.pulumi(["install"]);
        printed.push(install.stdout + install.stderr);
    }
    return printed;
}
