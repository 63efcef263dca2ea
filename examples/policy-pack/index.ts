// Policy pack for OpenAI keys. Use it with any stack that has an AdminApiKeyInventory or an
// OrganizationApiKeyInventory (or both):
//
//   cd examples/policy-pack && npm install
//   cd ../inventory && pulumi preview --policy-pack ../policy-pack
//
// Tune the rules with a config file: pulumi preview --policy-pack ../policy-pack \
//   --policy-pack-config ../policy-pack/policy-config.example.json
import { PolicyPack } from "@pulumi/policy";
import { adminApiKeyPolicies, organizationApiKeyPolicies } from "pulumi-openai-admin-keys/policy";

new PolicyPack("openai-admin-keys", {
    policies: [
        // Admin keys: max age, unused, expiry, naming, owner and count rules; each configurable.
        ...adminApiKeyPolicies(),
        // The estate: project keys of owners without access, unused, too old, too many per project,
        // archived projects still holding keys, idle service accounts, owner types.
        ...organizationApiKeyPolicies(),
    ],
});
