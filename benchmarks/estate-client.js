// One estate listing in a fresh process: ours (listOrganizationApiKeys) or the openai SDK's
// sequential auto-paging loop over the same endpoints. argv: JSON {impl, baseUrl, adminKey, expected}.
// Prints one JSON line: {ok, ms, items, error?}.
"use strict";

async function sdkEstate(o) {
    const { OpenAI } = require("openai");
    const client = new OpenAI({ adminAPIKey: o.adminKey, baseURL: o.baseUrl });
    const org = client.admin.organization;
    let items = 0;
    for await (const k of org.adminAPIKeys.list({ limit: 100 })) (void k, items++);
    const projects = [];
    for await (const p of org.projects.list({ limit: 100, include_archived: true })) projects.push(p);
    items += projects.length;
    for (const p of projects) {
        for await (const k of org.projects.apiKeys.list(p.id, { limit: 100, owner_project_access: "any" }))
            (void k, items++);
        // OpenAI answers 400 for an archived project's service accounts: skipped, as ours does.
        if (p.status === "archived") continue;
        for await (const a of org.projects.serviceAccounts.list(p.id, { limit: 100 })) (void a, items++);
    }
    return items;
}

async function oursEstate(o) {
    const { listOrganizationApiKeys } = require("pulumi-openai-admin-keys");
    const e = await listOrganizationApiKeys({
        adminKey: o.adminKey,
        baseUrl: o.baseUrl,
        listOptions: { progress: false, share: false },
    });
    return (
        e.adminKeys.length +
        e.projects.length +
        e.projects.reduce((n, p) => n + p.apiKeys.length + (p.serviceAccounts ? p.serviceAccounts.length : 0), 0)
    );
}

/** Loads what each library loads on first use, with one listing that reaches no server, as bench.ts does. */
async function warmUp(impl) {
    const nowhere = "http://127.0.0.1:1/v1";
    const key = "warmup-not-a-real-key-0123456789";
    if (impl === "sdk") {
        const { OpenAI } = require("openai");
        const client = new OpenAI({ adminAPIKey: key, baseURL: nowhere, maxRetries: 0 });
        for await (const p of client.admin.organization.projects.list({ limit: 1 })) void p;
    } else {
        await require("pulumi-openai-admin-keys").listOrganizationApiKeys({
            adminKey: key,
            baseUrl: nowhere,
            listOptions: { share: false, progress: false, retry: { maxAttempts: 1 } },
        });
    }
}

async function main() {
    const o = JSON.parse(process.argv[2]);
    await warmUp(o.impl).catch(() => undefined);
    const t0 = process.hrtime.bigint();
    let items = 0;
    let error;
    try {
        items = await (o.impl === "sdk" ? sdkEstate(o) : oursEstate(o));
    } catch (e) {
        error = `${e.constructor?.name ?? "Error"}: ${String(e.message).split("\n")[0].slice(0, 160)}`;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const out = { ok: !error && items === o.expected, ms, items };
    if (error) out.error = error;
    process.stdout.write(JSON.stringify(out) + "\n");
    process.exit(0);
}
main();
