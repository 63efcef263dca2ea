/** Deterministic organizations for the end-to-end tests. */
import type { AdminApiKeyWire } from "../../provider/admin-api-key";

export const NOW = Math.floor(Date.now() / 1000);
export const DAY = 86_400;

/** Key `i`: a compliant service-account key, used an hour ago, created `100 - i` days ago. */
export function wireKey(i: number, over: Partial<AdminApiKeyWire> = {}): AdminApiKeyWire {
    return {
        object: "organization.admin_api_key",
        id: `key_e2e${String(i).padStart(4, "0")}`,
        name: `ci-key-${i}`,
        redacted_value: `sk-admin...k${String(i).padStart(2, "0")}`,
        created_at: NOW - (100 - i) * DAY,
        last_used_at: NOW - 3600,
        expires_at: NOW + 200 * DAY,
        owner: {
            type: "service_account",
            object: "organization.service_account",
            id: `svc_${i}`,
            name: `deployer-${i}`,
            created_at: NOW - 500 * DAY,
            role: "owner",
        },
        ...over,
    };
}

/** `n` compliant keys: every default policy passes for them. */
export function compliantKeys(n: number): AdminApiKeyWire[] {
    return Array.from({ length: n }, (_, i) => wireKey(i + 1));
}
