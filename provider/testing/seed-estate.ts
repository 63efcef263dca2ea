/**
 * Realistic, reproducible estates for the fake Admin API: projects (some archived), their API keys
 * (most projects under 20, a few over 200; owners users or service accounts, some of whom lost
 * access to the project) and their service accounts.
 */
import type { ProjectWire } from "../project";
import type { ProjectApiKeyWire } from "../project-api-key";
import type { ProjectServiceAccountWire } from "../project-service-account";
import { DAY_SECONDS } from "../internal/keys";
import { prng } from "./seed";

/** One project of a fake estate, with what it holds. */
export interface FakeProject {
    readonly project: ProjectWire;
    readonly apiKeys: ProjectApiKeyWire[];
    readonly serviceAccounts: ProjectServiceAccountWire[];
}

/** How to generate an estate. */
export interface EstateSeedOptions {
    /** Number of projects. */
    readonly projects: number;
    /** PRNG seed; the same seed gives the same estate. Default 1. */
    readonly seed?: number;
    /** Unix seconds of "now". Default: the real now. */
    readonly now?: number;
    /** Fraction of projects archived. Default 0.1. */
    readonly archivedRate?: number;
}

const PEOPLE = [
    "Ada Lovelace",
    "Grace Hopper",
    "Alan Turing",
    "Katherine Johnson",
    "Edsger Dijkstra",
    "Barbara Liskov",
];

/** Generates an estate: project `i` is `proj_` + a stable id; keys' and accounts' ids are unique across it. */
export function seedEstate(options: EstateSeedOptions): FakeProject[] {
    const random = prng(options.seed ?? 1);
    const now = options.now ?? Math.floor(Date.now() / 1000);
    const archivedRate = options.archivedRate ?? 0.1;
    const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
    const out: FakeProject[] = [];
    for (let i = 0; i < options.projects; i++) {
        const created = now - Math.floor((200 + random() * 900) * DAY_SECONDS);
        const archived = random() < archivedRate;
        const project: ProjectWire = {
            object: "organization.project",
            id: `proj_${hex(i, 6)}${hex(Math.floor(random() * 0xffffff), 6)}`,
            name: `project-${i}`,
            created_at: created + i,
            archived_at: archived ? now - Math.floor(random() * 100 * DAY_SECONDS) : null,
            status: archived ? "archived" : "active",
        };
        // Most projects hold a handful of keys; about one in twenty holds hundreds.
        const r = random();
        const keyCount =
            r < 0.05
                ? 200 + Math.floor(random() * 150)
                : r < 0.15
                  ? 20 + Math.floor(random() * 40)
                  : Math.floor(random() * 20);
        const accounts = Array.from({ length: Math.floor(random() * 4) }, (_, a): ProjectServiceAccountWire => ({
            object: "organization.project.service_account",
            id: `user-svc_${hex(i, 6)}${hex(a, 2)}`,
            name: `svc-${i}-${a}`,
            role: a === 0 ? "owner" : "member",
            created_at: created + 3600 + a,
        }));
        const apiKeys = Array.from({ length: keyCount }, (_, k): ProjectApiKeyWire => {
            const bySa = accounts.length > 0 && random() < 0.3;
            const sa = accounts[Math.floor(random() * accounts.length)];
            const person = Math.floor(random() * PEOPLE.length);
            const keyCreated = created + 86_400 + k * 60;
            const used = random();
            return {
                object: "organization.project.api_key",
                id: `key_${hex(i, 6)}${hex(k, 4)}`,
                name: `key-${i}-${k}`,
                redacted_value: `sk-proj-...${hex(k, 4)}`,
                created_at: keyCreated,
                last_used_at: used < 0.2 ? null : Math.min(now, keyCreated + Math.floor(used * 400 * DAY_SECONDS)),
                owner_project_access: !bySa && random() < 0.08 ? "inactive" : "active",
                owner: bySa
                    ? {
                          type: "service_account",
                          service_account: { id: sa.id, name: sa.name, created_at: sa.created_at, role: sa.role },
                      }
                    : {
                          type: "user",
                          user: {
                              id: `user_${hex(person, 8)}`,
                              name: PEOPLE[person],
                              email: `${PEOPLE[person].split(" ")[0].toLowerCase()}@example.com`,
                              created_at: created - 86_400,
                              role: person === 0 ? "owner" : "member",
                          },
                      },
            } as ProjectApiKeyWire;
        });
        out.push({ project, apiKeys, serviceAccounts: accounts });
    }
    return out;
}
