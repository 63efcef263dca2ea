/**
 * The examples as a user gets them: installed from their own package.json with Node 20, one copy
 * of @pulumi/pulumi, the policy pack compiling with its own tsconfig, the inventory example running
 * from its own install; and the packed package's entry points typed under every module resolution.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FakeAdminApi } from "../../provider/testing";
import { E2E_TIMEOUT } from "./engine-events";
import { compliantKeys } from "./fixtures";
import { engineEnv, installExample, REPO, run, workspace } from "../../scripts/real-engine";

/** Every installed copy of @pulumi/pulumi below `dir`. */
function sdkCopies(dir: string): string[] {
    const found: string[] = [];
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            if (!e.isDirectory()) continue;
            const p = path.join(d, e.name);
            if (p.endsWith(path.join("node_modules", "@pulumi", "pulumi"))) found.push(p);
            else walk(p);
        }
    };
    walk(path.join(dir, "node_modules"));
    return found;
}

describe("e2e: examples as shipped", function () {
    this.timeout(E2E_TIMEOUT);

    for (const name of ["inventory", "policy-pack"] as const) {
        it(`installs examples/${name} with one copy of @pulumi/pulumi that supports this Node`, async () => {
            const dir = await installExample(name);
            const copies = sdkCopies(dir);
            assert.deepEqual(copies, [path.join(dir, "node_modules", "@pulumi", "pulumi")]);
            const engines =
                (
                    JSON.parse(fs.readFileSync(path.join(copies[0], "package.json"), "utf8")) as {
                        engines?: { node?: string };
                    }
                ).engines?.node ?? "*";
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const semver = require(require.resolve("semver", { paths: [copies[0]] })) as {
                satisfies(v: string, r: string): boolean;
            };
            assert.ok(
                semver.satisfies(process.version, engines),
                `@pulumi/pulumi declares node ${engines}; this is ${process.version}`,
            );
        });
    }

    it("compiles examples/policy-pack with its own tsconfig and TypeScript", async () => {
        const dir = await installExample("policy-pack");
        const res = await run(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", dir, "--noEmit"], {
            cwd: dir,
            env: process.env,
        });
        assert.equal(res.status, 0, res.stdout + res.stderr);
    });

    it("runs examples/inventory from its own install under the real CLI", async () => {
        const dir = await installExample("inventory");
        const api = await FakeAdminApi.start({ keys: compliantKeys(4) });
        try {
            const w = await workspace();
            const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
            const stateDir = fs.mkdtempSync(path.join(path.dirname(dir), "state-"));
            const stack = await LocalWorkspace.createOrSelectStack(
                { workDir: dir, stackName: "dev" },
                {
                    pulumiCommand: w.command,
                    envVars: engineEnv(w, stateDir, { OPENAI_BASE_URL: api.baseUrl }),
                },
            );
            await stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
            const up = await stack.up();
            assert.equal(up.outputs.adminKeyCount.value, 4);
        } finally {
            await api.stop();
        }
    });

    const resolutions: Array<{ module: string; moduleResolution: string }> = [
        { module: "commonjs", moduleResolution: "node" },
        { module: "node16", moduleResolution: "node16" },
        { module: "nodenext", moduleResolution: "nodenext" },
        { module: "esnext", moduleResolution: "bundler" },
    ];
    for (const r of resolutions) {
        it(`types the main entry, /policy and /testing for a consumer with moduleResolution ${r.moduleResolution}`, async () => {
            const w = await workspace();
            const dir = path.join(w.dir, "consumers", r.moduleResolution);
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(
                path.join(dir, "tsconfig.json"),
                JSON.stringify({
                    compilerOptions: {
                        ...r,
                        target: "ES2022",
                        strict: true,
                        noEmit: true,
                        skipLibCheck: true,
                        types: ["node"],
                    },
                    files: ["index.ts"],
                }),
            );
            fs.writeFileSync(
                path.join(dir, "index.ts"),
                [
                    'import { getAdminApiKeys, type AdminApiKey, type GetAdminApiKeysResult } from "pulumi-openai-admin-keys";',
                    'import { adminApiKeyPolicies } from "pulumi-openai-admin-keys/policy";',
                    'import { FakeAdminApi } from "pulumi-openai-admin-keys/testing";',
                    "export const listed: Promise<GetAdminApiKeysResult> = getAdminApiKeys();",
                    "export const names = (keys: AdminApiKey[]): Array<string | null> => keys.map((k) => k.name);",
                    "export const policyNames: string[] = adminApiKeyPolicies().map((p) => p.name);",
                    "export const started: Promise<FakeAdminApi> = FakeAdminApi.start({ seed: { count: 1 } });",
                    // A wrong type must fail: proof that the types were found, not `any`.
                    "// @ts-expect-error createdAt is a number",
                    "export const wrong: string = ({} as AdminApiKey).createdAt;",
                    "",
                ].join("\n"),
            );
            const res = await run(path.join(w.dir, "node_modules", ".bin", "tsc"), ["-p", dir], {
                cwd: dir,
                env: process.env,
            });
            assert.equal(res.status, 0, res.stdout + res.stderr);
        });
    }

    it("keeps the repository's own examples depending on the package the way users get it", () => {
        for (const name of ["inventory", "policy-pack"]) {
            assert.match(
                fs.readFileSync(path.join(REPO, "examples", name, ".npmrc"), "utf8"),
                /^install-links=true$/m,
                name,
            );
        }
    });
});
