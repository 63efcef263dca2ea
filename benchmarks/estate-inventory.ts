/**
 * The estate inventory at scale, under the real CLI: a TypeScript program recording an estate of
 * hundreds of projects and thousands of keys. Against the listing alone (listOrganizationApiKeys in a
 * fresh process, same server, same run), it measures what the stack costs: state size, a preview
 * with no change, and one with one key renamed out of band. Two sizes, so the engine's own work
 * (a preview less the listing) shows whether it grows linearly with keys.
 */
import { getJson, runClientProcess, startServerProcess } from "./processes";
import { newProject } from "../scripts/real-engine";
import { ESTATE_INVENTORY_TYPE } from "../provider/inventory/resource-type";

/** The seed whose 300 projects hold about 10,000 keys (10,272). */
export const ESTATE_INVENTORY_SEED = 166;

export interface EstateInventoryRow {
    readonly projects: number;
    readonly keys: number;
    readonly listingMs: number;
    readonly upMs: number;
    /** The inventory resource in the state (its inputs and outputs), bytes of JSON. */
    readonly resourceBytes: number;
    /** The whole `pulumi stack export`, bytes. */
    readonly stateBytes: number;
    readonly noChangeMs: number;
    readonly changeMs: number;
}

type Server = { baseUrl: string; adminKey: string; control: string; expected: number; stop: () => void };

async function timed(f: () => Promise<unknown>): Promise<number> {
    const started = process.hrtime.bigint();
    await f();
    return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Measures one size: `runs` of each timing, medians. */
export async function measureEstateInventory(
    projects: number,
    runs: number,
    median: (xs: number[]) => number,
    log: (line: string) => void,
): Promise<EstateInventoryRow> {
    const server = await startServerProcess<Server>("estate-server.js", {
        projects,
        latencyMs: 0,
        seed: ESTATE_INVENTORY_SEED,
    });
    try {
        const listing: number[] = [];
        for (let i = 0; i < runs; i++) {
            const r = await runClientProcess<{ ok: boolean; ms: number; error?: string }>("estate-client.js", {
                impl: "ours",
                baseUrl: server.baseUrl,
                adminKey: server.adminKey,
                expected: server.expected,
            });
            if (!r.ok) throw new Error(`the estate listing failed: ${r.error}`);
            listing.push(r.ms);
        }
        const project = await newProject({ example: "estate-inventory", env: { OPENAI_BASE_URL: server.baseUrl } });
        await project.stack.setConfig("openai:adminKey", { value: server.adminKey, secret: true });
        log(`  ${projects} projects: up\n`);
        let keys = 0;
        const upMs = await timed(async () => {
            const up = await project.stack.up();
            keys = up.outputs.projectKeyCount.value as number;
        });
        const exported = await project.stack.exportStack();
        const resource = (exported.deployment.resources as Array<{ type: string }>).find(
            (r) => r.type === ESTATE_INVENTORY_TYPE,
        );
        const preview = async (expectChange: boolean) => {
            const out = await project.pulumi(["preview", "--json"]);
            const steps = (JSON.parse(out.stdout) as { steps?: Array<{ op: string }> }).steps ?? [];
            const changed = steps.some((s) => s.op === "update");
            if (changed !== expectChange)
                throw new Error(`expected ${expectChange ? "a" : "no"} change:\n${out.stdout.slice(0, 2000)}`);
        };
        const noChange: number[] = [];
        const change: number[] = [];
        for (let i = 0; i < runs; i++) {
            log(`  ${projects} projects: previews, run ${i + 1} of ${runs}\n`);
            noChange.push(await timed(() => preview(false)));
            await getJson(`${server.control}/rename`);
            change.push(await timed(() => preview(true)));
            // Record the rename, so the next no-change preview has none.
            await project.stack.up();
        }
        return {
            projects,
            keys,
            listingMs: median(listing),
            upMs,
            resourceBytes: JSON.stringify(resource).length,
            stateBytes: JSON.stringify(exported).length,
            noChangeMs: median(noChange),
            changeMs: median(change),
        };
    } finally {
        server.stop();
    }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The table, and the engine's own work per 1,000 keys at each size. */
export function estateInventoryTable(rows: readonly EstateInventoryRow[]): string {
    const perKey = (r: EstateInventoryRow, ms: number) => ((ms - r.listingMs) / r.keys) * 1000;
    return [
        "| projects | project keys | listing alone | `pulumi up` (first) | inventory in state | whole state | preview, no change | vs listing | preview, one key renamed | vs listing |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ...rows.map(
            (r) =>
                `| ${r.projects} | ${r.keys.toLocaleString("en")} | ${s(r.listingMs)} | ${s(r.upMs)} | ${kb(r.resourceBytes)} (${(r.resourceBytes / r.keys).toFixed(0)} B a key) | ${kb(r.stateBytes)} | ${s(r.noChangeMs)} | ${(r.noChangeMs / r.listingMs).toFixed(2)}x | ${s(r.changeMs)} | ${(r.changeMs / r.listingMs).toFixed(2)}x |`,
        ),
        "",
        "The engine's own work (a preview less the listing alone), per 1,000 keys: " +
            rows
                .map(
                    (r) =>
                        `${r.keys.toLocaleString("en")} keys: ${perKey(r, r.noChangeMs).toFixed(0)} ms without change, ${perKey(r, r.changeMs).toFixed(0)} ms with one`,
                )
                .join("; ") +
            ".",
    ].join("\n");
}

/**
 * Linear or better: the engine's work per key at the largest size is at most 1.25 times that at
 * the smallest (a quadratic cost would double it between sizes a factor of two apart).
 */
export function estateInventoryVerdict(rows: readonly EstateInventoryRow[]): string {
    const [small, large] = [rows[0], rows[rows.length - 1]];
    const perKey = (r: EstateInventoryRow) => (r.changeMs - r.listingMs) / r.keys;
    const ratio = perKey(large) / perKey(small);
    return `- ${ratio <= 1.25 ? "met" : "MISSED"}: the estate inventory's preview grows linearly with keys: engine work per key at ${large.keys.toLocaleString("en")} keys is ${ratio.toFixed(2)}x that at ${small.keys.toLocaleString("en")} (target <= 1.25x)`;
}
