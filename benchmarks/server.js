// Benchmark server process: the fake Admin API plus a control port. Plain JS over the compiled
// package, so the server costs the same for every client it serves.
// argv: JSON {count, latencyMs, rateLimit?}. Prints one JSON line: {baseUrl, adminKey, control}.
"use strict";
const http = require("http");
const { FakeAdminApi } = require("../bin/provider/testing");

async function main() {
    const o = JSON.parse(process.argv[2]);
    const api = await FakeAdminApi.start({
        seed: { count: o.count, seed: 99, tieRate: 0.2 },
        latencyMs: o.latencyMs,
        rateLimit: o.rateLimit,
    });
    const control = http.createServer((req, res) => {
        if (req.url === "/reset") api.requests.length = 0;
        res.end(JSON.stringify({ requests: api.requests.length, throttled: api.throttledCount }));
    });
    await new Promise((r) => control.listen(0, "127.0.0.1", r));
    process.stdout.write(
        JSON.stringify({
            baseUrl: api.baseUrl,
            adminKey: api.adminKey,
            control: `http://127.0.0.1:${control.address().port}`,
        }) + "\n",
    );
    process.on("SIGTERM", async () => {
        await api.stop();
        process.exit(0);
    });
}
main();
