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
import { listeningPort, PluginClient } from "../scripts/plugin-client";
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

/** One timed form: the median, fastest and slowest of its runs, ms. */
export interface TimedRow {
    readonly label: string;
    readonly runs: number;
    readonly ms: number;
    readonly minMs: number;
    readonly maxMs: number;
}

/** Runs each form once to warm up, then `runs` times, alternating, and summarizes each. */
async function alternating(
    forms: Array<{ label: string; run: () => Promise<number> }>,
    runs: number,
    median: (xs: number[]) => number,
): Promise<TimedRow[]> {
    const times = forms.map(() => [] as number[]);
    for (const f of forms) await f.run();
    for (let i = 0; i < runs; i++) for (const [j, f] of forms.entries()) times[j].push(await f.run());
    return forms.map((f, j) => ({
        label: f.label,
        runs,
        ms: median(times[j]),
        minMs: Math.min(...times[j]),
        maxMs: Math.max(...times[j]),
    }));
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
): Promise<TimedRow[]> {
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

    const forms: Array<[string, Project]> = [
        ["dynamic provider, TypeScript program", dynamic],
        ["executable plugin, YAML program", exeYaml],
        ["executable plugin, Python program", exePython],
        ["`package add` plugin (Node.js host), YAML program", yaml],
        ["`package add` plugin (Node.js host), Python program", python],
        ["YAML program without the plugin (no listing: CLI and YAML host only)", empty],
    ];
    // The warm-up run fills caches and installs what the plugins need.
    return alternating(
        forms.map(([label, project]) => ({ label, run: () => timedPreview(project, count) })),
        runs,
        median,
    );
}

export function previewTable(rows: TimedRow[]): string {
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
): Promise<TimedRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-executable-"));
    execFileSync("tar", ["-xzf", (await artifacts()).tarball, "-C", dir]);
    const exe = path.join(dir, EXECUTABLE);
    const env = { PATH: pathWithoutNode(process.env.PATH!) };
    const providerUrn = "urn:pulumi:bench::bench::pulumi:providers:openai-admin-keys::default";
    const listing = async (child: ReturnType<typeof spawn>) => {
        const client = new PluginClient(await listeningPort(child));
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
            run: () => timedSpawn(exe, [], env, async (c) => void (await listeningPort(c))),
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
    ];
    // The warm-up run fills the page cache.
    return alternating(forms, runs, median);
}

/** The executable's start-up target, ms (start-up plus one listing). */
export const STARTUP_TARGET_MS = 300;

export function startupTable(rows: TimedRow[]): string {
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
