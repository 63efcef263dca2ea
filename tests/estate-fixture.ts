/** A small, hand-made estate whose every policy outcome is known, relative to a fixed clock. */
import type { FakeProject } from "../provider/testing";
import type { ProjectApiKeyWire } from "../provider/project-api-key";

export const DAY = 86_400;
export const NOW = 1_800_000_000;

/** One project key in wire format. */
export function projectKey(
    id: string,
    o: {
        age: number;
        lastUsedDaysAgo?: number | null;
        access?: "active" | "inactive";
        owner?: { type: "user" | "service_account"; id: string; name: string };
        name?: string | null;
    },
    now = NOW,
): ProjectApiKeyWire {
    const owner = o.owner ?? { type: "user", id: "user_ada", name: "Ada Lovelace" };
    const details = { id: owner.id, name: owner.name, created_at: now - 900 * DAY, role: "member" };
    return {
        object: "organization.project.api_key",
        id,
        name: o.name === undefined ? `${id}-name` : o.name,
        redacted_value: `sk-proj-...${id.slice(-4)}`,
        created_at: now - o.age * DAY,
        last_used_at:
            o.lastUsedDaysAgo === null || o.lastUsedDaysAgo === undefined ? null : now - o.lastUsedDaysAgo * DAY,
        owner_project_access: o.access ?? "active",
        owner:
            owner.type === "user"
                ? { type: "user", user: { ...details, email: "ada@example.com" } }
                : { type: "service_account", service_account: details },
    } as ProjectApiKeyWire;
}

const SVC = { type: "service_account" as const, id: "user-svc_deploy", name: "deploy" };

/**
 * payments: one good key, one of an owner without access (unused 100 days), one never used by the
 * deploy service account (so that account is idle), and an account with no key at all.
 * legacy: archived, one key 400 days old. crowded: three keys. Times are relative to `now`.
 */
export function estateFixture(now = NOW): FakeProject[] {
    const NOW = now;
    const key = (id: string, o: Parameters<typeof projectKey>[1]) => projectKey(id, o, now);
    return [
        {
            project: {
                object: "organization.project",
                id: "proj_payments",
                name: "payments",
                created_at: NOW - 800 * DAY,
                archived_at: null,
                status: "active",
            },
            apiKeys: [
                key("key_pay_good", { age: 20, lastUsedDaysAgo: 0.5 }),
                key("key_pay_left", {
                    age: 200,
                    lastUsedDaysAgo: 100,
                    access: "inactive",
                    owner: { type: "user", id: "user_grace", name: "Grace Hopper" },
                }),
                key("key_pay_svc", { age: 30, lastUsedDaysAgo: null, owner: SVC }),
            ],
            serviceAccounts: [
                {
                    object: "organization.project.service_account",
                    id: SVC.id,
                    name: "deploy",
                    role: "member",
                    created_at: NOW - 40 * DAY,
                },
                {
                    object: "organization.project.service_account",
                    id: "user-svc_idle",
                    name: "idle",
                    role: "member",
                    created_at: NOW - 100 * DAY,
                },
            ],
        },
        {
            project: {
                object: "organization.project",
                id: "proj_legacy",
                name: "legacy",
                created_at: NOW - 900 * DAY,
                archived_at: NOW - 10 * DAY,
                status: "archived",
            },
            apiKeys: [key("key_leg_old", { age: 400, lastUsedDaysAgo: 5 })],
            serviceAccounts: [],
        },
        {
            project: {
                object: "organization.project",
                id: "proj_crowded",
                name: "crowded",
                created_at: NOW - 700 * DAY,
                archived_at: null,
                status: "active",
            },
            apiKeys: [1, 2, 3].map((i) => key(`key_crowd_${i}`, { age: 10 + i, lastUsedDaysAgo: 1 })),
            serviceAccounts: [],
        },
    ];
}
