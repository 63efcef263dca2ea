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
        for (const name of ["getAdminApiKeys", "getAdminApiKeysOutput", "listAdminApiKeys", "OpenAIAdminError", "DEFAULT_LIST_OPTIONS", "AdminApiKey"]) {
            assert.ok(name in api, `missing export ${name}`);
        }
    });

    it("keeps the defaults documented in one frozen constant", () => {
        assert.ok(Object.isFrozen(api.DEFAULT_LIST_OPTIONS));
        assert.equal(api.DEFAULT_LIST_OPTIONS.pageSize, 100);
        assert.equal(api.DEFAULT_LIST_OPTIONS.maxPages, 1000);
    });

    it("does not load @pulumi/policy for programs that only read keys", () => {
        const probe = "require('./bin/provider/index.js'); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('@pulumi/policy'))))";
        assert.equal(execFileSync(process.execPath, ["-e", probe], { cwd: root, encoding: "utf8" }), "false");
        const withPolicy = "require('./bin/provider/policy.js'); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('@pulumi/policy'))))";
        assert.equal(execFileSync(process.execPath, ["-e", withPolicy], { cwd: root, encoding: "utf8" }), "true");
    });

    it("declares @pulumi/policy an optional peer dependency", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.ok(pkg.peerDependencies["@pulumi/policy"]);
        assert.equal(pkg.peerDependenciesMeta["@pulumi/policy"].optional, true);
        assert.equal(pkg.dependencies["@pulumi/policy"], undefined);
    });
});
