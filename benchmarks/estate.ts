/**
 * The estate section of `npm run bench`: listOrganizationApiKeys against the openai SDK's
 * sequential auto-paging loop over the same endpoints (admin keys, projects with archived ones,
 * each project's keys with owner_project_access=any and its service accounts), same fake, same
 * run. Unthrottled at 20 ms latency; throttled per endpoint, against the floor the rate sets.
 */
import { getJson, median, runClientProcess, startServerProcess } from "./processes";

/** One estate scenario. */
export interface EstateScenario {
    readonly name: string;
    readonly projects: number;
    readonly latencyMs: number;
    readonly rateLimit?: { perMinute: number; burst: number };
    readonly impls: ReadonlyArray<"ours" | "sdk">;
    readonly runs: number;
}

type Stats = {
    requests: number;
    throttled: number;
    byPath: Record<string, { ok: number; throttled: number; throttledAfterKnown: number }>;
};
type Server = { baseUrl: string; adminKey: string; control: string; expected: number; stop: () => void };
export type EstateResult = { impl: string; ok: boolean; ms: number; error?: string; stats: Stats; floorMs?: number };

function start(s: EstateScenario): Promise<Server> {
    return startServerProcess("estate-server.js", {
        projects: s.projects,
        latencyMs: s.latencyMs,
        rateLimit: s.rateLimit,
    });
}

function client(impl: string, server: Server): Promise<{ ok: boolean; ms: number; error?: string }> {
    return runClientProcess("estate-client.js", {
        impl,
        baseUrl: server.baseUrl,
        adminKey: server.adminKey,
        expected: server.expected,
    });
}

/**
 * The floor a rate sets: per endpoint, the successful requests beyond the burst divided by the
 * rate; the largest of them (endpoints are limited apart, so they overlap).
 */
export function floorMs(stats: Stats, rate: { perMinute: number; burst: number }): number {
    return Math.max(
        0,
        ...Object.values(stats.byPath).map((e) => (Math.max(0, e.ok - rate.burst) / rate.perMinute) * 60_000),
    );
}

/** Runs a scenario: each implementation against a fresh server (a fresh bucket), `runs` times. */
export async function measureEstate(s: EstateScenario, log: (line: string) => void): Promise<EstateResult[][]> {
    const all: EstateResult[][] = [];
    for (let run = 0; run < s.runs; run++) {
        const results: EstateResult[] = [];
        for (const impl of run % 2 ? [...s.impls].reverse() : s.impls) {
            const server = await start(s);
            try {
                const r = await client(impl, server);
                const stats = await getJson<Stats>(`${server.control}/stats`);
                const floor = s.rateLimit ? floorMs(stats, s.rateLimit) : undefined;
                results.push({ impl, ...r, stats, floorMs: floor });
                log(
                    `  ${s.name} | run ${run + 1}/${s.runs} | ${impl}: ${r.ok ? `${r.ms.toFixed(0)} ms` : `FAILED ${r.error ?? "incomplete"}`}, ` +
                        `${stats.requests} requests, ${stats.throttled} 429s${floor !== undefined ? `, floor ${(floor / 1000).toFixed(1)} s` : ""}\n`,
                );
            } finally {
                server.stop();
            }
        }
        all.push(results);
    }
    return all;
}

/** The section's Markdown: a table per scenario, ratios against the SDK loop or the floor, and the targets. */
export function estateReport(results: Array<{ s: EstateScenario; runs: EstateResult[][] }>): string {
    const lines: string[] = [];
    for (const { s, runs } of results) {
        lines.push(
            `#### ${s.name}`,
            "",
            "| implementation | completed | median | vs | 429s (median; per endpoint, most after the first was answered) |",
            "|---|---:|---:|---:|---|",
        );
        for (const impl of s.impls) {
            const mine = runs.flatMap((r) => r.filter((x) => x.impl === impl));
            const ok = mine.filter((r) => r.ok);
            const ms = median((ok.length ? ok : mine).map((r) => r.ms));
            let vs = "";
            if (s.rateLimit) {
                const floor = median(mine.map((r) => r.floorMs ?? 0));
                vs = `${(ms / floor).toFixed(2)}x floor (${(floor / 1000).toFixed(1)} s)`;
            } else if (impl === "ours" && s.impls.includes("sdk")) {
                const sdk = runs.flatMap((r) => r.filter((x) => x.impl === "sdk" && x.ok)).map((r) => r.ms);
                vs = sdk.length ? `${(ms / median(sdk)).toFixed(2)}x SDK` : "SDK failed";
            }
            const perEndpoint = Math.max(
                0,
                ...mine.flatMap((r) => Object.values(r.stats.byPath).map((e) => e.throttledAfterKnown)),
            );
            const errors = mine.find((r) => !r.ok)?.error;
            lines.push(
                `| ${impl === "ours" ? "ours (listOrganizationApiKeys)" : "openai SDK, sequential loop"} | ${ok.length}/${mine.length} | ${(ms / 1000).toFixed(2)} s | ${vs} | ${median(mine.map((r) => r.stats.throttled))} (${perEndpoint})${errors ? `; ${errors}` : ""} |`,
            );
        }
        lines.push("");
    }
    return lines.join("\n");
}

/**
 * The issue's targets for the estate: unthrottled at most 0.15x the SDK loop; throttled within
 * 1.25x the floor, with at most 2 429s per endpoint after the first was answered.
 */
export function estateVerdicts(results: Array<{ s: EstateScenario; runs: EstateResult[][] }>): string[] {
    const out: string[] = [];
    for (const { s, runs } of results) {
        const ours = runs.flatMap((r) => r.filter((x) => x.impl === "ours"));
        const ok = ours.filter((r) => r.ok);
        if (ok.length < ours.length) {
            out.push(`- MISSED: ${s.name}: ours completed ${ok.length}/${ours.length}`);
            continue;
        }
        const ms = median(ok.map((r) => r.ms));
        if (s.rateLimit) {
            const ratio = ms / median(ours.map((r) => r.floorMs ?? 0));
            out.push(
                `- ${ratio <= 1.25 ? "met" : "MISSED"}: ${s.name}: ${ratio.toFixed(2)}x the floor (target <= 1.25x)`,
            );
            const after = Math.max(
                0,
                ...ours.flatMap((r) => Object.values(r.stats.byPath).map((e) => e.throttledAfterKnown)),
            );
            out.push(
                `- ${after <= 2 ? "met" : "MISSED"}: ${s.name}: at most ${after} 429s per endpoint after the first was answered (target <= 2)`,
            );
        } else {
            const sdk = runs.flatMap((r) => r.filter((x) => x.impl === "sdk" && x.ok)).map((r) => r.ms);
            if (sdk.length === 0) continue;
            const ratio = ms / median(sdk);
            out.push(
                `- ${ratio <= 0.15 ? "met" : "MISSED"}: ${s.name}: ${ratio.toFixed(2)}x the SDK loop (target <= 0.15x)`,
            );
        }
    }
    return out;
}
