/** Small helpers every module that handles keys shares: one definition of each. */
import { createHash } from "crypto";

export const DAY_SECONDS = 86_400;

/** Oldest first; keys created in the same second by id, so the order is total and stable. */
export function byCreation(
    a: { readonly createdAt: number; readonly id: string },
    b: { readonly createdAt: number; readonly id: string },
): number {
    return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A short, stable digest of `text` (hex), for ids and fingerprints that must not reveal it. */
export function shortHash(text: string, length = 16): string {
    return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * How a key's owner is named in messages: `Alice (user)`, or with `withId` `Alice (user, user_abc)`.
 * Without a name or id it is `unknown` if given (`an unknown owner (user)`), else null.
 */
export function ownerText(
    owner: { readonly type: string | null; readonly id: string | null; readonly name?: string | null },
    o: { readonly withId?: boolean; readonly unknown?: string } = {},
): string | null {
    const base = owner.name ?? owner.id ?? o.unknown;
    if (base === undefined) return null;
    if (!owner.type) return base;
    const id = o.withId && owner.id && owner.name ? `, ${owner.id}` : "";
    return `${base} (${owner.type}${id})`;
}
