/**
 * `npm run dist`: every artifact a registry package ships, into `dist/` (or `--out <dir>`):
 *
 * - `pulumi-resource-openai-admin-keys-v<version>-<os>-<arch>.tar.gz`: the executable plugin, for
 *   `pulumi plugin install resource openai-admin-keys <version> --file <tarball>`;
 * - `pulumi_openai_admin_keys-<version>-py3-none-any.whl`: the Python SDK;
 * - `goproxy/`: the Go SDK as a module proxy serves it (and `sdk/go`, its source);
 * - `pulumi-openai-admin-keys-sdk-<version>.tgz`: the Node.js SDK;
 * - `sdk/dotnet`: the .NET SDK's source (not compiled: no .NET SDK here);
 * - `schema.json`, the package schema all of them are generated from;
 * - `SHA256SUMS` of all of the above. The same inputs give the same checksums.
 *
 * `--plugin-download-url <url>` records where the engine may download the plugin from (in the
 * schema and so in every SDK); by default none, since no public URL exists yet.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packageSchema } from "../provider/plugin/schema";
import { VERSION } from "../provider/version";
import { buildExecutable, bundle, PLATFORMS } from "./dist/executable";
import { sh, writeSums } from "./dist/files";
import { buildGenerator, generate, generateDotnet, goModule, nodePackage, pythonWheel } from "./dist/sdks";

const REPO = path.resolve(__dirname, "..");

export interface DistOptions {
    /** Where the artifacts go; emptied first. */
    readonly out: string;
    readonly pluginDownloadURL?: string;
    /** Progress lines (standard error by default). */
    readonly log?: (line: string) => void;
}

export function parseArgs(argv: string[]): DistOptions {
    let out = path.join(REPO, "dist");
    let pluginDownloadURL: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const [flag, value] = [argv[i], argv[i + 1]];
        if (flag === "--out" && value) out = path.resolve(argv[++i]);
        else if (flag === "--plugin-download-url" && value) pluginDownloadURL = argv[++i];
        else
            throw new Error(
                `unknown or incomplete argument ${JSON.stringify(flag)}; use --out <dir> and --plugin-download-url <url>`,
            );
    }
    if (pluginDownloadURL !== undefined && !/^https:\/\/[^\s]+$/.test(pluginDownloadURL))
        throw new Error(`--plugin-download-url must be an https URL; got ${JSON.stringify(pluginDownloadURL)}`);
    return { out, pluginDownloadURL };
}

/** Builds every artifact into `o.out`; returns the SHA256SUMS text. */
export async function dist(o: DistOptions): Promise<string> {
    const log = o.log ?? ((line: string) => process.stderr.write(`dist: ${line}\n`));
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    if (pkg.version !== VERSION)
        throw new Error(`package.json has version ${pkg.version}, provider/version.ts ${VERSION}`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "openai-admin-keys-dist-"));
    try {
        fs.rmSync(o.out, { recursive: true, force: true });
        fs.mkdirSync(o.out, { recursive: true });
        log("compiling the package ...");
        sh("npm", ["run", "-s", "build"], { cwd: REPO });
        const schemaFile = path.join(o.out, "schema.json");
        fs.writeFileSync(
            schemaFile,
            `${JSON.stringify(packageSchema({ pluginDownloadURL: o.pluginDownloadURL }), null, 2)}\n`,
        );

        log("bundling the plugin ...");
        const script = path.join(work, "plugin.js");
        await bundle(REPO, script);
        for (const p of PLATFORMS) {
            log(`building the executable plugin for ${p.os}-${p.arch} ...`);
            buildExecutable(script, p, { version: VERSION, license: path.join(REPO, "LICENSE"), work, outDir: o.out });
        }

        log("generating the SDKs ...");
        const generator = buildGenerator(REPO, work);
        const sdkDir = path.join(o.out, "sdk");
        generate(generator, schemaFile, sdkDir);
        generateDotnet(REPO, work, schemaFile, path.join(sdkDir, "dotnet"));
        log("building the Python wheel ...");
        pythonWheel(path.join(sdkDir, "python"), work, o.out, VERSION);
        log("making the Go module ...");
        goModule(generator, path.join(sdkDir, "go"), path.join(o.out, "goproxy"), VERSION);
        log("packing the Node.js SDK ...");
        nodePackage(REPO, path.join(sdkDir, "nodejs"), { work, outDir: o.out, version: VERSION });
        const sums = writeSums(o.out);
        log(`done: ${sums.split("\n").length - 1} files in ${o.out}, checksums in SHA256SUMS`);
        return sums;
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

if (require.main === module)
    dist(parseArgs(process.argv.slice(2))).catch((err: Error) => {
        process.stderr.write(`dist: ${err.message}\n`);
        process.exit(1);
    });
