// Every key of the organization: the admin keys, and every project's API keys and service accounts.
import { getOrganizationApiKeysOutput } from "pulumi-openai-admin-keys";

const estate = getOrganizationApiKeysOutput();

export const projectCount = estate.stats.projects;
export const projectKeyCount = estate.stats.projectApiKeys;
export const adminKeyCount = estate.stats.adminKeys;
// Keys whose owner no longer has access to the project: left behind by someone who left.
export const keysOfOwnersWithoutAccess = estate.projects.apply((projects) =>
    projects.flatMap((p) =>
        p.apiKeys.filter((k) => k.ownerProjectAccess === "inactive").map((k) => `${p.project.id}/${k.id}`),
    ),
);
