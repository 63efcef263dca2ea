// Inventory example: record the organization's admin keys in the stack, so that CrossGuard
// policies can check them and `pulumi preview` shows keys created, deleted or changed outside code.
//
//   npm install
//   pulumi stack init dev
//   pulumi config set --secret openai:adminKey sk-admin-...
//   pulumi preview                                   # keys are read during preview
//   pulumi preview --policy-pack ../policy-pack      # with the admin key policies
import { AdminApiKeyInventory } from "pulumi-openai-admin-keys";

// Read-only: this resource never creates, changes or deletes anything in OpenAI.
const inventory = new AdminApiKeyInventory("admin-keys", { recentUsageDays: 7 });

export const adminKeyCount = inventory.count;
export const adminKeyIds = inventory.ids;
/** Keys not used within the last 7 days (stale) or never used. */
export const idleKeys = inventory.keys.apply((keys) =>
    Object.values(keys)
        .filter((k) => k.usage !== "recent")
        .map((k) => ({ id: k.id, name: k.name, usage: k.usage, lastUsedAt: k.lastUsedAt })),
);
/** Keys that never expire. */
export const keysWithoutExpiry = inventory.keys.apply((keys) =>
    Object.values(keys)
        .filter((k) => k.expiresAt === null)
        .map((k) => k.id),
);
