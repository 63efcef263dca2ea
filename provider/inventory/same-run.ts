/**
 * One estate listing per Pulumi command. `pulumi up` runs a preview and then the update, and starts
 * the provider anew for each: at about 7 requests a minute per endpoint, listing 300 projects twice
 * would double an hour-long `up`. So the first phase keeps its listing where only the same CLI
 * process finds it, and the second phase uses it instead of listing again.
 *
 * What makes it safe:
 * - A listing is found only by the Pulumi CLI process that was running when it was made (its pid and
 *   start time, from /proc): a later `pulumi preview` or `up` is another process and lists anew, so
 *   no command is ever served keys older than itself. The update records what its preview showed.
 * - Only under `pulumi up` (or `update`), whose phases belong to one update. Not under `pulumi watch`,
 *   one process that runs update after update, each of which must list for itself.
 * - Files are named by an HMAC keyed with the admin key over the CLI process, the base URL, the
 *   organization and the arguments: nobody without the key can name (or plant) one, and a different
 *   key, organization or argument never matches. The key itself is never written.
 * - They live in a directory only this user can read (0700, checked, symlinks refused); a file is
 *   bounded in size and checked against the recorded estate's schema before use, else ignored.
 * - Where there is no /proc (not Linux) nothing is kept: each phase lists, as without this module.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHmac } from "crypto";

/** Largest file read back: an estate of 100,000 keys records in well under this. */
const MAX_BYTES = 256 * 1024 * 1024;
/** Files older than this are removed when a new one is written (a CLI run rarely lasts a day). */
const PRUNE_AFTER_MS = 24 * 60 * 60_000;

/**
 * The `pulumi up` this provider runs under, as the CLI process's `pid:starttime`; undefined under
 * any other command, or if it cannot tell.
 */
export function pulumiRun(start: number = process.ppid): string | undefined {
    let pid = start;
    for (let depth = 0; depth < 6 && pid > 1; depth++) {
        let stat: string;
        try {
            stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        } catch {
            return undefined;
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields follow the last ")".
        const close = stat.lastIndexOf(")");
        const comm = stat.slice(stat.indexOf("(") + 1, close);
        const fields = stat.slice(close + 2).split(" ");
        if (comm === "pulumi") return isUp(pid) ? `${pid}:${fields[19]}` : undefined;
        pid = Number(fields[1]);
    }
    return undefined;
}

/** Whether the CLI process runs `pulumi up` (or `update`), and not `watch`. */
function isUp(pid: number): boolean {
    let argv: string[];
    try {
        argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(1);
    } catch {
        return false;
    }
    return argv.some((a) => a === "up" || a === "update") && !argv.includes("watch");
}

/** The directory, created 0700 if missing; undefined if it is not this user's alone. */
function directory(): string | undefined {
    const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
    if (uid === undefined) return undefined;
    const dir = path.join(os.tmpdir(), `pulumi-openai-admin-keys-${uid}`);
    try {
        fs.mkdirSync(dir, { mode: 0o700 });
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
    }
    try {
        const st = fs.lstatSync(dir);
        if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
    } catch {
        return undefined;
    }
    return dir;
}

/** Where one listing is kept: the run, the key and everything that decides the listing. */
export interface SameRunKey {
    readonly run: string;
    readonly adminKey: string;
    readonly listing: readonly unknown[];
}

function fileName(key: SameRunKey): string {
    return (
        createHmac("sha256", key.adminKey)
            .update(JSON.stringify([key.run, ...key.listing]))
            .digest("hex") + ".json"
    );
}

/** The listing kept for `key` in this run, if any and if `valid` accepts it. */
export function readSameRun<T>(key: SameRunKey, valid: (value: unknown) => T | undefined): T | undefined {
    const dir = directory();
    if (!dir) return undefined;
    let fd: number | undefined;
    try {
        fd = fs.openSync(path.join(dir, fileName(key)), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
        const st = fs.fstatSync(fd);
        if (!st.isFile() || st.size > MAX_BYTES || st.uid !== process.getuid?.()) return undefined;
        const text = fs.readFileSync(fd, "utf8");
        return valid(JSON.parse(text));
    } catch {
        return undefined;
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}

/** Keeps `value` for the rest of this run; any failure only means the next phase lists again. */
export function writeSameRun(key: SameRunKey, value: unknown): void {
    const dir = directory();
    if (!dir) return;
    const file = path.join(dir, fileName(key));
    const temp = `${file}.${process.pid}.tmp`;
    try {
        fs.writeFileSync(temp, JSON.stringify(value), { mode: 0o600, flag: "wx" });
        fs.renameSync(temp, file);
    } catch {
        fs.rmSync(temp, { force: true });
    }
    prune(dir);
}

function prune(dir: string): void {
    try {
        const now = Date.now();
        for (const name of fs.readdirSync(dir)) {
            const f = path.join(dir, name);
            const st = fs.lstatSync(f);
            if (now - st.mtimeMs > PRUNE_AFTER_MS) fs.rmSync(f, { force: true });
        }
    } catch {
        // Pruning is housekeeping: a failure leaves old files, never a wrong listing.
    }
}
