import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as api from "../provider";

const root = path.join(__dirname, "..");

describe("package surface", () => {
    it("reports the version of package.json", () => {
        assert.equal(api.VERSION, JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version);
    });

    it("has no default export and exports the data source, errors and options", () => {
        assert.equal((api as Record<string, unknown>).default, undefined);
        for (const name of [
            "getAdminApiKeys",
            "getAdminApiKeysOutput",
            "listAdminApiKeys",
            "OpenAIAdminError",
            "DEFAULT_LIST_OPTIONS",
            "AdminApiKey",
        ]) {
            assert.ok(name in api, `missing export ${name}`);
        }
    });

    it("keeps the defaults documented in one frozen constant", () => {
        assert.ok(Object.isFrozen(api.DEFAULT_LIST_OPTIONS));
        assert.equal(api.DEFAULT_LIST_OPTIONS.pageSize, 100);
        assert.equal(api.DEFAULT_LIST_OPTIONS.maxPages, 1000);
    });

    it("loads neither @pulumi/policy nor @pulumi/pulumi from the main or the policy entry point", () => {
        for (const entry of ["index", "policy"]) {
            const probe = `const p = require('./bin/provider/${entry}.js'); ${entry === "policy" ? "p.adminApiKeyPolicies();" : ""} process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => /@pulumi[\\/](policy|pulumi)[\\/]/.test(k)).length))`;
            assert.equal(execFileSync(process.execPath, ["-e", probe], { cwd: root, encoding: "utf8" }), "0", entry);
        }
    });

    it("declares @pulumi/policy an optional peer dependency", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.ok(pkg.peerDependencies["@pulumi/policy"]);
        assert.equal(pkg.peerDependenciesMeta["@pulumi/policy"].optional, true);
        assert.equal(pkg.dependencies["@pulumi/policy"], undefined);
    });
});

describe("the packed package", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const pkg = require("../package.json") as { license: string; keywords?: string[]; scripts: Record<string, string> };
    let files: string[];
    before(() => {
        execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
        const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
            cwd: root,
            encoding: "utf8",
        });
        files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path).sort();
    });

    it("ships the license, the readme, and the built entry points with their types", () => {
        for (const f of [
            "LICENSE",
            "README.md",
            "package.json",
            "bin/provider/index.js",
            "bin/provider/index.d.ts",
            "bin/provider/policy.js",
            "bin/provider/policy.d.ts",
            "bin/provider/testing.js",
            "bin/provider/testing.d.ts",
            "bin/provider/drift/cli.js",
            "bin/provider/plugin/provider.js",
            "bin/provider/plugin/provider.d.ts",
        ]) {
            assert.ok(files.includes(f), `${f} missing from the package`);
        }
        assert.match(fs.readFileSync(path.join(root, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0/);
        assert.equal(pkg.license, "Apache-2.0");
        assert.ok((pkg.keywords ?? []).includes("pulumi"));
    });

    it("ships nothing but the built package: no sources, tests, tools, or source maps pointing at sources not shipped", () => {
        const stray = files.filter(
            (f) => !["LICENSE", "README.md", "package.json"].includes(f) && !/^bin\/provider\/.*\.(js|d\.ts)$/.test(f),
        );
        assert.deepEqual(stray, []);
    });

    it("keeps @internal names out of the declarations", () => {
        assert.ok(
            !fs.readFileSync(path.join(root, "bin", "provider", "options.d.ts"), "utf8").includes("resolveListOptions"),
        );
        assert.ok(
            !fs.readFileSync(path.join(root, "bin", "provider", "errors.d.ts"), "utf8").includes("errorFromStatus"),
        );
    });

    it("runs nothing on a consumer's install", () => {
        for (const hook of ["preinstall", "install", "postinstall"]) assert.equal(pkg.scripts[hook], undefined, hook);
    });
});
