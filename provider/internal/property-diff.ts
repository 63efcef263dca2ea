/**
 * Which properties differ between two plain JSON values, named as Pulumi names property paths
 * (`keys.key_abc.name`, `keys["odd id"].owner.id`, `ids[3]`): what a provider's detailed diff
 * reports so `pulumi preview` can say which key and which field changed.
 */

/** How one property changed. */
export type PropertyChange = "add" | "delete" | "update";

const SIMPLE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function child(path: string, key: string | number): string {
    if (typeof key === "number") return `${path}[${key}]`;
    if (SIMPLE_NAME.test(key)) return path === "" ? key : `${path}.${key}`;
    return `${path}[${JSON.stringify(key)}]`;
}

/**
 * Every changed leaf (or added/removed subtree) between `olds` and `news`, top-level names in
 * `ignore` left out. Object keys are compared as own properties, so ids such as `constructor`
 * are data like any other.
 */
export function diffProperties(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    ignore: ReadonlySet<string> = new Set(),
): Map<string, PropertyChange> {
    const changes = new Map<string, PropertyChange>();
    const walk = (before: unknown, after: unknown, path: string): void => {
        if (isObject(before) && isObject(after)) {
            for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
                if (path === "" && ignore.has(key)) continue;
                const inBefore = Object.hasOwn(before, key);
                const inAfter = Object.hasOwn(after, key);
                if (!inAfter) changes.set(child(path, key), "delete");
                else if (!inBefore) changes.set(child(path, key), "add");
                else walk(before[key], after[key], child(path, key));
            }
        } else if (Array.isArray(before) && Array.isArray(after)) {
            for (let i = 0; i < Math.max(before.length, after.length); i++) {
                if (i >= after.length) changes.set(child(path, i), "delete");
                else if (i >= before.length) changes.set(child(path, i), "add");
                else walk(before[i], after[i], child(path, i));
            }
        } else if (before !== after) {
            changes.set(path, "update");
        }
    };
    walk(olds, news, "");
    return changes;
}
