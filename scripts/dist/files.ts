/** Deterministic archives and checksums for `npm run dist`: the same inputs give the same bytes. */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Every timestamp inside an artifact (1980-01-01, the earliest a zip can hold). */
export const SOURCE_DATE_EPOCH = 315_532_800;

export function sha256(file: string): string {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/**
 * Runs a command quietly, returning its standard output; if it fails, throws with the command line
 * and the end of what it printed (tools here print warnings that mean nothing when they succeed).
 */
export function sh(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
    const r = spawnSync(command, args, {
        cwd: opts.cwd,
        env: { ...process.env, SOURCE_DATE_EPOCH: String(SOURCE_DATE_EPOCH), ...opts.env },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
        const printed = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-30).join("\n");
        throw new Error(
            `${[command, ...args].join(" ")} failed (${r.error?.message ?? `exit ${r.status}`}):\n${printed}`,
        );
    }
    return r.stdout;
}

/**
 * A gzipped tarball of `names` (files in `dir`), with fixed owners, times and order, and each file's
 * mode as given, so that equal files give an equal tarball.
 */
export function tarGz(dir: string, names: string[], out: string): void {
    sh("tar", [
        "--create",
        "--format=gnu",
        "--sort=name",
        "--owner=0",
        "--group=0",
        "--numeric-owner",
        `--mtime=@${SOURCE_DATE_EPOCH}`,
        "--directory",
        dir,
        "--file",
        `${out}.tar`,
        ...names,
    ]);
    sh("gzip", ["--no-name", "--force", "-9", `${out}.tar`]);
    fs.renameSync(`${out}.tar.gz`, out);
}

/** Writes SHA256SUMS for every file below `dir` (sorted, paths relative to it), returning its text. */
export function writeSums(dir: string): string {
    const files: string[] = [];
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name !== "SHA256SUMS") files.push(p);
        }
    };
    walk(dir);
    const text = files.map((f) => `${sha256(f)}  ${path.relative(dir, f).split(path.sep).join("/")}\n`).join("");
    fs.writeFileSync(path.join(dir, "SHA256SUMS"), text);
    return text;
}
