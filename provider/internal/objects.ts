/** Small object helpers shared by option and config handling. */

/** `o` without its undefined fields, so spreading it over defaults keeps the defaults. */
export function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
