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
import { ProjectApiKey, ProjectApiKeyOwner } from "../provider/project-api-key";
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

describe("estate inventory shapes", () => {
    it("records exactly the fields each recorded schema declares, and the plugin's schema declares them all", async () => {
        const { createEstateInventoryProvider } = await import("../provider/inventory/provider");
        const r = await import("../provider/inventory/recorded-estate");
        const { packageSchema } = await import("../provider/plugin/schema");
        const api = await FakeAdminApi.start({ seed: { count: 4, seed: 5 }, estate: { projects: 8, seed: 2 } });
        try {
            const impl = createEstateInventoryProvider(() => undefined);
            const checked = await impl.check({}, { adminKey: api.adminKey, baseUrl: api.baseUrl }, () => undefined);
            const outs = (await impl.create(checked.inputs)).outs as z.infer<typeof r.EstateInventory>;
            // Strict at every level: no field the schema does not declare, none missing.
            const without = (o: object, ...names: string[]) =>
                Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k)));
            strict(r.EstateInventory.omit({ adminKeys: true, projects: true, counts: true })).parse(
                without(outs, "adminKeys", "projects", "counts"),
            );
            strict(r.EstateCounts).parse(outs.counts);
            for (const k of Object.values(outs.adminKeys)) strict(RecordedKey).parse({ ...k, owner: { ...k.owner } });
            let keys = 0;
            for (const p of Object.values(outs.projects)) {
                strict(r.RecordedProject.omit({ apiKeys: true, serviceAccounts: true, counts: true })).parse(
                    without(p, "apiKeys", "serviceAccounts", "counts"),
                );
                strict(r.ProjectCounts).parse(p.counts);
                for (const k of Object.values(p.apiKeys)) {
                    strict(r.RecordedProjectApiKey.omit({ owner: true })).parse(without(k, "owner"));
                    strict(ProjectApiKeyOwner).parse(k.owner);
                    keys++;
                }
                for (const a of Object.values(p.serviceAccounts ?? {})) strict(r.RecordedServiceAccount).parse(a);
            }
            assert.ok(keys > 0);
            const schema = packageSchema() as {
                resources: Record<string, { properties: object }>;
                types: Record<string, { properties: object }>;
            };
            const t = (n: string) => Object.keys(schema.types[`openai-admin-keys:index:${n}`].properties).sort();
            assert.deepEqual(
                Object.keys(schema.resources["openai-admin-keys:index:OrganizationApiKeyInventory"].properties).sort(),
                Object.keys(outs).sort(),
            );
            const project = Object.values(outs.projects)[0];
            assert.deepEqual(t("InventoryProject"), Object.keys(project).sort());
            assert.deepEqual(t("InventoryProjectApiKey"), Object.keys(Object.values(project.apiKeys)[0]).sort());
            assert.deepEqual(t("InventoryEstateCounts"), Object.keys(outs.counts).sort());
            assert.deepEqual(t("InventoryProjectCounts"), Object.keys(project.counts).sort());
        } finally {
            await api.stop();
        }
    });
});
