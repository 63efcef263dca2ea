/**
 * The packed package in a plain Node project without @pulumi/pulumi: listing, policies as
 * functions and drift work; only the Pulumi resource needs the SDK, and says so.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { npm, pack, run } from "../../scripts/real-engine";
import { E2E_TIMEOUT } from "./engine-events";

describe("e2e: plain Node without @pulumi/pulumi", function () {
    this.timeout(E2E_TIMEOUT);
    let dir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plain-node-"));
        const tarball = pack(dir);
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "plain", private: true }));
        npm(["install", tarball, "--omit=peer"], dir);
        assert.ok(!fs.existsSync(path.join(dir, "node_modules", "@pulumi", "pulumi")), "@pulumi/pulumi was installed");
    });

    it("lists keys and the estate, records it, evaluates both sets of policies and reports drift, loading neither @pulumi/pulumi nor more than it uses", async () => {
        const script = `
            const keys = require("pulumi-openai-admin-keys");
            const loadedAtRequire = Object.keys(require.cache).length;
            const { FakeAdminApi } = require("pulumi-openai-admin-keys/testing");
            (async () => {
                const api = await FakeAdminApi.start({ seed: { count: 30, seed: 5 }, estate: { projects: 3, seed: 2 } });
                const listing = await keys.listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: { progress: false } });
                const inv = keys.toInventory(listing.keys, { baseUrl: api.baseUrl, providerVersion: keys.VERSION });
                const violations = keys.evaluateKeyPolicies(Object.values(inv.keys), { maxKeys: 10 });
                const report = keys.compareInventories(inv, inv);
                const estate = await keys.listOrganizationApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, listOptions: { progress: false } });
                const recordedEstate = keys.toEstateInventory(estate, { includeArchived: true, providerVersion: keys.VERSION });
                const estateViolations = keys.evaluateEstatePolicies(estate.projects);
                const estateDrift = keys.compareInventories(recordedEstate, recordedEstate).hasDrift;
                let resourceError = "";
                try { keys.AdminApiKeyInventory; } catch (e) { resourceError = e.message; }
                let estateResourceError = "";
                try { keys.OrganizationApiKeyInventory; } catch (e) { estateResourceError = e.message; }
                await api.stop();
                console.log(JSON.stringify({
                    count: listing.keys.length, stats: listing.stats, counted: violations.some((v) => v.policy === "openai-admin-key-count"),
                    drift: report.hasDrift, resourceError, loadedAtRequire, projects: estate.projects.length,
                    estateResourceError, estateDrift, estateRecorded: Object.keys(recordedEstate.projects).length,
                    estateViolations: estateViolations.length,
                    pulumiLoaded: Object.keys(require.cache).some((k) => k.includes("@pulumi")),
                }));
            })();`;
        const res = await run(process.execPath, ["-e", script], { cwd: dir, env: { PATH: process.env.PATH } });
        assert.equal(res.status, 0, res.stderr);
        const out = JSON.parse(res.stdout) as {
            count: number;
            stats: { keys: number };
            counted: boolean;
            drift: boolean;
            resourceError: string;
            loadedAtRequire: number;
            pulumiLoaded: boolean;
            projects: number;
            estateResourceError: string;
            estateDrift: boolean;
            estateRecorded: number;
            estateViolations: number;
        };
        assert.equal(out.count, 30);
        assert.equal(out.stats.keys, 30);
        assert.equal(out.counted, true);
        assert.equal(out.drift, false);
        assert.equal(
            out.resourceError,
            "AdminApiKeyInventory needs @pulumi/pulumi, which is not installed: npm install @pulumi/pulumi",
        );
        assert.equal(out.projects, 3, "the estate, from plain Node");
        assert.equal(out.estateRecorded, 3);
        assert.equal(out.estateDrift, false);
        assert.ok(out.estateViolations > 0, "the seeded estate breaks some estate rules");
        assert.equal(
            out.estateResourceError,
            "OrganizationApiKeyInventory needs @pulumi/pulumi, which is not installed: npm install @pulumi/pulumi",
        );
        assert.equal(out.pulumiLoaded, false);
        assert.ok(out.loadedAtRequire < 40, `require loaded ${out.loadedAtRequire} modules`);
    });

    it("runs the drift command", async () => {
        const res = await run(path.join(dir, "node_modules", ".bin", "openai-admin-keys-drift"), ["--help"], {
            cwd: dir,
            env: { PATH: process.env.PATH },
        });
        assert.equal(res.status, 0, res.stderr);
        assert.match(res.stdout, /^Usage: openai-admin-keys-drift/);
    });
});
