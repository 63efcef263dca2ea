/**
 * Realistic, reproducible admin keys for the fake Admin API: users and service accounts, keys
 * never used, keys that never expire, and runs of keys created in the same second.
 */
import type { AdminApiKeyWire } from "../admin-api-key";
import { DAY_SECONDS } from "../internal/keys";

/** How to generate keys. */
export interface SeedOptions {
    /** Number of keys. */
    readonly count: number;
    /** PRNG seed; the same seed gives the same keys. Default 1. */
    readonly seed?: number;
    /** Unix seconds of "now"; created, used and expiry times are spread before and around it. Default: the real now. */
    readonly now?: number;
    /** Fraction of keys that share their `created_at` with the previous key (ties). Default 0.2. */
    readonly tieRate?: number;
}

/** A small deterministic PRNG (mulberry32): tests must see the same keys on every run. */
export function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const USERS = [
    ["user_4f8Qh2kLmN0pR7sT", "Ada Lovelace", "owner"],
    ["user_9aB3cD5eF7gH1iJ2", "Grace Hopper", "owner"],
    ["user_Kk2Ll3Mm4Nn5Oo6P", "Alan Turing", "owner"],
    ["user_Zz9Yy8Xx7Ww6Vv5U", "Katherine Johnson", "owner"],
] as const;
const SERVICE_ACCOUNTS = [
    ["svc_acct_7Hh6Gg5Ff4Ee3Dd2", "terraform-ci", "member"],
    ["svc_acct_1Qq2Ww3Ee4Rr5Tt6", "pulumi-deployments", "member"],
    ["svc_acct_8Uu7Ii6Oo5Pp4Aa3", "billing-exporter", "member"],
] as const;
const PURPOSES = [
    "ci-deploy",
    "terraform",
    "pulumi",
    "usage-export",
    "billing-sync",
    "audit-log",
    "scim-sync",
    "break-glass",
    "oncall",
    "analytics",
];
const DAY = DAY_SECONDS;

/** Returns `count` keys in wire format, oldest first. */
export function seedKeys(options: SeedOptions): AdminApiKeyWire[] {
    const rnd = prng(options.seed ?? 1);
    const now = options.now ?? Math.floor(Date.now() / 1000);
    const tieRate = options.tieRate ?? 0.2;
    const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(rnd() * 16)]).join("");
    const alnum = (n: number) =>
        Array.from(
            { length: n },
            () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(rnd() * 62)],
        ).join("");
    // Creation spread over the last two years, as in an organization that has rotated keys for a while.
    const span = 2 * 365 * DAY;
    let t = now - span;
    const step = span / Math.max(1, options.count * (1 - tieRate));
    const keys: AdminApiKeyWire[] = [];
    for (let i = 0; i < options.count; i++) {
        if (i === 0 || rnd() >= tieRate) t = Math.min(now - 60, t + Math.max(1, Math.round(step * (0.5 + rnd()))));
        const created = Math.floor(t);
        const isSa = rnd() < 0.35;
        const [ownerId, ownerName, role] = isSa
            ? SERVICE_ACCOUNTS[Math.floor(rnd() * SERVICE_ACCOUNTS.length)]
            : USERS[Math.floor(rnd() * USERS.length)];
        const neverUsed = rnd() < 0.15;
        // Most keys in use were used this week; some have gone stale.
        const recent = rnd() < 0.7;
        const lastUsed = neverUsed
            ? null
            : recent
              ? Math.max(created, now - Math.floor(rnd() * 7 * DAY))
              : created + Math.floor(rnd() * Math.max(1, now - created));
        const expiryRoll = rnd();
        const expires = expiryRoll < 0.4 ? null : created + (expiryRoll < 0.7 ? 90 : 365) * DAY;
        const unnamed = rnd() < 0.03;
        keys.push({
            object: "organization.admin_api_key",
            id: `key_${hex(16)}`,
            name: unnamed ? null : `${PURPOSES[Math.floor(rnd() * PURPOSES.length)]}-${i + 1}`,
            redacted_value: `sk-admin...${alnum(3)}`,
            created_at: created,
            last_used_at: lastUsed,
            expires_at: expires,
            owner: {
                type: isSa ? "service_account" : "user",
                object: isSa ? "organization.service_account" : "organization.user",
                id: ownerId,
                name: ownerName,
                created_at: now - 800 * DAY,
                role,
            },
        });
    }
    return keys;
}
