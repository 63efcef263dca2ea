/**
 * The estate inventory under the real CLI, from a TypeScript program (examples/estate-inventory,
 * the dynamic provider) and a YAML program (examples/estate-inventory-yaml, the executable plugin
 * installed as a user installs it): the first preview, the policy pack blocking it, one listing
 * per `up`, a clean preview, changes out of band project by project and key by key, refresh, the
 * drift command on the stack's export, destroy without a request, and the admin key nowhere.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ESTATE_INVENTORY_TYPE, PLUGIN_ESTATE_INVENTORY_TYPE } from "../../provider";
import { FakeAdminApi } from "../../provider/testing";
import {
    diffKinds,
    E2E_TIMEOUT,
    eventSink,
    recordingCli,
    readTree,
    stackOutputsInPreview,
    stepOf,
} from "./engine-events";
import { compliantKeys } from "./fixtures";
import { estateFixture, projectKey } from "../estate-fixture";
import { installExample, newProject, Project, run, workspace } from "../../scripts/real-engine";
import { artifacts, installAsUser, pathWithoutNode } from "../../scripts/installed-artifacts";

const now = Math.floor(Date.now() / 1000);

for (const form of ["typescript", "yaml"] as const)
    describe(`e2e: estate inventory from a ${form} program`, function () {
        this.timeout(E2E_TIMEOUT);
        const type = form === "typescript" ? ESTATE_INVENTORY_TYPE : PLUGIN_ESTATE_INVENTORY_TYPE;
        const name = "estate";
        const ns = form === "typescript" ? "openai" : "openai-admin-keys";
        let api: FakeAdminApi;
        let project: Project;
        let packDir: string;
        let pathWithNode: string;
        let pulumiHome: string | undefined;
        /** Everything the CLI printed in this suite, searched for the admin key at the end. */
        const seen: Array<{ where: string; text: string }> = [];

        before(async () => {
            api = await FakeAdminApi.start({ keys: compliantKeys(3), estate: estateFixture(now) });
            const w = await workspace();
            pathWithNode = `${w.cliBin}${path.delimiter}${process.env.PATH}`;
            packDir = await installExample("policy-pack");
            if (form === "typescript") {
                project = await newProject({ example: "estate-inventory", env: { OPENAI_BASE_URL: api.baseUrl } });
            } else {
                const built = await artifacts();
                pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
                project = await newProject({
                    example: "estate-inventory-yaml",
                    pulumiHome,
                    path: pathWithoutNode(pathWithNode),
                });
                seen.push(...(await installAsUser(project, "yaml", built)).map((text) => ({ where: "install", text })));
                await project.stack.setConfig(`${ns}:baseUrl`, { value: api.baseUrl });
            }
            await project.stack.setConfig(`${ns}:adminKey`, { value: api.adminKey, secret: true });
        });
        after(async () => api?.stop());

        const { pulumi, assertCleanPreview } = recordingCli(() => project, seen, type);

        it("has every project and key in the first preview", async () => {
            const sink = eventSink();
            const result = await project.stack.preview({ onEvent: sink.onEvent });
            seen.push({ where: "first preview", text: result.stdout + result.stderr });
            const step = stepOf(sink.events, type);
            assert.equal(step.op, "create");
            const projects = step.new!.inputs.projects as Record<string, { apiKeys: object }>;
            assert.deepEqual(Object.keys(projects).sort(), ["proj_crowded", "proj_legacy", "proj_payments"]);
            assert.deepEqual(Object.keys(projects.proj_payments.apiKeys).sort(), [
                "key_pay_good",
                "key_pay_left",
                "key_pay_svc",
            ]);
            assert.equal(stackOutputsInPreview(sink.events).projectKeyCount, 7);
        });

        it("is blocked by the policy pack on the key of an owner without access, naming project and key", async () => {
            // A TypeScript policy pack runs on Node.js, whichever form the program has.
            const out = await pulumi(["preview", "--policy-pack", packDir], { PATH: pathWithNode }, true);
            assert.notEqual(out.status, 0, out.stdout);
            const text = out.stdout + out.stderr;
            assert.ok(
                text.includes(`- [mandatory]  openai-project-key-owner-without-access  (${type}: ${name})`),
                text,
            );
            assert.ok(
                text.includes(
                    'Project proj_payments ("payments"): API key key_pay_left ("key_pay_left-name") belongs to Grace Hopper (user, user_grace), who no longer has access to the project.',
                ),
                text,
            );
            assert.ok(text.includes("- [advisory]  openai-archived-project-keys"), text);
        });

        it("records the estate on up, listing it once for the preview and the update together", async () => {
            const before = api.calls.length;
            const up = await project.stack.up();
            seen.push({ where: "up", text: up.stdout + up.stderr });
            assert.equal(up.outputs.projectCount.value, 3);
            assert.equal(up.outputs.projectKeyCount.value, 7);
            const listings = api.calls.slice(before).filter((c) => c.path === "/v1/organization/projects");
            assert.equal(listings.length, 1, "the update listed the estate again");
            const state = await project.stack.exportStack();
            const recorded = (
                state.deployment.resources as Array<{ type: string; outputs: Record<string, unknown> }>
            ).find((r) => r.type === type)!.outputs as {
                projects: Record<string, { apiKeys: Record<string, { ownerProjectAccess: string }> }>;
            };
            assert.equal(recorded.projects.proj_payments.apiKeys.key_pay_left.ownerProjectAccess, "inactive");
        });

        it("reports no change in a preview when nothing changed", async () => {
            await assertCleanPreview();
        });

        it("shows changes out of band project by project and key by key", async () => {
            api.estate.updateApiKey("proj_crowded", "key_crowd_1", { name: "renamed-in-console" });
            api.estate.deleteApiKey("proj_crowded", "key_crowd_2");
            api.estate.addApiKey("proj_crowded", projectKey("key_crowd_9", { age: 0 }, now));
            api.estate.updateApiKey("proj_payments", "key_pay_good", { owner_project_access: "inactive" });
            api.estate.archiveProject("proj_crowded", now - 3600);
            const sink = eventSink();
            const result = await project.stack.preview({ onEvent: sink.onEvent, diff: true });
            seen.push({ where: "drift preview", text: result.stdout + result.stderr });
            const step = stepOf(sink.events, type);
            assert.equal(step.op, "update");
            const kinds = diffKinds(step);
            assert.deepEqual(Object.fromEntries(Object.entries(kinds).filter(([p]) => /apiKeys\.|\.status$/.test(p))), {
                "projects.proj_crowded.apiKeys.key_crowd_1.name": "update",
                "projects.proj_crowded.apiKeys.key_crowd_2": "delete",
                "projects.proj_crowded.apiKeys.key_crowd_9": "add",
                "projects.proj_crowded.status": "update",
                "projects.proj_payments.apiKeys.key_pay_good.ownerProjectAccess": "update",
            });
            // The plain preview says the same in one line per change.
            const plain = await pulumi(["preview"]);
            for (const line of [
                'estate drift: project proj_payments "payments": key changed outside code: "key_pay_good" "key_pay_good-name": ownerProjectAccess "active" -> "inactive"',
                'estate drift: project proj_crowded "crowded": archived outside code',
                'estate drift: project proj_crowded "crowded": key created outside code: "key_crowd_9" "key_crowd_9-name", owner "Ada Lovelace (user, user_ada)"',
                'estate drift: project proj_crowded "crowded": key deleted outside code: "key_crowd_2" "key_crowd_2-name"',
                'estate drift: project proj_crowded "crowded": key changed outside code: "key_crowd_1" "renamed-in-console": name "key_crowd_1-name" -> "renamed-in-console"',
            ])
                assert.ok(plain.stdout.includes(line), `${line}\nnot in:\n${plain.stdout}`);
        });

        it("fails the update naming the project whose listing fails, and leaves the recorded estate as it was", async () => {
            const recorded = async () =>
                JSON.stringify(
                    ((await project.stack.exportStack()).deployment.resources as Array<{ type: string }>).find(
                        (r) => r.type === type,
                    ),
                );
            const before = await recorded();
            api.inject({
                kind: "status",
                status: 403,
                path: "/organization/projects/{project_id}/api_keys",
                projectId: "proj_legacy",
                times: Infinity,
            });
            try {
                const up = await pulumi(["up", "--yes"], {}, true);
                assert.notEqual(up.status, 0, up.stdout);
                assert.match(
                    up.stdout + up.stderr,
                    /The estate listing failed at project proj_legacy \(\/organization\/projects\/proj_legacy\/api_keys\): /,
                );
            } finally {
                api.faults.length = 0;
            }
            assert.equal(await recorded(), before);
        });

        it("records the live estate on refresh with OPENAI_ADMIN_KEY, after which the preview is clean", async () => {
            const without = await pulumi(["refresh", "--yes"], {}, true);
            assert.notEqual(without.status, 0);
            assert.match(
                without.stdout + without.stderr,
                new RegExp(
                    `\`pulumi refresh\` of an OrganizationApiKeyInventory needs OPENAI_ADMIN_KEY in the environment of pulumi: refresh does not run the program, so the stack's ${ns}:adminKey does not reach the provider`,
                ),
            );
            const refreshed = await pulumi(["refresh", "--yes"], { OPENAI_ADMIN_KEY: api.adminKey });
            assert.match(refreshed.stdout, /~ 1 updated/);
            await assertCleanPreview();
        });

        it("is read by the drift command from the stack's export, by project", async () => {
            const exportFile = path.join(project.dir, "stack.json");
            await pulumi(["stack", "export", "--file", exportFile]);
            api.estate.deleteApiKey("proj_payments", "key_pay_svc");
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
            const report = JSON.parse(res.stdout) as {
                estate: { projects: Array<{ id: string; apiKeys: { deleted: Array<{ id: string }> } }> };
            };
            assert.deepEqual(
                report.estate.projects.map((p) => [p.id, p.apiKeys.deleted.map((k) => k.id)]),
                [["proj_payments", ["key_pay_svc"]]],
            );
        });

        it("forgets the estate on destroy without a request, and never shows or records the admin key", async () => {
            const requests = api.calls.length;
            const destroy = await project.stack.destroy();
            seen.push({ where: "destroy", text: destroy.stdout + destroy.stderr });
            assert.equal(api.calls.length, requests, "destroy sent a request to the Admin API");
            assert.deepEqual([...new Set(api.calls.map((c) => c.method))], ["GET"]);
            const needles = [api.adminKey, api.adminKey.slice(12, 32)];
            const files = [project.stateDir, ...(pulumiHome ? [pulumiHome] : [])].flatMap(readTree);
            for (const { where, text } of [...seen, ...files.map((f) => ({ where: f.file, text: f.text }))])
                for (const n of needles) assert.ok(!text.includes(n), `the admin key appears in ${where}`);
        });
    });
