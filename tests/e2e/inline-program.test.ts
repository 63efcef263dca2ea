/**
 * Automation API inline programs, run twice in one process (as a service or a test suite does):
 * a finished listing is shared within one deployment, never with the next one, so a key deleted
 * between two runs is gone from the second. The packed package and the automation API come from
 * the same installed `@pulumi/pulumi`, as in a user's process.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FakeAdminApi } from "../../provider/testing";
import { E2E_TIMEOUT } from "./engine-events";
import { compliantKeys } from "./fixtures";
import { engineEnv, workspace } from "../../scripts/real-engine";

describe("e2e: inline programs in one process", function () {
    this.timeout(E2E_TIMEOUT);

    it("lists anew in each deployment: a key deleted between two runs is not listed by the second", async () => {
        const w = await workspace();
        const installed = (name: string) => require(require.resolve(name, { paths: [w.dir] }));
        const pkg = installed("pulumi-openai-admin-keys") as typeof import("../../provider");
        const automation = installed("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
        const api = await FakeAdminApi.start({ keys: compliantKeys(6) });
        const stateDir = fs.mkdtempSync(path.join(w.dir, "inline-state-"));
        try {
            const settings = { adminKey: api.adminKey, baseUrl: api.baseUrl };
            const program = async () => {
                // Asked twice per run: the second call is served by the first one's listing.
                const first = await pkg.getAdminApiKeys(settings);
                const again = await pkg.getAdminApiKeys(settings);
                return { ids: first.ids, sameListing: first.ids.join() === again.ids.join() };
            };
            const pulumiCommand = await automation.PulumiCommand.get({ root: path.dirname(w.cliBin) });
            const stack = await automation.LocalWorkspace.createOrSelectStack(
                { projectName: "inline-listing", stackName: "dev", program },
                { pulumiCommand, envVars: engineEnv(w, stateDir) },
            );
            const run1 = await stack.up();
            assert.deepEqual(
                run1.outputs.ids.value,
                api.keys.map((k) => k.id),
            );
            assert.equal(run1.outputs.sameListing.value, true);
            const requestsInRun1 = api.requests.length;
            assert.equal(requestsInRun1, 1, "one listing per run, shared by both calls");

            api.deleteKey("key_e2e0002");
            const run2 = await stack.up();
            assert.equal(api.requests.length, requestsInRun1 + 1, "the second run listed again");
            assert.deepEqual(
                run2.outputs.ids.value,
                api.keys.map((k) => k.id),
            );
            assert.ok(!(run2.outputs.ids.value as string[]).includes("key_e2e0002"));
        } finally {
            await api.stop();
        }
    });
});
