/**
 * examples/policy-pack, installed as a user installs it, run by the real CLI (`--policy-pack`) on
 * previews of the inventory example: the first preview, before anything is recorded, already
 * enforces the rules.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FakeAdminApi, FakeAdminApiOptions } from "../../provider/testing";
import { E2E_TIMEOUT, eventSink, violations } from "./engine-events";
import { compliantKeys, DAY, NOW, wireKey } from "./fixtures";
import { installExample, newProject, Project } from "../../scripts/real-engine";

describe("e2e: policy pack", function () {
    this.timeout(E2E_TIMEOUT);
    let packDir: string;
    let api: FakeAdminApi | undefined;

    before(async () => {
        packDir = await installExample("policy-pack");
    });
    afterEach(async () => {
        await api?.stop();
        api = undefined;
    });

    async function inventoryOf(keys: FakeAdminApiOptions["keys"]): Promise<Project> {
        api = await FakeAdminApi.start({ keys });
        const project = await newProject({ example: "inventory", env: { OPENAI_BASE_URL: api.baseUrl } });
        await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
        return project;
    }

    function configFile(config: unknown): string {
        const file = path.join(packDir, `config-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
        fs.writeFileSync(file, JSON.stringify(config));
        return file;
    }

    /** A preview expected to fail on mandatory violations: the CLI's output and the violations reported. */
    async function failingPreview(project: Project, configs: string[] = []) {
        const sink = eventSink();
        const err = await project.stack
            .preview({ policyPacks: [packDir], policyPackConfigs: configs, onEvent: sink.onEvent })
            .then(
                () => assert.fail("the preview passed"),
                (e: Error) => e,
            );
        return { output: err.message, violations: violations(sink.events) };
    }

    it("fails the very first preview on mandatory violations, naming the policy and the key", async () => {
        const old = wireKey(1, {
            id: "key_tooold",
            name: "ci-old",
            created_at: NOW - 400 * DAY,
            expires_at: NOW - 100 * DAY,
        });
        const project = await inventoryOf([old, ...compliantKeys(3).slice(1)]);
        const { output, violations } = await failingPreview(project);
        const ageMessage =
            'Admin API key key_tooold ("ci-old") is 400 days old, over the 365-day limit. Rotate it: create a new admin key, move its users to it, then delete this one.';
        assert.deepEqual(violations, [{ policy: "openai-admin-key-max-age", level: "mandatory", message: ageMessage }]);
        // What a user reads in the CLI's output.
        assert.ok(
            output.includes(
                "- [mandatory]  openai-admin-key-max-age  (pulumi-nodejs:dynamic/openai:AdminApiKeyInventory: admin-keys)",
            ),
            output,
        );
        assert.ok(output.includes(ageMessage), output);
    });

    it("reports advisory violations without failing the preview", async () => {
        const neverUsed = wireKey(2, {
            id: "key_neverused",
            name: "ci-idle",
            created_at: NOW - 30 * DAY,
            last_used_at: null,
        });
        const badName = wireKey(3, { id: "key_badname", name: "Bad Name" });
        const project = await inventoryOf([wireKey(1), neverUsed, badName]);
        const sink = eventSink();
        await project.stack.preview({ policyPacks: [packDir], onEvent: sink.onEvent });
        assert.deepEqual(violations(sink.events), [
            {
                policy: "openai-admin-key-naming",
                level: "advisory",
                message:
                    'Admin API key key_badname ("Bad Name") has a name that does not match /^[a-z0-9]+(-[a-z0-9]+)*$/. Rename it in the OpenAI dashboard (Settings > Admin keys).',
            },
            {
                policy: "openai-admin-key-unused",
                level: "advisory",
                message:
                    'Admin API key key_neverused ("ci-idle") has never been used in the 30 days since it was created (limit 14). Delete it if nothing needs it.',
            },
        ]);
    });

    it("applies --policy-pack-config overrides, including an advisory policy made mandatory", async () => {
        const neverUsed = wireKey(2, {
            id: "key_neverused",
            name: "ci-idle",
            created_at: NOW - 30 * DAY,
            last_used_at: null,
        });
        const project = await inventoryOf([wireKey(1), neverUsed]);
        const { violations } = await failingPreview(project, [
            configFile({ "openai-admin-key-unused": { enforcementLevel: "mandatory", neverUsedGraceDays: 20 } }),
        ]);
        assert.deepEqual(
            violations.map((v) => [v.policy, v.level]),
            [["openai-admin-key-unused", "mandatory"]],
        );
        assert.equal(
            violations[0].message,
            'Admin API key key_neverused ("ci-idle") has never been used in the 30 days since it was created (limit 20). Delete it if nothing needs it.',
        );
    });

    it("runs only the enabled policy when `all` is disabled", async () => {
        const old = wireKey(1, { id: "key_tooold", name: "Old Key", created_at: NOW - 400 * DAY });
        const project = await inventoryOf([old, wireKey(2), wireKey(3)]);
        const sink = eventSink();
        const config = configFile({
            all: "disabled",
            "openai-admin-key-count": { enforcementLevel: "mandatory", maxKeys: 2 },
        });
        await assert.rejects(
            project.stack.preview({ policyPacks: [packDir], policyPackConfigs: [config], onEvent: sink.onEvent }),
        );
        assert.deepEqual(
            violations(sink.events).map((v) => [v.policy, v.level]),
            [["openai-admin-key-count", "mandatory"]],
        );
        assert.match(
            violations(sink.events)[0].message,
            /^The organization has 3 admin API keys, over the limit of 2\. Delete 1 /,
        );
    });

    it("passes a compliant organization", async () => {
        const project = await inventoryOf(compliantKeys(5));
        const sink = eventSink();
        await project.stack.preview({ policyPacks: [packDir], onEvent: sink.onEvent });
        assert.deepEqual(violations(sink.events), []);
    });
});
