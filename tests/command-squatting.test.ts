/**
 * The drift command as the documentation and the CI script run it can never download or run
 * another package: a loopback npm registry serves a squatter named `openai-admin-keys-drift`
 * (whose bin leaves a marker), and every documented form is run where this package is not
 * installed. The plain `npx openai-admin-keys-drift` is run too, to show the squatter would run.
 */
import { strict as assert } from "assert";
import { execFile, execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";

const REPO = path.join(__dirname, "..");
const NAME = "openai-admin-keys-drift";
const DOCS = [
    "README.md",
    "examples/drift/README.md",
    "examples/drift/drift-check.sh",
    "examples/drift/github-workflow.yml",
];

/** Every documented command line that invokes the drift command through npx or npm exec. */
function documentedNpmForms(): string[] {
    const forms: string[] = [];
    for (const file of DOCS) {
        for (const line of fs.readFileSync(path.join(REPO, file), "utf8").split("\n")) {
            const m = /((?:npx|npm\s+exec)\b[^`#\n]*?\bopenai-admin-keys-drift)\b/.exec(line);
            if (m) forms.push(m[1]);
        }
    }
    return forms;
}

describe("the drift command as documented", function () {
    this.timeout(120_000);
    let server: http.Server;
    let registry: string;
    const requests: string[] = [];
    let root: string;
    let marker: string;

    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "squat-"));
        marker = path.join(root, "squatter-ran");
        const src = path.join(root, "src", "package");
        fs.mkdirSync(src, { recursive: true });
        fs.writeFileSync(
            path.join(src, "package.json"),
            JSON.stringify({ name: NAME, version: "6.6.6", bin: { [NAME]: "cli.js" } }),
        );
        fs.writeFileSync(
            path.join(src, "cli.js"),
            '#!/usr/bin/env node\nrequire("fs").writeFileSync(process.env.SQUAT_MARKER, String(process.env.OPENAI_ADMIN_KEY));\n',
            { mode: 0o755 },
        );
        const tgz = path.join(root, "squatter.tgz");
        execFileSync("tar", ["-czf", tgz, "-C", path.join(root, "src"), "package"]);
        const tarball = fs.readFileSync(tgz);
        server = http.createServer((req, res) => {
            requests.push(`${req.method} ${req.url}`);
            if (req.url === `/${NAME}`) {
                const base = registry.replace(/\/$/, "");
                res.setHeader("content-type", "application/json");
                res.end(
                    JSON.stringify({
                        name: NAME,
                        "dist-tags": { latest: "6.6.6" },
                        versions: {
                            "6.6.6": {
                                name: NAME,
                                version: "6.6.6",
                                bin: { [NAME]: "cli.js" },
                                dist: {
                                    tarball: `${base}/${NAME}/-/${NAME}-6.6.6.tgz`,
                                    integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
                                },
                            },
                        },
                    }),
                );
            } else if (req.url === `/${NAME}/-/${NAME}-6.6.6.tgz`) {
                res.end(tarball);
            } else {
                res.statusCode = 404;
                res.end("{}");
            }
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
        requests.length = 0;
        fs.rmSync(marker, { force: true });
    });

    /** Runs `command` with bash in a fresh directory where the package is not installed. */
    function runWhereNotInstalled(command: string): Promise<{ code: number; out: string }> {
        const cwd = fs.mkdtempSync(path.join(root, "project-"));
        fs.writeFileSync(path.join(cwd, "package.json"), JSON.stringify({ name: "a-stack", private: true }));
        const env = {
            ...process.env,
            npm_config_registry: registry,
            npm_config_cache: fs.mkdtempSync(path.join(root, "cache-")),
            npm_config_update_notifier: "false",
            npm_config_audit: "false",
            npm_config_fund: "false",
            SQUAT_MARKER: marker,
            OPENAI_ADMIN_KEY: "sk-admin-squatting-test-0000000000000000",
        };
        return new Promise((resolve) =>
            execFile("bash", ["-c", command], { cwd, env, encoding: "utf8" }, (err, stdout, stderr) =>
                resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
            ),
        );
    }

    it("would run a squatter as plain npx: the registry here serves one", async () => {
        const res = await runWhereNotInstalled(`npx --yes ${NAME} --help`);
        assert.equal(fs.readFileSync(marker, "utf8"), "sk-admin-squatting-test-0000000000000000", res.out);
        assert.ok(requests.includes(`GET /${NAME}/-/${NAME}-6.6.6.tgz`));
    });

    it("is never documented as plain npx", () => {
        const forms = documentedNpmForms();
        assert.ok(forms.length > 0, "the docs show the npx form that is safe");
        for (const form of forms) assert.match(form, /^npx --no-install openai-admin-keys-drift$/, form);
    });

    it("in every documented npx form, fails where the package is not installed and runs nothing else", async () => {
        for (const form of documentedNpmForms()) {
            requests.length = 0;
            const res = await runWhereNotInstalled(`${form} --help`);
            assert.notEqual(res.code, 0, `${form}: ${res.out}`);
            assert.equal(fs.existsSync(marker), false, `${form} ran the squatter`);
            // npx looks the name up (its metadata), and refuses there: nothing is downloaded.
            assert.deepEqual(requests, [`GET /${NAME}`], `${form} asked the registry: ${requests.join(", ")}`);
        }
    });

    it("in the CI script, stops where the package is not installed and runs nothing else", async () => {
        const script = path.join(REPO, "examples", "drift", "drift-check.sh");
        const res = await runWhereNotInstalled(`PATH="/nonexistent:$PATH" ${script} dev`);
        assert.equal(res.code, 1);
        assert.match(res.out, /openai-admin-keys-drift is not installed in .*: run npm ci/);
        assert.equal(fs.existsSync(marker), false);
        assert.deepEqual(requests, []);
    });
});
