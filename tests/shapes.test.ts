/**
 * One declaration per shape: each item's zod schema is the model; what the package returns and
 * records must match it exactly (no field missing, none extra), and the TypeScript types derived
 * elsewhere must be the same shapes (checked by the compiler, here).
 */
import { strict as assert } from "assert";
import type { z } from "zod";
import { AdminApiKey, getOrganizationApiKeys, listAdminApiKeys, toInventory, VERSION } from "../provider";
import type { InventoryKey } from "../provider";
import { RecordedKey } from "../provider/inventory/recorded-key";
import { Project } from "../provider/project";
import { ProjectApiKey } from "../provider/project-api-key";
import { ProjectServiceAccount } from "../provider/project-service-account";
import { FakeAdminApi } from "../provider/testing";
import { FAST } from "./helpers";

// The recorded key's TypeScript type (state.ts) and its schema (recorded-key.ts) are one shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const recordedIsInventoryKey: Same<z.infer<typeof RecordedKey>, InventoryKey> = true;
void recordedIsInventoryKey;

const strict = (schema: z.ZodType) => (schema as unknown as { strict(): z.ZodType }).strict();

describe("shapes", () => {
    it("returns and records exactly the fields each model declares", async () => {
        const api = await FakeAdminApi.start({ seed: { count: 20, seed: 5 }, estate: { projects: 6, seed: 2 } });
        try {
            const { keys } = await listAdminApiKeys({ adminKey: api.adminKey, baseUrl: api.baseUrl, options: FAST });
            for (const k of keys) strict(AdminApiKey).parse({ ...k, owner: { ...k.owner } });
            const recorded = toInventory(keys, { baseUrl: api.baseUrl, providerVersion: VERSION });
            for (const k of Object.values(recorded.keys)) strict(RecordedKey).parse({ ...k, owner: { ...k.owner } });
            const estate = await getOrganizationApiKeys({
                adminKey: api.adminKey,
                baseUrl: api.baseUrl,
                listOptions: FAST,
            });
            let checked = 0;
            for (const p of estate.projects) {
                strict(Project).parse({ ...p.project });
                for (const k of p.apiKeys) strict(ProjectApiKey).parse({ ...k, owner: { ...k.owner } });
                for (const a of p.serviceAccounts ?? []) strict(ProjectServiceAccount).parse({ ...a });
                checked += p.apiKeys.length;
            }
            assert.ok(checked > 0);
        } finally {
            await api.stop();
        }
    });
});
