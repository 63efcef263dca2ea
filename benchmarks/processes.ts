/**
 * The benchmark's processes: servers that print one JSON line when ready, clients that print one
 * JSON line when done, control ports answering JSON, and the median of runs.
 */
import { spawn } from "child_process";
import * as http from "http";
import * as path from "path";

/** Starts `script` (beside this file) with `arg`; resolves with its first JSON line and a stop function. */
export function startServerProcess<T>(script: string, arg: unknown): Promise<T & { stop: () => void }> {
    const child = spawn(process.execPath, [path.join(__dirname, script), JSON.stringify(arg)], {
        stdio: ["ignore", "pipe", "inherit"],
    });
    return new Promise((resolve, reject) => {
        let buf = "";
        child.stdout.on("data", (d) => {
            buf += d;
            if (buf.includes("\n")) resolve({ ...JSON.parse(buf), stop: () => child.kill("SIGTERM") });
        });
        child.on("exit", (code) => reject(new Error(`${script} exited ${code}`)));
    });
}

/** Runs `script` (beside this file) with `arg` to its end; resolves with its last JSON line. */
export function runClientProcess<T>(script: string, arg: unknown, nodeArgs: string[] = []): Promise<T> {
    const child = spawn(process.execPath, [...nodeArgs, path.join(__dirname, script), JSON.stringify(arg)], {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, OPENAI_LOG: "off" },
    });
    return new Promise((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", () => {
            try {
                resolve(JSON.parse(out.trim().split("\n").pop()!));
            } catch {
                reject(new Error(`${script} printed ${out}`));
            }
        });
    });
}

/** GETs `url` and parses its JSON body. */
export function getJson<T>(url: string): Promise<T> {
    return new Promise((resolve, reject) =>
        http
            .get(url, (res) => {
                let body = "";
                res.on("data", (d) => (body += d));
                res.on("end", () => resolve(JSON.parse(body)));
            })
            .on("error", reject),
    );
}

export const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
