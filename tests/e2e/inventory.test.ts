/**
 * The inventory example (examples/inventory) under the real engine: keys in the first preview,
 * drift key by key in the preview (plain, --diff and step events), refresh and destroy.
 */
import { strict as assert } from "assert";
import type { AdminApiKeyWire } from "../../provider/admin-api-key";
import { FakeAdminApi } from "../../provider/testing";
import {
    diagnostics,
    diffKinds,
    E2E_TIMEOUT,
    eventSink,
    INVENTORY_TYPE,
    stackOutputsInPreview,
    stepOf,
} from "./engine-events";
import { compliantKeys, DAY, NOW } from "./fixtures";
import { newProject, Project } from "../../scripts/real-engine";

describe("e2e: inventory example", function () {
    this.timeout(E2E_TIMEOUT);
    let api: FakeAdminApi;
    let project: Project;
    const initial = compliantKeys(12);

    before(async () => {
        api = await FakeAdminApi.start({ keys: initial });
        project = await newProject({ example: "inventory", env: { OPENAI_BASE_URL: api.baseUrl } });
        await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
    });
    after(async () => api?.stop());

    /** A preview expected to show one update of the inventory; returns its step and the CLI's text. */
    async function previewUpdate(diff: boolean) {
        const sink = eventSink();
        const result = await project.stack.preview({ onEvent: sink.onEvent, diff });
        const step = stepOf(sink.events, INVENTORY_TYPE);
        assert.equal(step.op, "update", result.stdout);
        return { step, stdout: result.stdout, diagnostics: diagnostics(sink.events) };
    }

    /** The detailed diff's paths under `keys` (the `ids` array shifts with any added or removed key). */
    function keyPaths(step: Parameters<typeof diffKinds>[0]): Record<string, string> {
        return Object.fromEntries(Object.entries(diffKinds(step)).filter(([p]) => p.startsWith("keys.")));
    }

    async function assertCleanPreview() {
        const sink = eventSink();
        await project.stack.preview({ onEvent: sink.onEvent, expectNoChanges: true });
        assert.equal(stepOf(sink.events, INVENTORY_TYPE).op, "same");
    }

    it("has every key in the first preview, before any update", async () => {
        const sink = eventSink();
        await project.stack.preview({ onEvent: sink.onEvent });
        const step = stepOf(sink.events, INVENTORY_TYPE);
        assert.equal(step.op, "create");
        assert.deepEqual(Object.keys(step.new!.inputs.keys as object).sort(), initial.map((k) => k.id).sort());
        assert.equal(stackOutputsInPreview(sink.events).adminKeyCount, 12);
    });

    it("records every key, oldest first, on up", async () => {
        const result = await project.stack.up();
        assert.equal(result.outputs.adminKeyCount.value, 12);
        assert.deepEqual(
            result.outputs.adminKeyIds.value,
            initial.map((k) => k.id),
        );
        assert.deepEqual(result.outputs.keysWithoutExpiry.value, []);
    });

    it("reports no change in a preview when nothing changed", async () => {
        await assertCleanPreview();
    });

    it("shows a key renamed out of band as an update naming the key and field", async () => {
        api.updateKey("key_e2e0003", { name: "renamed-in-console" });
        const plain = await previewUpdate(false);
        assert.deepEqual(plain.step.diffs, ["keys"]);
        assert.deepEqual(diffKinds(plain.step), { "keys.key_e2e0003.name": "update" });
        assert.ok(
            plain.stdout.includes(
                'admin key drift: changed outside code: "key_e2e0003" "renamed-in-console": name "ci-key-3" -> "renamed-in-console"',
            ),
            plain.stdout,
        );
        const withDiff = await previewUpdate(true);
        assert.ok(withDiff.stdout.includes("key_e2e0003"), withDiff.stdout);
        assert.ok(withDiff.stdout.includes('name: "ci-key-3" => "renamed-in-console"'), withDiff.stdout);
        await project.stack.up();
        await assertCleanPreview();
    });

    it("shows a key created out of band as an added entry", async () => {
        const created: AdminApiKeyWire = {
            ...initial[0],
            id: "key_e2econsole",
            name: "made-in-console",
            created_at: NOW - 60,
        };
        api.addKey(created);
        const { step, stdout } = await previewUpdate(false);
        assert.deepEqual(step.diffs, ["count", "ids", "keys"]);
        assert.deepEqual(keyPaths(step), { "keys.key_e2econsole": "add" });
        assert.ok(
            stdout.includes(
                'admin key drift: created outside code: "key_e2econsole" "made-in-console", owner "deployer-1 (service_account, svc_1)"',
            ),
            stdout,
        );
        const withDiff = await previewUpdate(true);
        assert.match(withDiff.stdout, /\+ key_e2econsole: \{\n(.*\n)*? *\+ name *: "made-in-console"\n/);
        await project.stack.up();
        await assertCleanPreview();
    });

    it("shows a key deleted out of band as a removed entry", async () => {
        api.deleteKey("key_e2e0005");
        const { step, stdout } = await previewUpdate(false);
        assert.deepEqual(step.diffs, ["count", "ids", "keys"]);
        assert.deepEqual(keyPaths(step), { "keys.key_e2e0005": "delete" });
        assert.ok(stdout.includes('admin key drift: deleted outside code: "key_e2e0005" "ci-key-5"'), stdout);
        const withDiff = await previewUpdate(true);
        assert.match(withDiff.stdout, /- key_e2e0005: \{\n(.*\n)*? *- name *: "ci-key-5"\n/);
        await project.stack.up();
        await assertCleanPreview();
    });

    it("shows a key re-owned out of band as changed owner fields", async () => {
        api.updateKey("key_e2e0007", {
            owner: { ...initial[6].owner!, id: "user_intruder", name: "Intruder", type: "user" },
        });
        const { step, stdout } = await previewUpdate(false);
        assert.deepEqual(step.diffs, ["keys"]);
        assert.deepEqual(diffKinds(step), {
            "keys.key_e2e0007.owner.id": "update",
            "keys.key_e2e0007.owner.name": "update",
            "keys.key_e2e0007.owner.type": "update",
        });
        const withDiff = await previewUpdate(true);
        assert.match(
            withDiff.stdout,
            /~ key_e2e0007: \{\n *~ owner *: \{\n(.*\n)*? *~ id *: "svc_7" => "user_intruder"\n/,
        );
        assert.ok(
            stdout.includes(
                'admin key drift: changed outside code: "key_e2e0007" "ci-key-7": owner "deployer-7 (service_account, svc_7)" -> "Intruder (user, user_intruder)"',
            ),
            stdout,
        );
        await project.stack.up();
        await assertCleanPreview();
    });

    it("shows no change when keys are used again within the recent window", async () => {
        for (const k of api.keys) api.updateKey(k.id, { last_used_at: NOW - 60 });
        await assertCleanPreview();
    });

    it("shows a key that stopped being used as a usage change, and no drift line", async () => {
        api.updateKey("key_e2e0002", { last_used_at: NOW - 30 * DAY });
        const { step, stdout } = await previewUpdate(true);
        assert.deepEqual(diffKinds(step), { "keys.key_e2e0002.lastUsedAt": "add", "keys.key_e2e0002.usage": "update" });
        assert.ok(!stdout.includes("admin key drift"), stdout);
        await project.stack.up();
    });

    it("records out-of-band changes on refresh, after which the preview is clean", async () => {
        api.updateKey("key_e2e0009", { name: "renamed-before-refresh" });
        // Refresh does not run the program, so the provider reads the key from the environment.
        project.ws.envVars.OPENAI_ADMIN_KEY = api.adminKey;
        try {
            await project.stack.refresh();
        } finally {
            delete project.ws.envVars.OPENAI_ADMIN_KEY;
        }
        const state = await project.stack.exportStack();
        const inventory = state.deployment.resources.find((r: { type: string }) => r.type === INVENTORY_TYPE);
        assert.equal(inventory.outputs.keys.key_e2e0009.name, "renamed-before-refresh");
        assert.equal(inventory.inputs.keys.key_e2e0009.name, "renamed-before-refresh");
        await assertCleanPreview();
    });

    it("destroys the inventory without sending anything but GETs of the list", async () => {
        const keysBefore = api.keys.length;
        await project.stack.destroy();
        assert.equal(api.keys.length, keysBefore);
        assert.deepEqual(
            [...new Set(api.calls.map((c) => `${c.method} ${c.path}`))],
            ["GET /v1/organization/admin_api_keys"],
        );
    });
});
