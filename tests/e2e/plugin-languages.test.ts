/**
 * The provider plugin from YAML, Python and Go programs (examples/yaml, examples/python,
 * examples/go, as shipped), under the real CLI, in both of its forms:
 * - installed as a user installs a registry package: the executable plugin's tarball with `pulumi
 *   plugin install`, the SDK from the language's package manager (the wheel, the Go module), every
 *   artifact copied out of `npm run dist`'s output, and Node.js off PATH;
 * - for development, the plugin folder (plugin/, `runtime: nodejs`) with `pulumi package add`.
 * Each: the data source, the inventory, drift key by key in the preview, refresh, the TypeScript
 * policy pack, the drift command on the stack's export, and the admin key nowhere.
 *
 * YAML runs on Pulumi's own language host (pulumi-yaml); Python and Go on this project's hosts
 * over Pulumi's own program runner and code generators (tools/pulumi-cli).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PLUGIN_INVENTORY_TYPE } from "../../provider";
import { FakeAdminApi } from "../../provider/testing";
import {
    diffKinds,
    E2E_TIMEOUT,
    recordingCli,
    eventSink,
    readTree,
    stackOutputsInPreview,
    stepOf,
    violations,
} from "./engine-events";
import { compliantKeys, DAY, NOW, wireKey } from "./fixtures";
import {
    installExample,
    newProject,
    PluginLanguage,
    pluginFolder,
    Project,
    run,
    workspace,
} from "../../scripts/real-engine";
import { artifacts, Artifacts, goEnv, installAsUser, pathWithoutNode } from "../../scripts/installed-artifacts";

type RecordedInventory = { ids: string[]; keys: Record<string, { owner: unknown }> };

/** What `pulumi package add` leaves in each kind of project: the generated SDK and its link. */
const ADDED: Record<PluginLanguage, { sdk: string[]; linkFile?: string; link?: RegExp }> = {
    yaml: { sdk: ["openai-admin-keys-0.1.0.yaml"] },
    python: {
        sdk: ["pulumi_openai_admin_keys", "setup.py"],
        linkFile: "requirements.txt",
        link: /^pulumi==3\.272\.0\n\.\/sdks\/openai-admin-keys\n$/,
    },
    go: {
        sdk: ["go.mod", "openaiadminkeys"],
        linkFile: "go.mod",
        link: /\nreplace github\.com\/local\/pulumi-openai-admin-keys\/sdk\/go => \.\/sdks\/openai-admin-keys\n/,
    },
};

for (const form of ["installed", "package add"] as const)
    for (const language of ["yaml", "python", "go"] as const)
        describe(`e2e: provider plugin (${form}) from a ${language} program`, function () {
            this.timeout(E2E_TIMEOUT);
            let api: FakeAdminApi;
            let project: Project;
            let plugin: string;
            let built: Artifacts;
            /** The project's own PULUMI_HOME, where the installed form's plugin goes. */
            let pulumiHome: string;
            /** PATH with Node.js on it: the installed form's programs run without, its policy pack with. */
            let pathWithNode: string;
            /** Everything the CLI printed in this suite, searched for the admin key at the end. */
            const seen: Array<{ where: string; text: string }> = [];
            const userKey = wireKey(9, {
                id: "key_e2euser",
                name: "ci-alice",
                owner: { type: "user", id: "user_alice", name: "Alice", created_at: NOW - 300 * DAY, role: "owner" },
            });
            const initial = [...compliantKeys(4), userKey];

            before(async () => {
                assert.equal(process.env.OPENAI_ADMIN_KEY, undefined, "tests run without OPENAI_ADMIN_KEY");
                api = await FakeAdminApi.start({ keys: initial });
                const w = await workspace();
                pathWithNode = `${w.cliBin}${path.delimiter}${process.env.PATH}`;
                if (form === "package add") {
                    plugin = await pluginFolder();
                    pulumiHome = w.pulumiHome;
                    project = await newProject({ example: language });
                    return;
                }
                built = await artifacts();
                pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
                project = await newProject({
                    example: language,
                    pulumiHome,
                    path: pathWithoutNode(pathWithNode),
                    env: language === "go" ? goEnv(built) : {},
                });
            });
            after(async () => api?.stop());

            const { pulumi, assertCleanPreview } = recordingCli(() => project, seen, PLUGIN_INVENTORY_TYPE);

            if (form === "installed")
                it("is installed with `pulumi plugin install --file` and the SDK from the language's package manager", async () => {
                    const printed = await installAsUser(project, language, built);
                    seen.push(...printed.map((text) => ({ where: "install", text })));
                    assert.match(printed[0], /\[resource plugin openai-admin-keys-0\.1\.0\] installing/);
                    const installed = fs.readdirSync(
                        path.join(pulumiHome, "plugins", "resource-openai-admin-keys-v0.1.0"),
                    );
                    assert.deepEqual(installed.sort(), ["LICENSE", "pulumi-resource-openai-admin-keys"]);
                    const yaml = fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8");
                    assert.ok(!yaml.includes("packages:"), "the installed form needs no packages entry");
                    await project.stack.setConfig("openai-admin-keys:adminKey", { value: api.adminKey, secret: true });
                    await project.stack.setConfig("openai-admin-keys:baseUrl", { value: api.baseUrl });
                });
            else
                it("is added to the project by `pulumi package add <plugin folder>`", async () => {
                    const out = await pulumi(["package", "add", plugin]);
                    assert.match(out.stderr, /^Added package OpenAI Admin API keys$/m);
                    const yaml = fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8");
                    assert.ok(yaml.endsWith(`packages:\n  openai-admin-keys: ${plugin}\n`), yaml);
                    const sdk = fs.readdirSync(path.join(project.dir, "sdks", "openai-admin-keys"));
                    for (const f of ADDED[language].sdk)
                        assert.ok(sdk.includes(f), `${f} not in the generated SDK: ${sdk}`);
                    const { linkFile, link } = ADDED[language];
                    if (linkFile) assert.match(fs.readFileSync(path.join(project.dir, linkFile), "utf8"), link!);
                    await project.stack.setConfig("openai-admin-keys:adminKey", { value: api.adminKey, secret: true });
                    await project.stack.setConfig("openai-admin-keys:baseUrl", { value: api.baseUrl });
                });

            it("has the data source's ids and every key of the inventory in the first preview", async () => {
                const sink = eventSink();
                await project.stack.preview({ onEvent: sink.onEvent });
                const step = stepOf(sink.events, PLUGIN_INVENTORY_TYPE);
                assert.equal(step.op, "create");
                assert.deepEqual(Object.keys(step.new!.inputs.keys as object).sort(), initial.map((k) => k.id).sort());
                // The service accounts' keys, newest first: the user's key is filtered out.
                assert.deepEqual(stackOutputsInPreview(sink.events).serviceAccountKeyIds, [
                    "key_e2e0004",
                    "key_e2e0003",
                    "key_e2e0002",
                    "key_e2e0001",
                ]);
            });

            it("records every key on up", async () => {
                const sink = eventSink();
                const up = await project.stack.up({ onEvent: sink.onEvent });
                seen.push({ where: "up", text: up.stdout + up.stderr });
                assert.equal(up.outputs.adminKeyCount.value, 5);
                assert.deepEqual(up.outputs.serviceAccountKeyIds.value, [
                    "key_e2e0004",
                    "key_e2e0003",
                    "key_e2e0002",
                    "key_e2e0001",
                ]);
                const state = await project.stack.exportStack();
                const recorded = (
                    state.deployment.resources as Array<{ type: string; outputs: RecordedInventory }>
                ).find((r) => r.type === PLUGIN_INVENTORY_TYPE)!.outputs;
                assert.deepEqual(recorded.ids, [
                    "key_e2e0001",
                    "key_e2e0002",
                    "key_e2e0003",
                    "key_e2e0004",
                    "key_e2euser",
                ]);
                assert.deepEqual(recorded.keys.key_e2euser.owner, {
                    type: "user",
                    id: "user_alice",
                    name: "Alice",
                    role: "owner",
                    createdAt: NOW - 300 * DAY,
                });
            });

            it("reports no change in a preview when nothing changed", async () => {
                await assertCleanPreview();
            });

            it("shows a key renamed out of band in the next preview, naming the key and the field", async () => {
                api.updateKey("key_e2e0003", { name: "renamed-in-console" });
                const sink = eventSink();
                const result = await project.stack.preview({ onEvent: sink.onEvent, diff: true });
                seen.push({ where: "drift preview", text: result.stdout + result.stderr });
                const step = stepOf(sink.events, PLUGIN_INVENTORY_TYPE);
                assert.equal(step.op, "update");
                assert.deepEqual(step.diffs, ["keys"]);
                assert.deepEqual(diffKinds(step), { "keys.key_e2e0003.name": "update" });
                assert.match(result.stdout, /~ key_e2e0003: \{\n\s+~ name: "ci-key-3" => "renamed-in-console"\n/);
                // The plain preview names it too, under the inventory's diagnostics.
                assert.deepEqual(
                    // (Info only: the Python SDK also sends debug messages of its own.)
                    sink.events
                        .map((e) => e.diagnosticEvent)
                        .filter((d) => d?.severity === "info")
                        .map((d) => d!.message.trim()),
                    [
                        'admin key drift: changed outside code: "key_e2e0003" "renamed-in-console": name "ci-key-3" -> "renamed-in-console"',
                    ],
                );
            });

            it("refreshes with OPENAI_ADMIN_KEY, or with --run-program from the stack config, and says which it needs", async () => {
                const without = await pulumi(["refresh", "--yes"], {}, true);
                assert.notEqual(without.status, 0);
                assert.match(
                    without.stdout + without.stderr,
                    /`pulumi refresh` of an AdminApiKeyInventory needs OPENAI_ADMIN_KEY in the environment of pulumi: refresh does not run the program, so the stack's openai-admin-keys:adminKey does not reach the provider/,
                );
                const withKey = await pulumi(["refresh", "--yes"], { OPENAI_ADMIN_KEY: api.adminKey });
                assert.match(withKey.stdout, /~ 1 updated/);
                await assertCleanPreview();
                api.updateKey("key_e2e0001", { name: "renamed-again" });
                const runProgram = await pulumi(["refresh", "--yes", "--run-program"]);
                assert.match(runProgram.stdout, /~ 1 updated/);
                await assertCleanPreview();
            });

            it("is read by the drift command from the stack's export", async () => {
                const exportFile = path.join(project.dir, "stack.json");
                await pulumi(["stack", "export", "--file", exportFile]);
                api.deleteKey("key_e2e0002");
                const w = await workspace();
                const res = await run(
                    path.join(w.dir, "node_modules", ".bin", "openai-admin-keys-drift"),
                    ["--state", exportFile, "--format", "json"],
                    {
                        cwd: project.dir,
                        env: { PATH: process.env.PATH, OPENAI_ADMIN_KEY: api.adminKey, OPENAI_BASE_URL: api.baseUrl },
                    },
                );
                seen.push({ where: "drift command", text: res.stdout + res.stderr });
                assert.equal(res.status, 2, res.stderr);
                const report = JSON.parse(res.stdout) as { missing: Array<{ id: string }>; changed: unknown[] };
                assert.deepEqual(
                    report.missing.map((k) => k.id),
                    ["key_e2e0002"],
                );
                assert.deepEqual(report.changed, []);
            });

            it("is blocked by the TypeScript policy pack on a mandatory violation", async () => {
                const packDir = await installExample("policy-pack");
                api.addKey(
                    wireKey(7, { id: "key_e2enoexpiry", name: "ci-forever", created_at: NOW - DAY, expires_at: null }),
                );
                const sink = eventSink();
                // A TypeScript policy pack runs on Node.js, whichever form the plugin has.
                project.ws.envVars.PATH = pathWithNode;
                const err = await project.stack
                    .preview({ policyPacks: [packDir], onEvent: sink.onEvent })
                    .then(
                        () => assert.fail("the preview passed"),
                        (e: Error) => e,
                    )
                    .finally(() => {
                        if (project.env.PATH) project.ws.envVars.PATH = project.env.PATH;
                    });
                seen.push({ where: "policy preview", text: err.message });
                assert.deepEqual(violations(sink.events), [
                    {
                        policy: "openai-admin-key-expiry",
                        level: "mandatory",
                        message:
                            'Admin API key key_e2enoexpiry ("ci-forever") never expires. Replace it with a key created with an expiry (expires_in_seconds) of at most 365 days.',
                    },
                ]);
                assert.ok(
                    err.message.includes(
                        `- [mandatory]  openai-admin-key-expiry  (${PLUGIN_INVENTORY_TYPE}: adminKeys)`,
                    ),
                    err.message,
                );
            });

            it("never shows or records the admin key", async () => {
                const exported = await pulumi(["stack", "export", "--show-secrets"]);
                assert.match(exported.stdout, /"type": "pulumi:providers:openai-admin-keys"/);
                const needles = [api.adminKey, api.adminKey.slice(12, 32)];
                const sdks = path.join(project.dir, "sdks");
                const files = [project.stateDir, pulumiHome, ...(form === "package add" ? [sdks] : [])].flatMap(
                    readTree,
                );
                for (const { where, text } of [...seen, ...files.map((f) => ({ where: f.file, text: f.text }))])
                    for (const n of needles) assert.ok(!text.includes(n), `the admin key appears in ${where}`);
            });

            it("records an out-of-band change on up, and forgets the inventory on destroy without a request", async () => {
                api.updateKey("key_e2e0004", { name: "renamed-before-up" });
                const up = await project.stack.up();
                seen.push({ where: "up after drift", text: up.stdout + up.stderr });
                const recorded = (
                    (await project.stack.exportStack()).deployment.resources as Array<{
                        type: string;
                        outputs: RecordedInventory;
                    }>
                ).find((r) => r.type === PLUGIN_INVENTORY_TYPE)!.outputs;
                assert.equal((recorded.keys.key_e2e0004 as { name?: string }).name, "renamed-before-up");
                const requests = api.calls.length;
                const destroy = await project.stack.destroy();
                seen.push({ where: "destroy", text: destroy.stdout + destroy.stderr });
                assert.equal(api.calls.length, requests, "destroy sent a request to the Admin API");
                const left = (await project.stack.exportStack()).deployment.resources ?? [];
                assert.deepEqual(left, []);
                for (const { where, text } of seen.slice(-2))
                    assert.ok(!text.includes(api.adminKey), `the admin key appears in ${where}`);
            });
        });
