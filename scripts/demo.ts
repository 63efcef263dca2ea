/**
 * `npm run demo`: runs the basic example program (examples/basic) against the fake Admin API and
 * prints the organization's admin key inventory. With OPENAI_ADMIN_KEY set, it lists the real
 * organization instead (read-only: the listing endpoint is the only one called).
 *
 * The program runs under Pulumi's mock runtime, since no Pulumi CLI is needed to read keys.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    clearSharedListings,
    compareInventories,
    evaluateKeyPolicies,
    listAdminApiKeys,
    listOrganizationApiKeys,
    renderDriftMarkdown,
    toInventory,
    VERSION,
    type AdminApiKey,
} from "pulumi-openai-admin-keys";
import { FakeAdminApi } from "pulumi-openai-admin-keys/testing";
import { quoteForTerminal } from "../provider/internal/terminal-text";
import { formatAge, renderTable, renderTableWithMore } from "./format";

const DAY = 86_400;

async function main(): Promise<void> {
    const real = Boolean(process.env.OPENAI_ADMIN_KEY);
    let fake: FakeAdminApi | undefined;
    if (!real) {
        fake = await FakeAdminApi.start({
            seed: { count: 24, seed: 42 },
            estate: { projects: 40, seed: 42 },
            latencyMs: 15,
        });
        process.env.OPENAI_ADMIN_KEY = fake.adminKey;
        process.env.OPENAI_BASE_URL = fake.baseUrl;
        console.log(
            `Fake OpenAI Admin API on ${fake.baseUrl} (24 admin keys, 40 projects). Set OPENAI_ADMIN_KEY to list a real organization.\n`,
        );
    } else {
        console.log(
            `Listing the real organization at ${process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1"}.\n`,
        );
    }
    try {
        const expected = fake ? (fake.keys.find((k) => k.name)?.name ?? undefined) : process.env.DEMO_EXPECTED_KEY;
        await pulumi.runtime.setMocks(
            { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) },
            "openai-admin-keys-basic",
            "demo",
            true,
        );
        pulumi.runtime.setAllConfig(expected ? { "openai-admin-keys-basic:expectedKeyName": expected } : {}, []);
        // The example exactly as `pulumi up` runs it.
        const program = require("../examples/basic") as {
            adminKeys: pulumi.Output<unknown>;
            expectedKey: pulumi.Output<unknown>;
        };
        const inventory = (await value(program.adminKeys)) as Array<
            Pick<AdminApiKey, "id" | "name" | "createdAt" | "lastUsedAt" | "expiresAt"> & {
                owner: string | null;
                ownerType: string | null;
            }
        >;
        const expectedKey = (await value(program.expectedKey)) as { id: string; name: string } | undefined;

        const now = Math.floor(Date.now() / 1000);
        await showEstate(now);
        console.log(`\nAdmin keys (examples/basic, as \`pulumi up\` runs it):`);
        console.log(
            renderTableWithMore(
                ["ID", "NAME", "OWNER", "AGE", "LAST USED", "EXPIRES"],
                inventory.map((k) => [
                    k.id,
                    k.name ?? "(unnamed)",
                    `${k.owner ?? "?"}${k.ownerType === "service_account" ? " (sa)" : ""}`,
                    formatAge(now - k.createdAt),
                    k.lastUsedAt === null ? "never" : `${formatAge(now - k.lastUsedAt)} ago`,
                    k.expiresAt === null
                        ? "never"
                        : k.expiresAt < now
                          ? `expired ${formatAge(now - k.expiresAt)} ago`
                          : `in ${formatAge(k.expiresAt - now)}`,
                ]),
            ),
        );
        const listing = await listAdminApiKeys(); // shared with the program's listing: no new requests
        const neverUsed = inventory.filter((k) => k.lastUsedAt === null).length;
        const noExpiry = inventory.filter((k) => k.expiresAt === null).length;
        const sa = inventory.filter((k) => k.ownerType === "service_account").length;
        const stale = inventory.filter((k) => k.lastUsedAt !== null && now - k.lastUsedAt > 90 * DAY).length;
        console.log(
            `\n${inventory.length} admin keys: ${noExpiry} never expire, ${neverUsed} never used, ${stale} unused for 90+ days, ` +
                `${sa} owned by service accounts. Listed in ${listing.stats.requests} request${listing.stats.requests === 1 ? "" : "s"}` +
                `${listing.stats.twoEnded ? " (reading from both ends)" : ""}.`,
        );
        if (expectedKey)
            console.log(
                `Expected key ${quoteForTerminal(expectedKey.name)} found: ${quoteForTerminal(expectedKey.id)}.`,
            );

        // What the CrossGuard policies (pulumi-openai-admin-keys/policy) report, with default settings.
        const recorded = toInventory(listing.keys, {
            baseUrl: listing.baseUrl,
            organization: listing.organization,
            providerVersion: VERSION,
        });
        const findings = evaluateKeyPolicies(Object.values(recorded.keys));
        const byPolicy = new Map<string, number>();
        for (const f of findings) byPolicy.set(f.policy, (byPolicy.get(f.policy) ?? 0) + 1);
        console.log(`\nPolicy findings (default settings): ${findings.length}`);
        console.log(
            renderTable(
                ["POLICY", "VIOLATIONS"],
                [...byPolicy].map(([p, n]) => [p, String(n)]),
            ),
        );
        for (const f of findings.filter((f) => f.policy !== "openai-admin-key-naming").slice(0, 5))
            console.log(`  - ${f.message}`);
        if (findings.length > 5) console.log(`  ... and ${findings.length - 5} more.`);

        if (fake) {
            // Out-of-band changes, as someone in the OpenAI dashboard would make them.
            const now = Math.floor(Date.now() / 1000);
            const template = fake.keys[fake.keys.length - 1];
            fake.addKey({
                ...template,
                id: "key_madeinconsole01",
                name: "made-in-console",
                created_at: now - 120,
                last_used_at: null,
                expires_at: null,
            });
            fake.deleteKey(fake.keys[3].id);
            fake.updateKey(fake.keys[10].id, { name: "renamed-by-hand" });
            clearSharedListings();
            const live = await listAdminApiKeys();
            const report = compareInventories(
                recorded,
                toInventory(live.keys, { baseUrl: live.baseUrl, providerVersion: VERSION }),
            );
            console.log(
                "\nDrift report after out-of-band changes (what `openai-admin-keys-drift` prints for a PR comment):\n",
            );
            console.log(renderDriftMarkdown(report));
            await realEnginePreview();
        }
    } finally {
        await fake?.stop();
    }
}

/** The estate: a summary first, then short tables (each ends with "N more" rather than hundreds of rows). */
async function showEstate(now: number): Promise<void> {
    const estate = await listOrganizationApiKeys();
    const { stats } = estate;
    const archived = estate.projects.filter((p) => p.serviceAccounts === null).length;
    console.log(
        `The organization: ${stats.projects} projects (${archived} archived), ${stats.projectApiKeys} project API keys ` +
            `(${stats.ownerWithoutAccess} of owners who no longer have access to their project), ${stats.serviceAccounts} service ` +
            `accounts, ${stats.adminKeys} admin keys.\nListed completely in ${stats.requests} requests (${stats.throttled} throttled) ` +
            `in ${(stats.durationMs / 1000).toFixed(1)} s, ${Object.keys(stats.byEndpoint).length} endpoints side by side.\n`,
    );
    console.log("Projects, most keys first:");
    console.log(
        renderTableWithMore(
            ["PROJECT", "NAME", "STATUS", "KEYS", "OWNER WITHOUT ACCESS", "SERVICE ACCOUNTS"],
            [...estate.projects]
                .sort((a, b) => b.apiKeys.length - a.apiKeys.length)
                .map((p) => [
                    p.project.id,
                    p.project.name ?? "(unnamed)",
                    p.project.status ?? "?",
                    String(p.apiKeys.length),
                    String(p.apiKeys.filter((k) => k.ownerProjectAccess === "inactive").length),
                    p.serviceAccounts === null ? "(archived)" : String(p.serviceAccounts.length),
                ]),
        ),
    );
    console.log("\nProject keys whose owner no longer has access (left behind), oldest first:");
    console.log(
        renderTableWithMore(
            ["PROJECT", "KEY", "NAME", "OWNER", "LAST USED"],
            estate.projects
                .flatMap((p) =>
                    p.apiKeys.filter((k) => k.ownerProjectAccess === "inactive").map((k) => ({ p: p.project, k })),
                )
                .sort((a, b) => a.k.createdAt - b.k.createdAt)
                .map(({ p, k }) => [
                    p.id,
                    k.id,
                    k.name ?? "(unnamed)",
                    k.owner.email ?? k.owner.name ?? "?",
                    k.lastUsedAt === null ? "never" : `${formatAge(now - k.lastUsedAt)} ago`,
                ]),
        ),
    );
}

/**
 * With a provisioned Pulumi CLI, runs examples/inventory with examples/policy-pack through it, as a
 * user would (this package packed and installed in a temporary project), against a small fake
 * organization, and prints what `pulumi preview` printed. Never builds the CLI unasked.
 */
async function realEnginePreview(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cli = require("./pulumi-cli.js") as { findProvisioned(): string | undefined; PULUMI_VERSION: string };
    if (!cli.findProvisioned()) {
        console.log(
            "The real Pulumi engine: no Pulumi CLI is provisioned, so `pulumi preview` is not shown. `npm run pulumi-cli` builds one\n" +
                "from the Go module proxy (about 7 minutes on 2 cores the first time); after that `npm run demo` also prints what\n" +
                "`pulumi preview --policy-pack` says of examples/inventory.",
        );
        return;
    }
    const engine = await import("./real-engine");
    const small = await FakeAdminApi.start({ seed: { count: 8, seed: 3 } });
    try {
        console.log(
            `\`pulumi preview --policy-pack\` of examples/inventory with examples/policy-pack, by the real Pulumi CLI ${cli.PULUMI_VERSION}`,
        );
        console.log(
            `(this package packed and installed in a temporary project; a fake organization of ${small.keys.length} keys):\n`,
        );
        const project = await engine.newProject({ example: "inventory", env: { OPENAI_BASE_URL: small.baseUrl } });
        await project.stack.setConfig("openai:adminKey", { value: small.adminKey, secret: true });
        const packDir = await engine.installExample("policy-pack");
        const preview = await project.pulumi(["preview", "--policy-pack", packDir], { allowFailure: true });
        console.log(preview.stdout.trimEnd());
        console.log(
            `\n(pulumi preview exited ${preview.status}: ${preview.status === 0 ? "no mandatory violation" : "mandatory policy violations fail the preview"}.)`,
        );
    } finally {
        await small.stop();
    }
}

function value<T>(o: pulumi.Output<T>): Promise<T> {
    return (o as unknown as { promise(): Promise<T> }).promise();
}

main().catch((err) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
