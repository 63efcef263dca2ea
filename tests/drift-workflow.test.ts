/**
 * The shipped GitHub workflow (examples/drift/github-workflow.yml) is safe by default: it holds an
 * organization owner's admin key, so no pull request's code may ever run with it.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import { load } from "js-yaml";
import * as path from "path";

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string };
type Job = { if?: string; environment?: unknown; permissions?: Record<string, string>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

const FILE = path.join(__dirname, "..", "examples", "drift", "github-workflow.yml");
const text = fs.readFileSync(FILE, "utf8");
const workflow = load(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

describe("the drift GitHub workflow", () => {
    it("runs only on a schedule and on demand, never for pull requests", () => {
        assert.deepEqual(Object.keys(workflow.on).sort(), ["schedule", "workflow_dispatch"]);
        assert.doesNotMatch(text, /pull_request/);
    });

    it("runs only the default branch's code, in a protected environment", () => {
        for (const job of Object.values(workflow.jobs)) {
            assert.equal(job.if, "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
            assert.equal(job.environment, "openai-admin");
        }
    });

    it("grants the token nothing beyond reading the repository", () => {
        assert.deepEqual(workflow.permissions, { contents: "read" });
        for (const job of Object.values(workflow.jobs)) assert.deepEqual(job.permissions ?? {}, { contents: "read" });
    });

    it("pins every action by full commit, and leaves no checkout credentials behind", () => {
        const uses = steps.filter((s) => s.uses).map((s) => s.uses!);
        assert.ok(uses.length >= 4);
        for (const u of uses) assert.match(u, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, u);
        const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"))!;
        assert.equal(checkout.with?.["persist-credentials"], false);
    });

    it("hands the secrets to the drift step alone, and takes the report only from where that run wrote it", () => {
        const withSecrets = steps.filter((s) => JSON.stringify(s).includes("secrets."));
        assert.equal(withSecrets.length, 1);
        assert.equal(withSecrets[0].run, "./drift-check.sh dev");
        assert.equal(withSecrets[0].env?.DRIFT_REPORT, "${{ runner.temp }}/drift-report.md");
        const readers = steps.filter((s) => JSON.stringify(s).includes("drift-report.md") && s !== withSecrets[0]);
        assert.ok(readers.length >= 1);
        for (const s of readers) assert.match(JSON.stringify(s), /(runner\.temp|RUNNER_TEMP)\b[^"]*drift-report\.md/);
    });
});
