/** Small object helpers shared by option and config handling. */

/** `o` without its undefined fields, so spreading it over defaults keeps the defaults. */
export function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * One frozen object per distinct value of `o` in `pool` (by its fields' values, in order): a
 * listing of 100,000 keys shares its few owners instead of holding one copy per key.
 */
export function interned<T extends object>(o: T, pool: Map<string, unknown> | undefined, kind: string): T {
    if (!pool) return o;
    const identity = `${kind}\u0000${Object.values(o).join("\u0000")}`;
    const hit = pool.get(identity) as T | undefined;
    if (hit) return hit;
    pool.set(identity, Object.freeze(o));
    return o;
}
