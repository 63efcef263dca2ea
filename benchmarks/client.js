// One measured listing in a fresh process, so CPU time and peak RSS belong to that client alone.
// argv: JSON {impl: "ours"|"ours-one-cursor"|"sdk", pageSize?, baseUrl, adminKey, expected}.
// Prints one JSON line: {ok, ms, requireMs, keys, cpuMs, maxRssMb, error?}.
"use strict";

async function main() {
    const o = JSON.parse(process.argv[2]);
    let list;
    // Time to load the library in this fresh process: what a script or CI job pays before any request.
    const r0 = process.hrtime.bigint();
    const lib = o.impl === "sdk" ? require("openai") : require("pulumi-openai-admin-keys");
    const requireMs = Number(process.hrtime.bigint() - r0) / 1e6;
    if (o.impl === "sdk") {
        const { OpenAI } = lib;
        list = async () => {
            // Default settings but the page size: maxRetries 2, its own backoff.
            const client = new OpenAI({ adminAPIKey: o.adminKey, baseURL: o.baseUrl });
            const keys = [];
            for await (const k of client.admin.organization.adminAPIKeys.list(o.pageSize ? { limit: o.pageSize } : {}))
                keys.push(k);
            return keys;
        };
    } else {
        // The public entry point, as users load it (the package refers to itself by name).
        const { listAdminApiKeys } = lib;
        list = async () =>
            (
                await listAdminApiKeys({
                    adminKey: o.adminKey,
                    baseUrl: o.baseUrl,
                    options: { progress: false, share: false, twoEnded: o.impl === "ours" },
                })
            ).keys;
    }
    if (!o.coldStart) {
        // Throughput scenarios time the listing alone, with each library warmed the same way: one
        // listing that reaches no server (port 1 refuses at once) loads whatever it loads on first
        // use (our HTTP stack and schemas; the SDK's own lazy parts). The cold-start scenario times it all.
        const nowhere = "http://127.0.0.1:1/v1";
        const warmup =
            o.impl === "sdk"
                ? (async () => {
                      const client = new lib.OpenAI({
                          adminAPIKey: "warmup-not-a-real-key-0123456789",
                          baseURL: nowhere,
                          maxRetries: 0,
                      });
                      for await (const k of client.admin.organization.adminAPIKeys.list({ limit: 1 })) void k;
                  })()
                : lib.listAdminApiKeys({
                      adminKey: "warmup-not-a-real-key-0123456789",
                      baseUrl: nowhere,
                      options: { share: false, progress: false, retry: { maxAttempts: 1 } },
                  });
        await warmup.catch(() => undefined);
    }
    global.gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let keys;
    let error;
    try {
        keys = await list();
    } catch (e) {
        error = `${e.constructor?.name ?? "Error"}: ${String(e.message).split("\n")[0].slice(0, 160)}`;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    const ok = !error && keys.length === o.expected && new Set(keys.map((k) => k.id)).size === o.expected;
    const out = {
        ok,
        ms,
        requireMs,
        keys: keys ? keys.length : 0,
        cpuMs: (cpu.user + cpu.system) / 1000,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
    if (error) out.error = error;
    process.stdout.write(JSON.stringify(out) + "\n");
    process.exit(0);
}
main();
