/**
 * `pulumi preview` of a program that records the keys once (the inventory, which lists during
 * check): the dynamic provider from TypeScript against the provider plugin from YAML and Python,
 * as the executable plugin and through `pulumi package add`, under the real CLI, against the same
 * fake in the same run. What it shows is the plugin's start-up cost; `measureStartup` times the
 * executable's start-up and one listing directly, as the engine sees them.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXECUTABLE } from "../scripts/dist/executable";
import { artifacts, installAsUser, pathWithoutNode } from "../scripts/installed-artifacts";
import { PluginClient } from "../scripts/plugin-client";
import { newProject, pluginFolder, Project, workspace } from "../scripts/real-engine";

/** The YAML program: the inventory alone, as the TypeScript program's only listing is. */
const YAML_INVENTORY = `name: openai-admin-keys-yaml
runtime: yaml
resources:
  adminKeys:
    type: openai-admin-keys:index:AdminApiKeyInventory
outputs:
  adminKeyCount: \${adminKeys.count}
`;

/** The Python program: the inventory alone. */
const PYTHON_INVENTORY = `import pulumi
import pulumi_openai_admin_keys as admin_keys

inventory = admin_keys.AdminApiKeyInventory("adminKeys")
pulumi.export("adminKeyCount", inventory.count)
`;

/** The same YAML program without the plugin: the CLI and the YAML host alone, to subtract. */
const YAML_EMPTY = `name: openai-admin-keys-yaml
runtime: yaml
outputs:
  adminKeyCount: 100
`;

export interface PreviewRow {
    readonly label: string;
    readonly runs: number;
    /** Median wall time of `pulumi preview`, ms. */
    readonly ms: number;
    readonly minMs: number;
    readonly maxMs: number;
}

async function timedPreview(project: Project, expectedCount: number): Promise<number> {
    const started = process.hrtime.bigint();
    const out = await project.pulumi(["preview"]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Only a preview that listed every key counts.
    if (!new RegExp(`adminKeyCount\\s*:\\s*${expectedCount}\\b`).test(out.stdout))
        throw new Error(`the preview did not list ${expectedCount} keys:\n${out.stdout}`);
    return ms;
}

/** Runs `runs` previews of each form, alternating, after one warm-up preview each. */
export async function measurePreviews(
    server: { baseUrl: string; adminKey: string },
    count: number,
    runs: number,
    median: (xs: number[]) => number,
): Promise<PreviewRow[]> {
    const dynamic = await newProject({ example: "inventory", env: { OPENAI_BASE_URL: server.baseUrl } });
    await dynamic.stack.setConfig("openai:adminKey", { value: server.adminKey, secret: true });

    const w = await workspace();
    const noNode = pathWithoutNode(`${w.cliBin}${path.delimiter}${process.env.PATH}`);
    const pluginProject = async (language: "yaml" | "python", file: string, program: string, installed: boolean) => {
        const project = installed
            ? await newProject({
                  example: language,
                  pulumiHome: fs.mkdtempSync(path.join(os.tmpdir(), "bench-pulumi-home-")),
                  path: noNode,
              })
            : await newProject({ example: language });
        fs.writeFileSync(path.join(project.dir, file), program);
        if (installed) await installAsUser(project, language, await artifacts());
        else await project.pulumi(["package", "add", await pluginFolder()]);
        await project.stack.setConfig("openai-admin-keys:adminKey", { value: server.adminKey, secret: true });
        await project.stack.setConfig("openai-admin-keys:baseUrl", { value: server.baseUrl });
        return project;
    };
    const exeYaml = await pluginProject("yaml", "Pulumi.yaml", YAML_INVENTORY, true);
    const exePython = await pluginProject("python", "__main__.py", PYTHON_INVENTORY, true);
    const yaml = await pluginProject("yaml", "Pulumi.yaml", YAML_INVENTORY, false);
    const python = await pluginProject("python", "__main__.py", PYTHON_INVENTORY, false);

    const empty = await newProject({ example: "yaml" });
    fs.writeFileSync(path.join(empty.dir, "Pulumi.yaml"), YAML_EMPTY);

    const forms = [
        { label: "dynamic provider, TypeScript program", project: dynamic, times: [] as number[] },
        { label: "executable plugin, YAML program", project: exeYaml, times: [] as number[] },
        { label: "executable plugin, Python program", project: exePython, times: [] as number[] },
        { label: "`package add` plugin (Node.js host), YAML program", project: yaml, times: [] as number[] },
        { label: "`package add` plugin (Node.js host), Python program", project: python, times: [] as number[] },
        {
            label: "YAML program without the plugin (no listing: CLI and YAML host only)",
            project: empty,
            times: [] as number[],
        },
    ];
    for (const f of forms) await timedPreview(f.project, count); // warm-up: caches, plugin install
    for (let i = 0; i < runs; i++) for (const f of forms) f.times.push(await timedPreview(f.project, count));
    return forms.map((f) => ({
        label: f.label,
        runs,
        ms: median(f.times),
        minMs: Math.min(...f.times),
        maxMs: Math.max(...f.times),
    }));
}

export function previewTable(rows: PreviewRow[]): string {
    const base = rows[0];
    const [, exe, , added, , empty] = rows;
    return [
        "| form | `pulumi preview`, median | min | max | vs dynamic |",
        "|---|---:|---:|---:|---:|",
        ...rows.map(
            (r) =>
                `| ${r.label} | ${Math.round(r.ms)} ms | ${Math.round(r.minMs)} ms | ${Math.round(r.maxMs)} ms | ${(r.ms / base.ms).toFixed(2)}x |`,
        ),
        "",
        `A plugin's start-up and one listing, as its YAML preview less the same program's without it: executable ${Math.round(exe.ms - empty.ms)} ms, \`package add\` form ${Math.round(added.ms - empty.ms)} ms.`,
    ].join("\n");
}

export interface StartupRow {
    readonly label: string;
    readonly ms: number;
    readonly minMs: number;
    readonly maxMs: number;
}

/** Milliseconds from `spawn` to `until(child)` resolving; the child is stopped after. */
async function timedSpawn(
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    until: (child: ReturnType<typeof spawn>) => Promise<void>,
): Promise<number> {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    try {
        await until(child);
        return Number(process.hrtime.bigint() - started) / 1e6;
    } finally {
        child.kill();
    }
}

const port = (child: ReturnType<typeof spawn>) =>
    new Promise<number>((resolve, reject) => {
        child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
        child.once("exit", (code) => reject(new Error(`exited (${code}) before listening`)));
    });

/**
 * The executable plugin as the engine starts it (no Node.js on PATH): from spawn to the result of
 * its first `getAdminApiKeys` of `count` keys (CheckConfig, Configure, Invoke over gRPC); beside
 * it, the same machine's floor for any Node.js program, `node -e 0` from spawn to exit.
 */
export async function measureStartup(
    server: { baseUrl: string; adminKey: string },
    count: number,
    runs: number,
    median: (xs: number[]) => number,
): Promise<StartupRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-executable-"));
    execFileSync("tar", ["-xzf", (await artifacts()).tarball, "-C", dir]);
    const exe = path.join(dir, EXECUTABLE);
    const env = { PATH: pathWithoutNode(process.env.PATH!) };
    const providerUrn = "urn:pulumi:bench::bench::pulumi:providers:openai-admin-keys::default";
    const listing = async (child: ReturnType<typeof spawn>) => {
        const client = new PluginClient(await port(child));
        try {
            await client.checkConfig(providerUrn, { adminKey: server.adminKey, baseUrl: server.baseUrl });
            await client.configure(providerUrn, { baseUrl: server.baseUrl });
            const out = await client.invoke("openai-admin-keys:index:getAdminApiKeys", {});
            const ids = (out.outputs as { ids?: string[] } | undefined)?.ids ?? [];
            if (ids.length !== count) throw new Error(`the plugin listed ${ids.length} keys, not ${count}`);
        } finally {
            client.close();
        }
    };
    const forms = [
        {
            label: `executable plugin: start-up and one listing of ${count} keys`,
            run: () => timedSpawn(exe, [], env, listing),
        },
        {
            label: "executable plugin: start-up to listening",
            run: () => timedSpawn(exe, [], env, async (c) => void (await port(c))),
        },
        {
            label: "`node -e 0` (the floor of any Node.js program here)",
            run: () =>
                timedSpawn(
                    process.execPath,
                    ["-e", "0"],
                    process.env,
                    (c) => new Promise((r) => c.once("exit", () => r())),
                ),
        },
    ].map((f) => ({ ...f, times: [] as number[] }));
    for (const f of forms) await f.run(); // warm-up: the page cache
    for (let i = 0; i < runs; i++) for (const f of forms) f.times.push(await f.run());
    return forms.map((f) => ({
        label: f.label,
        ms: median(f.times),
        minMs: Math.min(...f.times),
        maxMs: Math.max(...f.times),
    }));
}

/** The executable's start-up target, ms (start-up plus one listing). */
export const STARTUP_TARGET_MS = 300;

export function startupTable(rows: StartupRow[]): string {
    const floor = rows[rows.length - 1];
    return [
        "| what | median | min | max | vs `node -e 0` |",
        "|---|---:|---:|---:|---:|",
        ...rows.map(
            (r) =>
                `| ${r.label} | ${Math.round(r.ms)} ms | ${Math.round(r.minMs)} ms | ${Math.round(r.maxMs)} ms | ${(r.ms / floor.ms).toFixed(2)}x |`,
        ),
    ].join("\n");
}
