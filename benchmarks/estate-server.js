// Estate benchmark server: the fake Admin API with a seeded estate, and a control port that says
// what each endpoint answered (and, at /rename, renames one key out of band). argv: JSON
// {projects, latencyMs, rateLimit?, seed?}. Prints one JSON line.
"use strict";
const http = require("http");
const { FakeAdminApi } = require("../bin/provider/testing");

async function main() {
    const o = JSON.parse(process.argv[2]);
    const api = await FakeAdminApi.start({
        seed: { count: 5, seed: 3 },
        estate: { projects: o.projects, seed: o.seed ?? 11 },
        latencyMs: o.latencyMs,
        rateLimit: o.rateLimit,
    });
    let renames = 0;
    const control = http.createServer((req, res) => {
        if (req.url === "/reset") api.requests.length = 0;
        if (req.url === "/rename") {
            const p = api.estate.all.find((x) => x.project.status !== "archived" && x.apiKeys.length > 0);
            api.estate.updateApiKey(p.project.id, p.apiKeys[0].id, { name: `renamed-out-of-band-${++renames}` });
        }
        // Per endpoint: successes, 429s, and 429s of requests that arrived after the endpoint's
        // first 429 had been answered (sent by a client that could have known).
        const byPath = {};
        for (const r of api.requests) {
            const e = (byPath[r.path] ??= { ok: 0, throttled: 0, throttledAfterKnown: 0, firstAnsweredAt: undefined });
            if (r.status === 429) {
                e.throttled++;
                if (e.firstAnsweredAt === undefined) e.firstAnsweredAt = r.receivedAt + (o.latencyMs ?? 0);
                else if (r.receivedAt > e.firstAnsweredAt) e.throttledAfterKnown++;
            } else if (r.status === 200) e.ok++;
        }
        res.end(JSON.stringify({ requests: api.requests.length, throttled: api.throttledCount, byPath }));
    });
    await new Promise((r) => control.listen(0, "127.0.0.1", r));
    const all = api.estate.all;
    const expected =
        api.keys.length +
        all.length +
        all.reduce(
            (n, p) => n + p.apiKeys.length + (p.project.status === "archived" ? 0 : p.serviceAccounts.length),
            0,
        );
    process.stdout.write(
        JSON.stringify({
            baseUrl: api.baseUrl,
            adminKey: api.adminKey,
            control: `http://127.0.0.1:${control.address().port}`,
            expected,
        }) + "\n",
    );
    process.on("SIGTERM", async () => {
        await api.stop();
        process.exit(0);
    });
}
main();
