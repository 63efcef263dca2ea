/**
 * One listing for many callers. Calls with the same effective arguments share a listing in flight;
 * inside a Pulumi deployment a finished listing is also kept for the rest of that deployment, so a
 * program that asks five times sends the requests once. A finished listing never outlives its
 * deployment: the next one (an Automation API inline program run again in the same process, say)
 * lists anew, and outside a deployment only calls in flight share.
 */
import { deploymentScope } from "../internal/pulumi-runtime";

/** Listings in flight, whoever asked. */
const inFlight = new Map<string, Promise<unknown>>();
/**
 * Finished listings, per deployment. Keyed weakly by the deployment's own connection object, so
 * they are dropped with it, and a new deployment (a new connection) never sees them.
 */
const finished = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `fn` once per key while it is in flight (and, in a deployment, for that deployment). Failures are never kept. */
export function shared<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const scope = deploymentScope();
    const kept = scope ? finished.get(scope) : undefined;
    const hit = (kept?.get(key) ?? inFlight.get(key)) as Promise<T> | undefined;
    if (hit) return hit;
    const p = fn();
    inFlight.set(key, p);
    p.then(
        () => {
            inFlight.delete(key);
            if (!scope) return;
            let map = finished.get(scope);
            if (!map) finished.set(scope, (map = new Map()));
            map.set(key, p);
        },
        () => inFlight.delete(key),
    );
    return p;
}

/** Forgets every shared listing of the current deployment (a program that must see keys created during its run). */
export function clearShared(): void {
    inFlight.clear();
    const scope = deploymentScope();
    if (scope) finished.delete(scope);
}
