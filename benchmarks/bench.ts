/**
 * `npm run bench`: our listing against the official `openai` SDK's auto-pagination
 * (`admin.organization.adminAPIKeys.list()`), on the fake Admin API with injected latency.
 *
 * Each measurement is one listing in a fresh client process (benchmarks/client.js), so CPU time
 * and peak RSS belong to that client; the server runs in its own process. Clients alternate
 * within each run, and the table shows medians. Results go to stdout and docs/benchmarks.md.
 *
 * BENCH_RUNS (default 5) sets the runs per scenario; BENCH_QUICK=1 runs a small smoke version;
 * BENCH_ONLY=<text> runs the scenarios whose name contains the text.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { measurePreviews, measureStartup, previewTable, STARTUP_TARGET_MS, startupTable } from "./preview";
import { EstateScenario, estateReport, estateVerdicts, measureEstate } from "./estate";
import { getJson, median, runClientProcess, startServerProcess } from "./processes";
import {
    estateInventoryTable,
    estateInventoryVerdict,
    EstateInventoryRow,
    measureEstateInventory,
} from "./estate-inventory";

type Impl = { id: string; label: string; impl: "ours" | "ours-one-cursor" | "sdk"; pageSize?: number };
type Result = {
    ok: boolean;
    ms: number;
    requireMs: number;
    keys: number;
    cpuMs: number;
    maxRssMb: number;
    error?: string;
    requests: number;
    throttled: number;
};
type Scenario = {
    name: string;
    count: number;
    latencyMs: number;
    runs: number;
    impls: Impl[];
    rateLimit?: { perMinute: number; burst: number };
    freshServerPerRun?: boolean;
    coldStart?: boolean;
};

const OURS: Impl = { id: "ours", label: "ours (two-ended, 100/page)", impl: "ours" };
const OURS_ONE: Impl = { id: "ours1", label: "ours (one cursor, 100/page)", impl: "ours-one-cursor" };
const SDK100: Impl = { id: "sdk100", label: "openai SDK, limit 100", impl: "sdk", pageSize: 100 };
const SDK20: Impl = { id: "sdk20", label: "openai SDK, default (20/page)", impl: "sdk" };

const QUICK = process.env.BENCH_QUICK === "1";
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 5));
const ROOT = path.join(__dirname, "..");

/** Loading the library and listing one page in a fresh process: what a script or a CI job pays. */
const COLD: Scenario = {
    name: "Cold start: require, then one page (N = 100) at 0 ms",
    count: 100,
    latencyMs: 0,
    runs: Math.max(RUNS, 5) * 2,
    impls: [OURS, SDK100],
    coldStart: true,
};

const scenarios: Scenario[] = QUICK
    ? [
          COLD,
          {
              name: "N = 2,000 at 20 ms",
              count: 2000,
              latencyMs: 20,
              runs: RUNS,
              impls: [OURS, OURS_ONE, SDK100, SDK20],
          },
          { name: "N = 10,000 at 0 ms", count: 10000, latencyMs: 0, runs: RUNS, impls: [OURS, SDK100] },
      ]
    : [
          COLD,
          { name: "N = 100 at 20 ms", count: 100, latencyMs: 20, runs: RUNS, impls: [OURS, OURS_ONE, SDK100, SDK20] },
          {
              name: "N = 2,000 at 20 ms",
              count: 2000,
              latencyMs: 20,
              runs: RUNS,
              impls: [OURS, OURS_ONE, SDK100, SDK20],
          },
          {
              name: "N = 20,000 at 20 ms",
              count: 20000,
              latencyMs: 20,
              runs: RUNS,
              impls: [OURS, OURS_ONE, SDK100, SDK20],
          },
          {
              name: "N = 100,000 at 0 ms",
              count: 100000,
              latencyMs: 0,
              runs: RUNS,
              impls: [OURS, OURS_ONE, SDK100, SDK20],
          },
          {
              name: "Throttled: N = 1,000 at 20 ms, 30 requests/min, burst 3, 429 without Retry-After",
              count: 1000,
              latencyMs: 20,
              runs: Math.min(RUNS, 3),
              impls: [OURS, SDK100, SDK20],
              rateLimit: { perMinute: 30, burst: 3 },
              freshServerPerRun: true,
          },
      ];

function startServer(s: Scenario): Promise<{ baseUrl: string; adminKey: string; control: string; stop: () => void }> {
    return startServerProcess("server.js", { count: s.count, latencyMs: s.latencyMs, rateLimit: s.rateLimit });
}

function control(url: string): Promise<{ requests: number; throttled: number }> {
    return getJson(url);
}

function runClient(
    impl: Impl,
    server: { baseUrl: string; adminKey: string },
    expected: number,
    coldStart = false,
): Promise<Omit<Result, "requests" | "throttled">> {
    const arg = {
        impl: impl.impl,
        pageSize: impl.pageSize,
        baseUrl: server.baseUrl,
        adminKey: server.adminKey,
        expected,
        coldStart,
    };
    return runClientProcess("client.js", arg, ["--expose-gc"]);
}

async function measure(s: Scenario): Promise<Map<string, Result[]>> {
    const results = new Map<string, Result[]>(s.impls.map((i) => [i.id, []]));
    let server = s.freshServerPerRun ? undefined : await startServer(s);
    try {
        for (let run = 0; run < s.runs; run++) {
            // Alternate who goes first, so drift on the machine does not favour one client.
            const order = s.impls.map((_, i) => s.impls[(i + run) % s.impls.length]);
            for (const impl of order) {
                if (s.freshServerPerRun) {
                    server?.stop();
                    server = await startServer(s);
                }
                await control(`${server!.control}/reset`);
                const r = await runClient(impl, server!, s.count, s.coldStart);
                const stats = await control(`${server!.control}/stats`);
                results.get(impl.id)!.push({ ...r, ...stats });
                process.stderr.write(
                    `  ${s.name} | run ${run + 1}/${s.runs} | ${impl.label}: ${r.ok ? `${r.ms.toFixed(0)} ms` : `FAILED ${r.error ?? `${r.keys} keys`}`}, ${stats.requests} requests, ${stats.throttled} 429s\n`,
                );
            }
        }
    } finally {
        server?.stop();
    }
    return results;
}

type Row = {
    impl: Impl;
    ms: number;
    requireMs: number;
    cpuMs: number;
    rss: number;
    requests: number;
    throttled: number;
    ok: number;
    runs: number;
    error?: string;
};

function summarize(s: Scenario, res: Map<string, Result[]>): Row[] {
    return s.impls.map((impl) => {
        const rs = res.get(impl.id)!;
        const good = rs.filter((r) => r.ok);
        const use = good.length ? good : rs;
        return {
            impl,
            ms: median(use.map((r) => r.ms)),
            requireMs: median(use.map((r) => r.requireMs)),
            cpuMs: median(use.map((r) => r.cpuMs)),
            rss: median(use.map((r) => r.maxRssMb)),
            requests: median(use.map((r) => r.requests)),
            throttled: median(rs.map((r) => r.throttled)),
            ok: good.length,
            runs: rs.length,
            error: rs.find((r) => !r.ok)?.error,
        };
    });
}

/** The cold-start table: time to require the library, and to require it and list one page. */
function coldTable(rows: Row[]): string {
    const sdk = rows.find((r) => r.impl.impl === "sdk")!;
    const lines = rows.map((r) =>
        [
            r.impl.id === "ours" ? "pulumi-openai-admin-keys (main entry)" : "openai SDK",
            `${r.ok}/${r.runs}`,
            `${r.requireMs.toFixed(1)} ms`,
            `${(r.requireMs / sdk.requireMs).toFixed(2)}x`,
            `${(r.requireMs + r.ms).toFixed(1)} ms`,
            `${((r.requireMs + r.ms) / (sdk.requireMs + sdk.ms)).toFixed(2)}x`,
        ].join(" | "),
    );
    return [
        "| client | completed | require | vs SDK | require + one page | vs SDK |",
        "|---|---|---|---|---|---|",
        ...lines.map((l) => `| ${l} |`),
    ].join("\n");
}

function table(rows: Row[]): string {
    const ours = rows.find((r) => r.impl.id === "ours")!;
    const head =
        "| client | completed | median time | vs SDK 100 | vs SDK 20 | CPU (median) | peak RSS | requests | 429s |";
    const sep = "|---|---|---|---|---|---|---|---|---|";
    const sdk100 = rows.find((r) => r.impl.id === "sdk100");
    const sdk20 = rows.find((r) => r.impl.id === "sdk20");
    const ratio = (a: Row, b?: Row) => (b && b.ok > 0 && a.ok > 0 ? `${(a.ms / b.ms).toFixed(2)}x` : "n/a");
    const lines = rows.map((r) =>
        [
            r.impl.label,
            `${r.ok}/${r.runs}${r.ok < r.runs && r.error ? ` (${r.error.slice(0, 60)})` : ""}`,
            `${(r.ms / 1000).toFixed(3)} s`,
            r === sdk100 ? "1.00x" : ratio(r, sdk100),
            r === sdk20 ? "1.00x" : ratio(r, sdk20),
            `${r.cpuMs.toFixed(0)} ms${sdk100 && r !== sdk100 ? ` (${(r.cpuMs / sdk100.cpuMs).toFixed(2)}x)` : ""}`,
            `${r.rss.toFixed(0)} MB${sdk100 && r !== sdk100 ? ` (${(r.rss / sdk100.rss).toFixed(2)}x)` : ""}`,
            String(r.requests),
            String(r.throttled),
        ].join(" | "),
    );
    void ours;
    return [head, sep, ...lines.map((l) => `| ${l} |`)].join("\n");
}

function verdicts(all: Array<{ s: Scenario; rows: Row[] }>): string[] {
    const get = (name: string, id: string) =>
        all.find((a) => a.s.name.startsWith(name))?.rows.find((r) => r.impl.id === id);
    const out: string[] = [];
    const check = (
        label: string,
        value: number | undefined,
        limit: number,
        fmt = (v: number) => `${v.toFixed(2)}x`,
    ) => {
        if (value === undefined || !Number.isFinite(value)) return;
        out.push(`- ${value <= limit ? "met" : "MISSED"}: ${label}: ${fmt(value)} (target <= ${fmt(limit)})`);
    };
    const oCold = get("Cold start", "ours"),
        sCold = get("Cold start", "sdk100");
    if (oCold && sCold) {
        check('cold start, require of the main entry vs require("openai")', oCold.requireMs / sCold.requireMs, 1.5);
        check(
            "cold start, require + one-page listing vs the openai SDK",
            (oCold.requireMs + oCold.ms) / (sCold.requireMs + sCold.ms),
            1.2,
        );
    }
    const o20k = get("N = 20,000", "ours"),
        s100_20k = get("N = 20,000", "sdk100"),
        s20_20k = get("N = 20,000", "sdk20");
    if (o20k && s100_20k) check("N = 20,000 at 20 ms, time vs SDK at 100/page", o20k.ms / s100_20k.ms, 0.55);
    if (o20k && s20_20k) check("N = 20,000 at 20 ms, time vs SDK at its default page size", o20k.ms / s20_20k.ms, 0.12);
    const o100 = get("N = 100 at", "ours"),
        s100 = get("N = 100 at", "sdk100");
    if (o100 && s100) {
        check("N = 100 at 20 ms, time vs SDK at 100/page", o100.ms / s100.ms, 1.0);
        out.push(`- ${o100.requests <= 1 ? "met" : "MISSED"}: N = 100, requests: ${o100.requests} (target: 1)`);
    }
    const oBig = get("N = 100,000", "ours"),
        sBig = get("N = 100,000", "sdk100");
    if (oBig && sBig) {
        check("N = 100,000 at 0 ms, CPU vs SDK at 100/page", oBig.cpuMs / sBig.cpuMs, 1.3);
        check("N = 100,000 at 0 ms, peak RSS vs SDK at 100/page", oBig.rss / sBig.rss, 1.0);
    }
    const oT = get("Throttled", "ours"),
        sT = get("Throttled", "sdk20");
    if (oT && sT) {
        const sdkWorse = sT.ok < sT.runs || sT.ms > oT.ms;
        // The floor the rate sets: successful requests beyond the burst divided by the rate.
        const rate = all.find((a) => a.s.name.startsWith("Throttled"))?.s.rateLimit;
        if (rate) {
            const floor = (Math.max(0, oT.requests - oT.throttled - rate.burst) / rate.perMinute) * 60_000;
            check(
                `throttled (${rate.perMinute}/min, burst ${rate.burst}), time vs the rate's floor`,
                oT.ms / floor,
                1.25,
            );
        }
        out.push(
            `- ${oT.ok === oT.runs && sdkWorse && oT.throttled < Math.max(1, sT.throttled) ? "met" : "MISSED"}: throttled: ours completed ${oT.ok}/${oT.runs} in ${(oT.ms / 1000).toFixed(1)} s with ${oT.throttled} 429s; ` +
                `SDK (default) completed ${sT.ok}/${sT.runs}${sT.ok ? ` in ${(sT.ms / 1000).toFixed(1)} s` : ""} with ${sT.throttled} 429s`,
        );
    }
    return out;
}

const PREVIEW_NAME = "Pulumi preview: dynamic provider vs provider plugin";

async function main(): Promise<void> {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
    const started = new Date();
    const all: Array<{ s: Scenario; rows: Row[] }> = [];
    // BENCH_ONLY=<text> runs only the scenarios whose name contains it (docs are then not written).
    const only = process.env.BENCH_ONLY;
    for (const s of scenarios.filter((x) => !only || x.name.includes(only))) {
        process.stderr.write(`${s.name}\n`);
        const rows = summarize(s, await measure(s));
        all.push({ s, rows });
        console.log(`\n### ${s.name} (${s.runs} runs)\n\n${s.coldStart ? coldTable(rows) : table(rows)}\n`);
    }
    let preview = "";
    const startupVerdicts: string[] = [];
    if (!only || PREVIEW_NAME.includes(only)) {
        process.stderr.write(`${PREVIEW_NAME}\n`);
        const server = await startServer({ name: PREVIEW_NAME, count: 100, latencyMs: 0, runs: 1, impls: [] });
        try {
            const startup = await measureStartup(server, 100, 10, median);
            const first = startup[0];
            startupVerdicts.push(
                `- ${first.ms <= STARTUP_TARGET_MS ? "met" : "MISSED"}: the executable plugin's start-up and one listing: ${Math.round(first.ms)} ms median, ${(first.ms / startup[startup.length - 1].ms).toFixed(2)}x \`node -e 0\` (target <= ${STARTUP_TARGET_MS} ms)`,
            );
            const rows = await measurePreviews(server, 100, Math.min(RUNS, 5), median);
            preview = [
                `## ${PREVIEW_NAME}`,
                "",
                `${rows[0].runs} runs each, alternating, after one warm-up each. Wall time of the whole command (CLI, language`,
                "host, program, provider start and one listing of 100 keys at 0 ms latency), through the provisioned CLI.",
                "",
                previewTable(rows),
                "",
                "The executable plugin alone, as the engine starts it (no Node.js on PATH), 10 runs each, alternating: from",
                "spawn to the result of its first getAdminApiKeys of 100 keys (CheckConfig, Configure, Invoke over gRPC).",
                "",
                startupTable(startup),
                "",
            ].join("\n");
            console.log(`\n${preview}`);
        } finally {
            server.stop();
        }
    }
    const ESTATE_NAME = "The estate: every project's keys and service accounts";
    const estateRuns = Math.max(1, Math.min(RUNS, 3));
    const estateScenarios: EstateScenario[] = QUICK
        ? [{ name: "Estate of 30 projects at 20 ms", projects: 30, latencyMs: 20, impls: ["ours", "sdk"], runs: 1 }]
        : [
              {
                  name: "Estate of 30 projects at 20 ms",
                  projects: 30,
                  latencyMs: 20,
                  impls: ["ours", "sdk"],
                  runs: estateRuns,
              },
              {
                  name: "Estate of 300 projects at 20 ms",
                  projects: 300,
                  latencyMs: 20,
                  impls: ["ours", "sdk"],
                  runs: estateRuns,
              },
              {
                  name: "Estate of 30 projects, 30 requests a minute per endpoint (burst 3)",
                  projects: 30,
                  latencyMs: 20,
                  rateLimit: { perMinute: 30, burst: 3 },
                  impls: ["ours", "sdk"],
                  runs: 1,
              },
              {
                  name: "Estate of 300 projects, 600 requests a minute per endpoint (burst 10)",
                  projects: 300,
                  latencyMs: 20,
                  rateLimit: { perMinute: 600, burst: 10 },
                  impls: ["ours", "sdk"],
                  runs: 1,
              },
          ];
    let estate = "";
    const estateMeasured: Parameters<typeof estateVerdicts>[0] = [];
    if (!only || ESTATE_NAME.includes(only) || estateScenarios.some((e) => e.name.includes(only))) {
        process.stderr.write(`${ESTATE_NAME}\n`);
        const measured = estateMeasured;
        for (const e of estateScenarios.filter((x) => !only || ESTATE_NAME.includes(only) || x.name.includes(only)))
            measured.push({ s: e, runs: await measureEstate(e, (l) => process.stderr.write(l)) });
        estate = [
            `## ${ESTATE_NAME}`,
            "",
            "listOrganizationApiKeys against the openai SDK's sequential auto-paging loop over the same endpoints (admin keys;",
            "projects with include_archived; each project's keys with owner_project_access=any, and its service accounts,",
            "archived projects' skipped by both), one fresh server (fresh rate-limit buckets) per run. Throttled rows compare",
            "with the floor the rate sets: per endpoint, successful requests beyond the burst divided by the rate; the largest.",
            "",
            estateReport(measured),
        ].join("\n");
        console.log(`\n${estate}`);
    }
    const INVENTORY_NAME = "The estate inventory at scale: state size and previews";
    let inventory = "";
    const inventoryVerdicts: string[] = [];
    if (!only || INVENTORY_NAME.includes(only)) {
        process.stderr.write(`${INVENTORY_NAME}\n`);
        const runs = QUICK ? 1 : 3;
        const rows: EstateInventoryRow[] = [];
        for (const projects of QUICK ? [30, 60] : [150, 300])
            rows.push(await measureEstateInventory(projects, runs, median, (l) => process.stderr.write(l)));
        inventoryVerdicts.push(estateInventoryVerdict(rows));
        inventory = [
            `## ${INVENTORY_NAME}`,
            "",
            `A TypeScript program with one OrganizationApiKeyInventory (examples/estate-inventory), through the real CLI, against`,
            "the fake at 0 ms latency and no rate limit, so the engine's and the provider's own costs show. The listing alone is",
            "listOrganizationApiKeys in a fresh process against the same server. Previews are `pulumi preview --json`, the",
            `median of ${runs}; "one key renamed" renames a key out of band before the preview (and records it after).`,
            "",
            estateInventoryTable(rows),
            "",
            "At OpenAI's rate (about 7 requests a minute per endpoint) the listing is the whole cost: 300 projects take the best part",
            "of an hour, which is why one `pulumi up` lists once (its update records what its preview listed).",
            "",
        ].join("\n");
        console.log(`\n${inventory}`);
    }
    const v = [...verdicts(all), ...startupVerdicts, ...estateVerdicts(estateMeasured), ...inventoryVerdicts];
    console.log(`Targets:\n${v.join("\n")}`);
    const sdkVersion = JSON.parse(
        fs.readFileSync(path.join(ROOT, "node_modules", "openai", "package.json"), "utf8"),
    ).version;
    const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
    const md = [
        "# Benchmarks",
        "",
        `Generated by \`npm run bench\` on ${started.toISOString().slice(0, 10)} (${machine}), against openai SDK ${sdkVersion}.`,
        "",
        "Each cell is the median of several runs; clients alternate within a run. Each listing runs in a fresh",
        "client process (CPU time and peak RSS are that process's), against the fake Admin API in another",
        "process with the stated latency added to every response. Ratios are to the SDK in the same run.",
        "Time is wall time of the listing call, in a process where each library has been warmed by one listing that",
        "reached no server; the cold-start table instead times loading the library and listing one page from a fresh",
        "process, through the public entry point. Requests and 429s are counted by the server.",
        QUICK ? "\n**Quick mode (BENCH_QUICK=1): a smoke run, not the full benchmark.**\n" : "",
        ...all.map(
            ({ s, rows }) => `## ${s.name}\n\n${s.runs} runs.\n\n${s.coldStart ? coldTable(rows) : table(rows)}\n`,
        ),
        preview,
        estate,
        inventory,
        "## Targets",
        "",
        ...v,
        "",
    ].join("\n");
    const partial = QUICK || Boolean(only);
    if (!partial) fs.writeFileSync(path.join(ROOT, "docs", "benchmarks.md"), md);
    console.log(partial ? "\n(partial run: docs/benchmarks.md not written)" : "\nWrote docs/benchmarks.md");
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
