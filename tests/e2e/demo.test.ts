/** `npm run demo`: the real engine's preview when a CLI is provisioned, and never a build unasked. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO, run, workspace } from "../../scripts/real-engine";
import { E2E_TIMEOUT } from "./engine-events";

function demo(env: NodeJS.ProcessEnv) {
    return run("npm", ["run", "-s", "demo"], { cwd: REPO, env: { ...process.env, PULUMI_CLI_DIR: "", ...env } });
}

describe("e2e: the demo", function () {
    this.timeout(E2E_TIMEOUT);

    it("says how to get the real preview, and builds nothing, when no CLI is provisioned", async () => {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "demo-cache-"));
        const res = await demo({ PULUMI_CLI_CACHE: cache });
        assert.equal(res.status, 0, res.stderr);
        // The estate's summary first, then tables that end with "N more" instead of hundreds of rows.
        const lines = res.stdout.split("\n");
        assert.match(
            lines[2],
            /^The organization: 40 projects \(\d+ archived\), \d+ project API keys \(\d+ of owners who no longer have access to their project\), \d+ service accounts, 24 admin keys\.$/,
        );
        assert.match(
            lines[3],
            /^Listed completely in \d+ requests \(0 throttled\) in [\d.]+ s, 4 endpoints side by side\.$/,
        );
        assert.equal(lines[5], "Projects, most keys first:");
        assert.deepEqual(res.stdout.match(/^\.\.\. \d+ more$/gm)?.length, 3);
        assert.ok(res.stdout.split("\n").length < 140, `${res.stdout.split("\n").length} lines`);
        assert.match(res.stdout, /Drift report after out-of-band changes/);
        assert.match(
            res.stdout,
            /The real Pulumi engine: no Pulumi CLI is provisioned, so `pulumi preview` is not shown\. `npm run pulumi-cli` builds one/,
        );
        assert.ok(!res.stdout.includes("pulumi preview exited"));
        assert.deepEqual(fs.readdirSync(cache), []);
        assert.ok(!/building Pulumi CLI/.test(res.stderr));
    });

    it("prints what the real `pulumi preview --policy-pack` printed when a CLI is provisioned", async () => {
        await workspace(); // provisions the CLI the demo then finds
        const res = await demo({});
        assert.equal(res.status, 0, res.stderr);
        assert.match(
            res.stdout,
            /`pulumi preview --policy-pack` of examples\/inventory with examples\/policy-pack, by the real Pulumi CLI v3\.\d+\.\d+/,
        );
        assert.match(res.stdout, /Previewing update \(dev\):/);
        assert.match(
            res.stdout,
            /- \[mandatory\] {2}openai-admin-key-max-age {2}\(pulumi-nodejs:dynamic\/openai:AdminApiKeyInventory: admin-keys\)/,
        );
        assert.match(res.stdout, /\(pulumi preview exited 1: mandatory policy violations fail the preview\.\)/);
    });
});
