/**
 * `pulumi preview` of a program that records the keys once (the inventory, which lists during
 * check): the dynamic provider from TypeScript against the provider plugin from YAML and Python,
 * under the real CLI, against the same fake in the same run. What it shows is the plugin's
 * start-up cost.
 */
import * as fs from "fs";
import * as path from "path";
import { newProject, pluginFolder, Project } from "../scripts/real-engine";

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

    const pluginProject = async (language: "yaml" | "python", file: string, program: string) => {
        const project = await newProject({ example: language });
        fs.writeFileSync(path.join(project.dir, file), program);
        await project.pulumi(["package", "add", await pluginFolder()]);
        await project.stack.setConfig("openai-admin-keys:adminKey", { value: server.adminKey, secret: true });
        await project.stack.setConfig("openai-admin-keys:baseUrl", { value: server.baseUrl });
        return project;
    };
    const yaml = await pluginProject("yaml", "Pulumi.yaml", YAML_INVENTORY);
    const python = await pluginProject("python", "__main__.py", PYTHON_INVENTORY);

    const empty = await newProject({ example: "yaml" });
    fs.writeFileSync(path.join(empty.dir, "Pulumi.yaml"), YAML_EMPTY);

    const forms = [
        { label: "dynamic provider, TypeScript program", project: dynamic, times: [] as number[] },
        { label: "provider plugin, YAML program", project: yaml, times: [] as number[] },
        { label: "provider plugin, Python program", project: python, times: [] as number[] },
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
    const [, plugin, , empty] = rows;
    return [
        "| form | `pulumi preview`, median | min | max | vs dynamic |",
        "|---|---:|---:|---:|---:|",
        ...rows.map(
            (r) =>
                `| ${r.label} | ${Math.round(r.ms)} ms | ${Math.round(r.minMs)} ms | ${Math.round(r.maxMs)} ms | ${(r.ms / base.ms).toFixed(2)}x |`,
        ),
        "",
        `The plugin's start-up and one listing cost ${Math.round(plugin.ms - empty.ms)} ms (its preview less the same YAML program's without it).`,
    ].join("\n");
}
