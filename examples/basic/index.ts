// Basic example: reference the organization's Admin API keys from a Pulumi program.
//
//   pulumi config set --secret openai:adminKey sk-admin-...
//   pulumi config set expectedKeyName ci-deploy        # a key this stack relies on
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { getAdminApiKeysOutput } from "pulumi-openai-admin-keys";

const config = new pulumi.Config();
const expectedKeyName = config.get("expectedKeyName");
const openai = new pulumi.Config("openai");

// Every admin key of the organization, newest first, across all pages. Known during preview.
const all = getAdminApiKeysOutput({ order: "desc", adminKey: openai.getSecret("adminKey") });

/** Ids of every admin key. */
export const adminKeyIds = all.ids;

/** A readable inventory: no secret in it, only what OpenAI shows of each key. */
export const adminKeys = all.keys.apply((keys) =>
    keys.map((k) => ({
        id: k.id,
        name: k.name,
        owner: k.owner.name ?? k.owner.id,
        ownerType: k.owner.type,
        createdAt: k.createdAt,
        lastUsedAt: k.lastUsedAt,
        expiresAt: k.expiresAt,
    })),
);

/** The key this stack relies on, looked up by name; the deployment fails if it is gone. */
export const expectedKey = all.keys.apply((keys) => {
    if (!expectedKeyName) return undefined;
    const matches = keys.filter((k) => k.name === expectedKeyName);
    if (matches.length === 0) {
        throw new pulumi.RunError(
            `No admin API key named "${expectedKeyName}" exists in the organization (${keys.length} keys checked). ` +
                "Create it at https://platform.openai.com/settings/organization/admin-keys, or change `expectedKeyName`.",
        );
    }
    const k = matches[0];
    return {
        id: k.id,
        name: k.name,
        owner: k.owner.name,
        redactedValue: k.redactedValue,
        duplicates: matches.length - 1,
    };
});
