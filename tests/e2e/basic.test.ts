/** The basic example (examples/basic) run by the real Pulumi CLI against the fake Admin API. */
import { strict as assert } from "assert";
import { FakeAdminApi } from "../../provider/testing";
import { expectedIds } from "../helpers";
import { newProject, Project } from "../../scripts/real-engine";
import { E2E_TIMEOUT, eventSink, stackOutputsInPreview } from "./engine-events";

describe("e2e: basic example", function () {
    this.timeout(E2E_TIMEOUT);
    let api: FakeAdminApi;
    let project: Project;

    before(async () => {
        api = await FakeAdminApi.start({ seed: { count: 250, seed: 7 } });
        project = await newProject({ example: "basic", env: { OPENAI_BASE_URL: api.baseUrl } });
        await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
    });
    after(async () => api?.stop());

    it("knows every key id during the first preview, before any update", async () => {
        const sink = eventSink();
        await project.stack.preview({ onEvent: sink.onEvent });
        assert.deepEqual(stackOutputsInPreview(sink.events).adminKeyIds, expectedIds(api, "desc"));
    });

    it("exports every key id, newest first, on up", async () => {
        const result = await project.stack.up();
        assert.deepEqual(result.outputs.adminKeyIds.value, expectedIds(api, "desc"));
        assert.equal(result.outputs.adminKeyIds.secret, false);
        assert.equal((result.outputs.adminKeys.value as unknown[]).length, 250);
    });

    it("fails the update with the documented message when the expected key is missing", async () => {
        await project.stack.setConfig("expectedKeyName", { value: "no-such-key" });
        try {
            await assert.rejects(project.stack.up(), (err: Error) => {
                assert.ok(
                    err.message.includes(
                        'No admin API key named "no-such-key" exists in the organization (250 keys checked). ' +
                            "Create it at https://platform.openai.com/settings/organization/admin-keys, or change `expectedKeyName`.",
                    ),
                    err.message,
                );
                return true;
            });
        } finally {
            await project.stack.removeConfig("expectedKeyName");
        }
    });

    it("looks the expected key up by name when it exists", async () => {
        const named = api.keys.find((k) => k.name)!;
        await project.stack.setConfig("expectedKeyName", { value: named.name! });
        try {
            const result = await project.stack.up();
            assert.deepEqual(result.outputs.expectedKey.value, {
                id: api.keys.filter((k) => k.name === named.name).at(-1)!.id,
                name: named.name,
                owner: api.keys.filter((k) => k.name === named.name).at(-1)!.owner?.name ?? null,
                redactedValue: api.keys.filter((k) => k.name === named.name).at(-1)!.redacted_value,
                duplicates: api.keys.filter((k) => k.name === named.name).length - 1,
            });
        } finally {
            await project.stack.removeConfig("expectedKeyName");
        }
    });
});
