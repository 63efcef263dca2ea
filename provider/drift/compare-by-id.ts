/**
 * The one comparison every drift report makes, of two maps by id (admin keys, a project's keys, its
 * service accounts): created, deleted, and changed on both sides. Own properties only: an id such
 * as "constructor" or "toString" is data, not a prototype member.
 */
import { byCreation } from "../internal/keys";

type Item = { readonly id: string; readonly createdAt: number };

type C = { readonly field: string; readonly before: unknown; readonly after: unknown };

/** Items created (live only), deleted (recorded only) and changed, each oldest first. */
export interface ItemDrift<T, Change extends C = C> {
    readonly created: readonly T[];
    readonly deleted: readonly T[];
    readonly changed: readonly (T & { readonly changes: readonly Change[] })[];
}

/**
 * Compares `before` with `after`: each item as `summary` names it, its changes as `changes` finds
 * them; `onSame` sees each pair on both sides without a change (where usage-only moves are counted).
 */
export function compareById<T extends Item, S extends Item, Change extends C>(
    before: Readonly<Record<string, T>>,
    after: Readonly<Record<string, T>>,
    summary: (x: T) => S,
    changes: (b: T, a: T) => Change[],
    onSame?: (b: T, a: T) => void,
): { created: S[]; deleted: S[]; changed: (S & { changes: Change[] })[] } {
    const created = Object.values(after)
        .filter((x) => !Object.hasOwn(before, x.id))
        .map(summary)
        .sort(byCreation);
    const deleted = Object.values(before)
        .filter((x) => !Object.hasOwn(after, x.id))
        .map(summary)
        .sort(byCreation);
    const changed: (S & { changes: Change[] })[] = [];
    for (const b of Object.values(before)) {
        if (!Object.hasOwn(after, b.id)) continue;
        const a = after[b.id];
        const found = changes(b, a);
        if (found.length) changed.push({ ...summary(a), changes: found });
        else onSame?.(b, a);
    }
    return { created, deleted, changed: changed.sort(byCreation) };
}
