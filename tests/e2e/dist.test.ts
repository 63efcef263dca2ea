/**
 * `npm run dist` (scripts/dist.ts): every artifact, reproducible, one version everywhere, and the
 * executable plugin starting on its own, with no Node.js on PATH.
 */
import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { VERSION } from "../../provider";
import { packageSchema, PLUGIN_PACKAGE } from "../../provider/plugin/schema";
import { dist, parseArgs } from "../../scripts/dist";
import { EXECUTABLE, PLATFORMS, tarballName } from "../../scripts/dist/executable";
import { sha256 } from "../../scripts/dist/files";
import { buildGenerator, generate, generateDotnet } from "../../scripts/dist/sdks";
import { artifacts, Artifacts, pathWithoutNode } from "../../scripts/installed-artifacts";
import { REPO } from "../../scripts/real-engine";
import { listeningPort, PluginClient } from "../../scripts/plugin-client";
import { E2E_TIMEOUT } from "./engine-events";

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A file inside a zip (the wheel), read with Python's own zipfile. */
function fromZip(zip: string, name: string): string {
    return execFileSync(
        "python3",
        ["-c", "import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode(),end='')", zip, name],
        {
            encoding: "utf8",
        },
    );
}

describe("e2e: npm run dist", function () {
    this.timeout(E2E_TIMEOUT);
    let built: Artifacts;

    before(async () => {
        built = await artifacts();
    });

    it("builds the executable plugin for every platform, the SDKs and the schema, with SHA256SUMS that match", () => {
        const top = fs.readdirSync(built.distDir).sort();
        assert.deepEqual(
            top,
            [
                "SHA256SUMS",
                "goproxy",
                `pulumi-openai-admin-keys-sdk-${VERSION}.tgz`,
                ...PLATFORMS.map((p) => tarballName(VERSION, p)),
                `pulumi_openai_admin_keys-${VERSION}-py3-none-any.whl`,
                "schema.json",
                "sdk",
            ].sort(),
        );
        const lines = built.sums.trim().split("\n");
        for (const line of lines) {
            const [sum, file] = line.split("  ");
            assert.equal(sha256(path.join(built.distDir, file)), sum, file);
        }
        for (const name of top.filter(
            (n) => n !== "SHA256SUMS" && !fs.statSync(path.join(built.distDir, n)).isDirectory(),
        ))
            assert.ok(
                lines.some((l) => l.endsWith(`  ${name}`)),
                `${name} has no checksum`,
            );
        assert.deepEqual(fs.readdirSync(path.join(built.distDir, "sdk")).sort(), ["dotnet", "go", "nodejs", "python"]);
    });

    it("gives the same checksums when built again from the same inputs", async () => {
        const again = await dist({
            out: path.join(tmp("openai-admin-keys-dist-again-"), "dist"),
            log: () => undefined,
        });
        assert.equal(again, built.sums);
    });

    it("has one version everywhere: package.json, the plugin, the schema and every SDK", async () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
        assert.equal(pkg.version, VERSION);
        const schema = JSON.parse(fs.readFileSync(path.join(built.distDir, "schema.json"), "utf8")) as {
            version: string;
        };
        assert.equal(schema.version, VERSION);
        const plugin = { resource: true, name: PLUGIN_PACKAGE, version: VERSION };
        const wheel = path.join(built.distDir, `pulumi_openai_admin_keys-${VERSION}-py3-none-any.whl`);
        assert.deepEqual(JSON.parse(fromZip(wheel, "pulumi_openai_admin_keys/pulumi-plugin.json")), plugin);
        assert.match(
            fromZip(wheel, `pulumi_openai_admin_keys-${VERSION}.dist-info/METADATA`),
            new RegExp(`^Version: ${VERSION}$`, "m"),
        );
        const goSdk = path.join(built.distDir, "sdk", "go");
        assert.deepEqual(
            JSON.parse(fs.readFileSync(path.join(goSdk, "openaiadminkeys", "pulumi-plugin.json"), "utf8")),
            plugin,
        );
        const proxy = path.join(built.goProxy, "github.com", "local", "pulumi-openai-admin-keys", "sdk", "go", "@v");
        assert.deepEqual(fs.readdirSync(proxy).sort(), [
            "list",
            `v${VERSION}.info`,
            `v${VERSION}.mod`,
            `v${VERSION}.zip`,
        ]);
        const nodeSdk = JSON.parse(
            execFileSync(
                "tar",
                [
                    "-xzOf",
                    path.join(built.distDir, `pulumi-openai-admin-keys-sdk-${VERSION}.tgz`),
                    "package/package.json",
                ],
                {
                    encoding: "utf8",
                },
            ),
        ) as { version: string; pulumi: object };
        assert.equal(nodeSdk.version, VERSION);
        assert.deepEqual(nodeSdk.pulumi, plugin);
        const dotnet = path.join(built.distDir, "sdk", "dotnet");
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dotnet, "pulumi-plugin.json"), "utf8")), plugin);
        assert.match(
            fs.readFileSync(path.join(dotnet, "Local.OpenaiAdminKeys.csproj"), "utf8"),
            new RegExp(`<Version>${VERSION.replace(/\./g, "\\.")}</Version>`),
        );
        // No download URL unless the build is given one.
        assert.ok(!JSON.stringify(schema).includes("pluginDownloadURL"));
    });

    it("starts the executable plugin alone, with no Node.js on PATH, serving this version and the schema", async () => {
        const dir = tmp("executable-plugin-");
        execFileSync("tar", ["-xzf", built.tarball, "-C", dir]);
        const child = spawn(path.join(dir, EXECUTABLE), [], {
            env: { PATH: pathWithoutNode(process.env.PATH!) },
            cwd: dir,
        });
        try {
            const client = new PluginClient(await listeningPort(child));
            assert.equal(await client.version(), VERSION);
            assert.deepEqual(
                JSON.parse(await client.schema()),
                JSON.parse(fs.readFileSync(path.join(built.distDir, "schema.json"), "utf8")),
            );
            client.close();
        } finally {
            child.kill();
        }
    });

    it("records a plugin download URL, when the build is given one, in the schema and every SDK", () => {
        const dir = tmp("plugin-download-url-");
        const url = "https://example.com/releases/";
        const schemaFile = path.join(dir, "schema.json");
        fs.writeFileSync(schemaFile, JSON.stringify(packageSchema({ pluginDownloadURL: url })));
        generate(buildGenerator(REPO, dir), schemaFile, path.join(dir, "sdk"));
        const plugin = { resource: true, name: PLUGIN_PACKAGE, version: VERSION, server: url };
        const read = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(dir, "sdk", ...p), "utf8"));
        assert.deepEqual(read("python", "pulumi_openai_admin_keys", "pulumi-plugin.json"), plugin);
        assert.deepEqual(read("go", "openaiadminkeys", "pulumi-plugin.json"), plugin);
        assert.deepEqual(read("nodejs", "package.json").pulumi, plugin);
        generateDotnet(REPO, dir, schemaFile, path.join(dir, "sdk", "dotnet"));
        assert.deepEqual(read("dotnet", "pulumi-plugin.json"), plugin);
    });

    it("takes a plugin download URL only as an https URL, and refuses unknown arguments", () => {
        assert.equal(
            parseArgs(["--plugin-download-url", "https://example.com/releases/"]).pluginDownloadURL,
            "https://example.com/releases/",
        );
        assert.throws(
            () => parseArgs(["--plugin-download-url", "http://example.com/"]),
            /--plugin-download-url must be an https URL; got "http:\/\/example.com\/"/,
        );
        assert.throws(() => parseArgs(["--outdir", "x"]), /unknown or incomplete argument "--outdir"/);
    });
});
