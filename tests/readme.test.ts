import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const REPO = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

describe("README", () => {
    it("shows the YAML program exactly as examples/yaml ships it (the end-to-end suite runs that file)", () => {
        const block = /A complete YAML program[^\n]*\n[^`]*```yaml\n([\s\S]*?)```/.exec(readme);
        assert.ok(block, "no YAML program in the README");
        assert.equal(block[1], fs.readFileSync(path.join(REPO, "examples", "yaml", "Pulumi.yaml"), "utf8"));
    });

    for (const [lang, file] of [
        ["python", "examples/python/__main__.py"],
        ["go", "examples/go/main.go"],
    ]) {
        it(`shows the ${lang} program exactly as ${file} ships it`, () => {
            const block = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(readme);
            assert.ok(block, `no ${lang} program in the README`);
            assert.equal(block[1], fs.readFileSync(path.join(REPO, file), "utf8"));
        });
    }

    it("names the plugin's tokens and settings as its schema does", () => {
        for (const token of [
            "openai-admin-keys:index:getAdminApiKeys",
            "openai-admin-keys:index:AdminApiKeyInventory",
            "openai-admin-keys:adminKey",
            "openai-admin-keys:baseUrl",
            "openai-admin-keys:organization",
        ])
            assert.ok(readme.includes(`\`${token}\``), token);
    });
});
