/**
 * The admin key under the real engine: it works from a secret in the stack config alone and from
 * OPENAI_ADMIN_KEY alone, and it appears in no CLI output, engine event, stack export (even with
 * --show-secrets) or file under the state, home or project directories.
 */
import { strict as assert } from "assert";
import { FakeAdminApi } from "../../provider/testing";
import { E2E_TIMEOUT, eventSink, readTree } from "./engine-events";
import { compliantKeys } from "./fixtures";
import { newProject, workspace } from "../../scripts/real-engine";

describe("e2e: the admin key", function () {
    this.timeout(E2E_TIMEOUT);
    let api: FakeAdminApi;

    before(async () => {
        assert.equal(process.env.OPENAI_ADMIN_KEY, undefined, "tests run without OPENAI_ADMIN_KEY");
        api = await FakeAdminApi.start({ keys: compliantKeys(8) });
    });
    after(async () => api?.stop());

    /** Everything a user or a log could see of one stack's life, searched for the key. */
    async function assertNoLeak(texts: Array<{ where: string; text: string }>): Promise<void> {
        // The whole key, and a middle slice in case something truncated or re-wrapped it.
        const needles = [api.adminKey, api.adminKey.slice(12, 32)];
        for (const { where, text } of texts)
            for (const n of needles) assert.ok(!text.includes(n), `the admin key appears in ${where}`);
    }

    for (const source of ["a secret in the stack config", "OPENAI_ADMIN_KEY in the environment of pulumi"] as const) {
        for (const example of ["basic", "inventory"] as const) {
            it(`lists keys in the ${example} example with only ${source}, and never shows the key`, async () => {
                const fromEnv = source.startsWith("OPENAI_ADMIN_KEY");
                const project = await newProject({
                    example,
                    env: fromEnv
                        ? { OPENAI_BASE_URL: api.baseUrl, OPENAI_ADMIN_KEY: api.adminKey }
                        : { OPENAI_BASE_URL: api.baseUrl },
                });
                if (!fromEnv) await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
                const sink = eventSink();
                const preview = await project.stack.preview({ onEvent: sink.onEvent, diff: true });
                const up = await project.stack.up({ onEvent: sink.onEvent, diff: true });
                const ids = up.outputs.adminKeyIds.value as string[];
                assert.deepEqual([...ids].sort(), api.keys.map((k) => k.id).sort());
                // Refresh does not run the program: with the key only in the config, the inventory cannot re-read.
                const refresh =
                    example === "inventory" && !fromEnv
                        ? await project.stack.refresh({ onEvent: sink.onEvent }).then(
                              () => assert.fail("refresh passed without a key"),
                              (e: Error) => {
                                  assert.match(
                                      e.message,
                                      /`pulumi refresh` of an AdminApiKeyInventory needs OPENAI_ADMIN_KEY in the environment of pulumi/,
                                  );
                                  return { stdout: e.message, stderr: "" };
                              },
                          )
                        : await project.stack.refresh({ onEvent: sink.onEvent });
                const exported = await project.pulumi(["stack", "export", "--show-secrets"]);
                const config = await project.pulumi(["config", "--show-secrets"], { allowFailure: true });
                const w = await workspace();
                await assertNoLeak([
                    { where: "preview output", text: preview.stdout + preview.stderr },
                    { where: "up output", text: up.stdout + up.stderr },
                    { where: "refresh output", text: refresh.stdout + refresh.stderr },
                    { where: "engine events", text: JSON.stringify(sink.events) },
                    { where: "stack export --show-secrets", text: exported.stdout + exported.stderr },
                    ...readTree(project.stateDir).map((f) => ({ where: f.file, text: f.text })),
                    ...readTree(w.pulumiHome).map((f) => ({ where: f.file, text: f.text })),
                    ...readTree(project.dir).map((f) => ({ where: f.file, text: f.text })),
                ]);
                // The check can fail: the one place the key is meant to be readable is the config, on request.
                if (!fromEnv)
                    assert.ok(config.stdout.includes(api.adminKey), "config --show-secrets shows the stored key");
                await project.stack.destroy();
            });
        }
    }
});
