/**
 * examples/drift/drift-check.sh as CI runs it: in a project where the packed package is installed,
 * with `pulumi stack export` answered by a stub that writes a real export's shape. A stack with one
 * inventory is checked whatever that inventory is called (the YAML, Python and Go examples call it
 * `adminKeys`, the TypeScript ones `admin-keys`).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { INVENTORY_TYPE, PLUGIN_INVENTORY_TYPE } from "../../provider";
import { fetchInventory } from "../../provider/inventory/fetch-inventory";
import { FakeAdminApi } from "../../provider/testing";
import { E2E_TIMEOUT } from "./engine-events";
import { compliantKeys } from "./fixtures";
import { REPO, run, workspace } from "../../scripts/real-engine";

const SCRIPT = path.join(REPO, "examples", "drift", "drift-check.sh");

describe("e2e: the CI drift script", function () {
    this.timeout(E2E_TIMEOUT);
    let api: FakeAdminApi;
    let dir: string;

    before(async () => {
        api = await FakeAdminApi.start({ keys: compliantKeys(4) });
        dir = fs.mkdtempSync(path.join((await workspace()).dir, "drift-script-"));
        // A stub `pulumi` whose `stack export --file F` writes the export this test prepared.
        fs.mkdirSync(path.join(dir, "bin"));
        fs.writeFileSync(
            path.join(dir, "bin", "pulumi"),
            '#!/usr/bin/env bash\nwhile [ $# -gt 0 ]; do [ "$1" = --file ] && cp "$STACK_EXPORT" "$2"; shift; done\n',
            { mode: 0o755 },
        );
    });
    after(async () => api?.stop());

    async function exportWith(inventories: Array<{ name: string; type: string }>): Promise<string> {
        const outputs = await fetchInventory({ adminKey: api.adminKey, baseUrl: api.baseUrl });
        const file = path.join(dir, `export-${inventories.map((i) => i.name).join("-")}.json`);
        const resources = inventories.map(({ name, type }) => ({
            urn: `urn:pulumi:dev::keys::${type}::${name}`,
            type,
            outputs,
        }));
        fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources } }));
        return file;
    }

    async function script(exportFile: string, args: string[] = []) {
        const report = path.join(dir, "report.md");
        fs.rmSync(report, { force: true });
        const res = await run("bash", [SCRIPT, "dev", ...args], {
            cwd: path.dirname(dir), // the workspace: its node_modules has the packed package
            env: {
                ...process.env,
                PATH: `${path.join(dir, "bin")}${path.delimiter}${process.env.PATH}`,
                STACK_EXPORT: exportFile,
                DRIFT_REPORT: report,
                OPENAI_ADMIN_KEY: api.adminKey,
                OPENAI_BASE_URL: api.baseUrl,
            },
        });
        return { ...res, report: fs.existsSync(report) ? fs.readFileSync(report, "utf8") : undefined };
    }

    it("checks a plugin stack's one inventory, adminKeys, without being told its name", async () => {
        const res = await script(await exportWith([{ name: "adminKeys", type: PLUGIN_INVENTORY_TYPE }]));
        assert.equal(res.status, 0, res.stdout + res.stderr);
        assert.equal(res.stdout, "No key drift.\n");
        assert.match(res.report!, /No drift/i);
    });

    it("reports drift with exit 2 and the report where DRIFT_REPORT says", async () => {
        const file = await exportWith([{ name: "admin-keys", type: INVENTORY_TYPE }]);
        api.updateKey("key_e2e0002", { name: "renamed-out-of-band" });
        try {
            const res = await script(file);
            assert.equal(res.status, 2, res.stdout + res.stderr);
            assert.match(res.stdout, /^Key drift found: see .*report\.md$/m);
            assert.match(res.report!, /renamed-out-of-band/);
        } finally {
            api.updateKey("key_e2e0002", { name: "ci-key-2" });
        }
    });

    it("checks every inventory of a stack that has several, or only the one named", async () => {
        const file = await exportWith([
            { name: "adminKeys", type: PLUGIN_INVENTORY_TYPE },
            { name: "admin-keys", type: INVENTORY_TYPE },
        ]);
        const several = await script(file);
        assert.equal(several.status, 0, several.stdout + several.stderr);
        assert.deepEqual(several.report!.match(/^## .*$/gm), ["## `adminKeys`", "## `admin-keys`"]);
        const named = await script(file, ["adminKeys"]);
        assert.equal(named.status, 0, named.stdout + named.stderr);
        assert.doesNotMatch(named.report!, /^## /m);
    });
});
