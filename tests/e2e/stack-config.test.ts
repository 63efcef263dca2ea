/**
 * Every setting of the README's Configuration table taken from the stack config alone (no
 * OPENAI_* variable anywhere), in every form, under the real CLI: the data source and the dynamic
 * inventory of a TypeScript program (`openai:*`), and the provider plugin of a YAML program
 * (`openai-admin-keys:*`).
 */
import { strict as assert } from "assert";
import { PLUGIN_INVENTORY_TYPE } from "../../provider";
import { FakeAdminApi } from "../../provider/testing";
import { E2E_TIMEOUT, eventSink, INVENTORY_TYPE, stackOutputsInPreview, stepOf } from "./engine-events";
import { compliantKeys } from "./fixtures";
import { newProject, pluginFolder } from "../../scripts/real-engine";

const ORG = "org-e2econfig";

const PROGRAM = `import { AdminApiKeyInventory, getAdminApiKeysOutput } from "pulumi-openai-admin-keys";

const keys = getAdminApiKeysOutput();
const inventory = new AdminApiKeyInventory("admin-keys", {});
export const dataSourceIds = keys.ids;
export const dataSourceBaseUrl = keys.baseUrl;
export const inventoryCount = inventory.count;
export const inventoryOrganization = inventory.organization;
`;

describe("e2e: settings from the stack config alone", function () {
    this.timeout(E2E_TIMEOUT);
    let api: FakeAdminApi;
    const keys = compliantKeys(5);

    beforeEach(async () => {
        for (const k of ["OPENAI_ADMIN_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID"])
            assert.equal(process.env[k], undefined);
        // The fake answers 403 to any other organization header: a setting that does not arrive fails the run.
        api = await FakeAdminApi.start({ keys, organization: ORG });
    });
    afterEach(async () => api?.stop());

    /** Every request reached the fake with its key and the configured organization. */
    function assertAllRequestsConfigured() {
        assert.ok(api.requests.length > 0);
        assert.deepEqual([...new Set(api.requests.map((r) => `${r.authorized} ${r.organization}`))], [`true ${ORG}`]);
    }

    it("reads openai:adminKey, openai:baseUrl and openai:organization in the data source and the dynamic inventory", async () => {
        const project = await newProject({ example: "inventory", program: PROGRAM });
        await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
        await project.stack.setConfig("openai:baseUrl", { value: api.baseUrl });
        await project.stack.setConfig("openai:organization", { value: ORG });
        const sink = eventSink();
        await project.stack.preview({ onEvent: sink.onEvent });
        const outs = stackOutputsInPreview(sink.events);
        assert.deepEqual(
            outs.dataSourceIds,
            keys.map((k) => k.id),
        );
        assert.equal(outs.dataSourceBaseUrl, api.baseUrl);
        const step = stepOf(sink.events, INVENTORY_TYPE);
        assert.equal(step.new!.inputs.baseUrl, api.baseUrl);
        assert.deepEqual(Object.keys(step.new!.inputs.keys as object).sort(), keys.map((k) => k.id).sort());
        const up = await project.stack.up();
        assert.equal(up.outputs.inventoryCount.value, 5);
        assert.equal(up.outputs.inventoryOrganization.value, ORG);
        assertAllRequestsConfigured();
        const state = JSON.stringify(await project.stack.exportStack());
        assert.ok(!state.includes(api.adminKey), "the admin key is in the state");
    });

    it("reads openai-admin-keys:adminKey, :baseUrl and :organization in the provider plugin", async () => {
        const project = await newProject({ example: "yaml" });
        await project.pulumi(["package", "add", await pluginFolder()]);
        await project.stack.setConfig("openai-admin-keys:adminKey", { value: api.adminKey, secret: true });
        await project.stack.setConfig("openai-admin-keys:baseUrl", { value: api.baseUrl });
        await project.stack.setConfig("openai-admin-keys:organization", { value: ORG });
        const up = await project.stack.up();
        assert.equal(up.outputs.adminKeyCount.value, 5);
        const state = (await project.stack.exportStack()).deployment as {
            resources: Array<{ type: string; outputs: Record<string, unknown> }>;
        };
        const inventory = state.resources.find((r) => r.type === PLUGIN_INVENTORY_TYPE)!;
        assert.equal(inventory.outputs.organization, ORG);
        assert.equal(inventory.outputs.baseUrl, api.baseUrl);
        assertAllRequestsConfigured();
        assert.ok(!JSON.stringify(state).includes(api.adminKey), "the admin key is in the state");
    });
});
