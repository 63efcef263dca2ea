/**
 * The estate read by programs under the real CLI, as shipped: examples/estate (TypeScript, the data
 * source in the program) and examples/estate-yaml (YAML, the provider plugin's functions). Values
 * are known in the first preview; the admin key is nowhere.
 */
import { strict as assert } from "assert";
import { FakeAdminApi, seedEstate } from "../../provider/testing";
import { E2E_TIMEOUT, eventSink, stackOutputsInPreview } from "./engine-events";
import { newProject, pluginFolder } from "../../scripts/real-engine";

describe("e2e: the estate in programs", function () {
    this.timeout(E2E_TIMEOUT);
    let api: FakeAdminApi;
    const estate = seedEstate({ projects: 12, seed: 4 });
    const keyCount = estate.reduce((n, p) => n + p.apiKeys.length, 0);
    // Projects come oldest first, as the API lists them; keys likewise within each project.
    const leftBehind = () =>
        api.estate.all.flatMap((p) =>
            [...p.apiKeys]
                .sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1))
                .filter((k) => k.owner_project_access === "inactive")
                .map((k) => `${p.project.id}/${k.id}`),
        );

    before(async () => {
        api = await FakeAdminApi.start({ seed: { count: 4 }, estate });
    });
    after(async () => api?.stop());

    it("reads the whole estate in a TypeScript program, known in the first preview", async () => {
        const project = await newProject({ example: "estate" });
        await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
        await project.stack.setConfig("openai:baseUrl", { value: api.baseUrl });
        const sink = eventSink();
        const preview = await project.stack.preview({ onEvent: sink.onEvent });
        const outs = stackOutputsInPreview(sink.events);
        assert.equal(outs.projectCount, 12);
        assert.equal(outs.projectKeyCount, keyCount);
        assert.equal(outs.adminKeyCount, 4);
        assert.deepEqual(outs.keysOfOwnersWithoutAccess, leftBehind());
        const up = await project.stack.up();
        assert.equal(up.outputs.projectKeyCount.value, keyCount);
        const everything = preview.stdout + up.stdout + JSON.stringify(await project.stack.exportStack());
        assert.ok(!everything.includes(api.adminKey), "the admin key was shown or recorded");
    });

    it("reads the estate in a YAML program through the provider plugin, known in the first preview", async () => {
        const project = await newProject({ example: "estate-yaml" });
        await project.pulumi(["package", "add", await pluginFolder()]);
        await project.stack.setConfig("openai-admin-keys:adminKey", { value: api.adminKey, secret: true });
        await project.stack.setConfig("openai-admin-keys:baseUrl", { value: api.baseUrl });
        const sink = eventSink();
        const preview = await project.stack.preview({ onEvent: sink.onEvent });
        const outs = stackOutputsInPreview(sink.events);
        assert.equal(outs.projectCount, 12);
        assert.equal(outs.projectKeyCount, keyCount);
        const first = api.estate.all[0];
        assert.deepEqual(
            outs.firstProjectKeyIds,
            [...first.apiKeys].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1)).map((k) => k.id),
        );
        const up = await project.stack.up();
        assert.equal(up.outputs.projectCount.value, 12);
        const everything = preview.stdout + up.stdout + JSON.stringify(await project.stack.exportStack());
        assert.ok(!everything.includes(api.adminKey), "the admin key was shown or recorded");
    });
});
