/**
 * One listing for many callers. Calls with the same effective arguments share a listing in flight;
 * inside a Pulumi deployment (one process per run) a finished listing is also kept for the rest of
 * the run, so a program that asks five times sends the requests once. Outside a deployment only
 * calls in flight share, so a long-lived process never serves stale keys.
 */
import { inDeployment } from "../internal/pulumi-runtime";

const entries = new Map<string, Promise<unknown>>();

/** Runs `fn` once per key while it is in flight (and, in a deployment, for the run). Failures are never kept. */
export function shared<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const hit = entries.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const p = fn();
    entries.set(key, p);
    const keep = inDeployment();
    p.then(
        () => {
            if (!keep) entries.delete(key);
        },
        () => entries.delete(key),
    );
    return p;
}

/** Forgets every shared listing (tests; or a program that must see keys created during its run). */
export function clearShared(): void {
    entries.clear();
}
