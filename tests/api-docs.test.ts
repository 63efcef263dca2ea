import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { apiDocs, DOCS_DIR, LANGUAGES } from "../scripts/api-docs";
import { packageSchema } from "../provider/plugin/schema";

describe("API docs", () => {
    for (const lang of LANGUAGES)
        it(`has docs/api/${lang}.md as the schema gives it today (run npm run api-docs after changing the schema)`, () => {
            assert.equal(fs.readFileSync(path.join(DOCS_DIR, `${lang}.md`), "utf8"), apiDocs(lang));
        });

    it("documents every function, resource and type of the schema, in each language's spelling", () => {
        const schema = packageSchema() as { functions: object; resources: object; types: object };
        const python = apiDocs("python");
        const go = apiDocs("go");
        for (const token of Object.keys(schema.functions)) {
            const name = token.split(":")[2];
            assert.ok(apiDocs("yaml").includes(`### ${token}\n`), token);
            assert.ok(apiDocs("nodejs").includes(`### ${name}\n`), name);
            assert.ok(go.includes(`### ${name[0].toUpperCase()}${name.slice(1)}\n`), name);
            assert.ok(python.includes(`### ${name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase()}\n`), name);
        }
        for (const token of [...Object.keys(schema.resources), ...Object.keys(schema.types)])
            assert.ok(python.includes(`### ${token.split(":")[2]}\n`), token);
        assert.ok(python.includes("| `owner_project_access` |"));
        assert.ok(go.includes("| `OwnerProjectAccess` |"));
        assert.ok(apiDocs("dotnet").includes("| `OwnerProjectAccess` | `string` |"));
    });

    it("is linked from the README, one page per language", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
        for (const lang of LANGUAGES)
            assert.ok(readme.includes(`](docs/api/${lang}.md)`), `README does not link docs/api/${lang}.md`);
    });
});
