/**
 * The SDKs, as registry packages ship them, generated from the plugin's schema by Pulumi's own code
 * generators (tools/pulumi-cli/sdkgen): a Python wheel, a Go module (a directory, and a module proxy
 * layout that `go get` reads), and a Node.js package. Each records the plugin's name and version
 * (pulumi-plugin.json, package.json's `pulumi`), so the engine finds the installed plugin.
 */
import * as fs from "fs";
import * as path from "path";
import { GO_SDK_MODULE, NODEJS_SDK_PACKAGE, PYTHON_SDK_MODULE } from "../../provider/plugin/schema";
import { sh, SOURCE_DATE_EPOCH } from "./files";

/** Build tools the wheel is made with, pinned so that a later build gives the same wheel. */
const PYTHON_BUILD_REQUIREMENTS = "setuptools==80.9.0\n";
/** What the generated Go SDK requires: the Pulumi Go SDK of the CLI this project is tested with. */
const GO_SDK_REQUIRE = "github.com/pulumi/pulumi/sdk/v3 v3.274.1";

/** What the Node.js SDK is compiled against: the oldest @pulumi/pulumi its generated code accepts. */
const NODEJS_SDK_BUILD_DEPS = ["@pulumi/pulumi@3.269.0", "@types/node@20.19.0"];

const goEnv = { CGO_ENABLED: "0", GOWORK: "off", GOFLAGS: "-mod=mod" };

/** Compiles the generator (Go's build cache keeps this quick after the first time). */
export function buildGenerator(repo: string, work: string): string {
    const exe = path.join(work, "sdkgen");
    sh("go", ["build", "-trimpath", "-o", exe, "./sdkgen"], {
        cwd: path.join(repo, "tools", "pulumi-cli"),
        env: { ...goEnv, GOFLAGS: "-mod=readonly" },
    });
    return exe;
}

export function generate(generator: string, schemaFile: string, out: string): void {
    sh(generator, [schemaFile, out, "nodejs", "python", "go"]);
}

/**
 * The .NET SDK's source, with Pulumi's .NET generator (tools/sdkgen-dotnet, a module of its own:
 * see there). It is not compiled: there is no .NET SDK here.
 */
export function generateDotnet(repo: string, work: string, schemaFile: string, out: string): void {
    const exe = path.join(work, "sdkgen-dotnet");
    sh("go", ["build", "-trimpath", "-o", exe, "."], {
        cwd: path.join(repo, "tools", "sdkgen-dotnet"),
        env: { ...goEnv, GOFLAGS: "-mod=readonly" },
    });
    sh(exe, [schemaFile, out]);
}

/** `pip wheel` of the generated Python SDK into `outDir`; returns the wheel's path. */
export function pythonWheel(sdk: string, work: string, outDir: string, version: string): string {
    const constraints = path.join(work, "python-build-constraints.txt");
    fs.writeFileSync(constraints, PYTHON_BUILD_REQUIREMENTS);
    const wheels = path.join(work, "wheel");
    fs.rmSync(wheels, { recursive: true, force: true });
    sh("python3", ["-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", wheels, sdk], {
        env: { PIP_CONSTRAINT: constraints, PIP_DISABLE_PIP_VERSION_CHECK: "1", PYTHONHASHSEED: "0" },
    });
    const name = `${PYTHON_SDK_MODULE}-${version}-py3-none-any.whl`;
    if (!fs.existsSync(path.join(wheels, name)))
        throw new Error(`pip made ${fs.readdirSync(wheels).join(", ") || "nothing"}, not ${name}`);
    fs.copyFileSync(path.join(wheels, name), path.join(outDir, name));
    return path.join(outDir, name);
}

/**
 * Gives the generated Go SDK its go.mod (with go.sum), and lays it out as a module proxy serves it
 * (`<module>/@v/v<version>.{info,mod,zip}`), so `GOPROXY=file://...` and `go get` install it.
 */
export function goModule(generator: string, sdk: string, proxyDir: string, version: string): void {
    fs.writeFileSync(path.join(sdk, "go.mod"), `module ${GO_SDK_MODULE}\n\ngo 1.22\n\nrequire ${GO_SDK_REQUIRE}\n`);
    sh("go", ["mod", "tidy"], { cwd: sdk, env: goEnv });
    const v = `v${version}`;
    const dir = path.join(proxyDir, ...GO_SDK_MODULE.split("/"), "@v");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "list"), `${v}\n`);
    fs.writeFileSync(
        path.join(dir, `${v}.info`),
        JSON.stringify({ Version: v, Time: new Date(SOURCE_DATE_EPOCH * 1000).toISOString().replace(".000", "") }),
    );
    fs.copyFileSync(path.join(sdk, "go.mod"), path.join(dir, `${v}.mod`));
    sh(generator, ["--module-zip", sdk, GO_SDK_MODULE, v, path.join(dir, `${v}.zip`)]);
}

/** Compiles the generated Node.js SDK and packs it (`npm pack` is reproducible) into `outDir`. */
export function nodePackage(repo: string, sdk: string, o: { work: string; outDir: string; version: string }): string {
    const { work, outDir, version } = o;
    const pkgFile = path.join(sdk, "package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8").replace(/\$\{VERSION\}/g, version)) as Record<
        string,
        unknown
    >;
    if (pkg.name !== NODEJS_SDK_PACKAGE) throw new Error(`the Node.js SDK is named ${String(pkg.name)}`);
    delete pkg.scripts;
    delete pkg.devDependencies;
    Object.assign(pkg, {
        version,
        description: "The Node.js SDK of the openai-admin-keys executable plugin (pulumi-resource-openai-admin-keys).",
        main: "bin/index.js",
        types: "bin/index.d.ts",
        files: ["bin/**", "README.md"],
    });
    fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 4)}\n`);
    // Compiled against the SDK release its package.json asks for (newer than the repository's own,
    // which stays on the last release for Node.js 20), in a work folder; users need no TypeScript.
    const types = path.join(work, "nodejs-sdk-types");
    fs.mkdirSync(types, { recursive: true });
    fs.writeFileSync(path.join(types, "package.json"), JSON.stringify({ private: true }));
    sh(
        "npm",
        [
            "install",
            "--no-save",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
            ...NODEJS_SDK_BUILD_DEPS,
        ],
        {
            cwd: types,
        },
    );
    const link = path.join(sdk, "node_modules");
    fs.symlinkSync(path.join(types, "node_modules"), link);
    try {
        sh(process.execPath, [
            path.join(repo, "node_modules", "typescript", "bin", "tsc"),
            "-p",
            path.join(sdk, "tsconfig.json"),
            "--outDir",
            path.join(sdk, "bin"),
            "--declaration",
            "--skipLibCheck",
        ]);
    } finally {
        fs.unlinkSync(link);
    }
    const packed = JSON.parse(
        sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", outDir], { cwd: sdk }),
    ) as Array<{ filename: string }>;
    return path.join(outDir, packed[0].filename);
}
