// Estate inventory example: record every project's API keys and service accounts, and the admin
// keys, in the stack, so that CrossGuard policies can check them and `pulumi preview` shows what
// changed outside code, project by project and key by key.
//
//   npm install
//   pulumi stack init dev
//   pulumi config set --secret openai:adminKey sk-admin-...
//   pulumi preview                                   # the estate is listed during preview
//   pulumi preview --policy-pack ../policy-pack      # with the estate's policies
import { OrganizationApiKeyInventory } from "pulumi-openai-admin-keys";

// Read-only: this resource never creates, changes or deletes anything in OpenAI.
const estate = new OrganizationApiKeyInventory("estate");

export const projectCount = estate.counts.projects;
export const projectKeyCount = estate.counts.projectApiKeys;
export const adminKeyCount = estate.counts.adminKeys;
/** Keys whose owner no longer has access to their project, as `project/key`. */
export const keysOfOwnersWithoutAccess = estate.projects.apply((projects) =>
    Object.values(projects).flatMap((p) =>
        Object.values(p.apiKeys)
            .filter((k) => k.ownerProjectAccess === "inactive")
            .map((k) => `${p.id}/${k.id}`),
    ),
);
