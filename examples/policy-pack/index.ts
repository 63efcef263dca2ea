// Policy pack for OpenAI admin API keys. Use it with any stack that has an AdminApiKeyInventory:
//
//   cd examples/policy-pack && npm install
//   cd ../inventory && pulumi preview --policy-pack ../policy-pack
//
// Tune the rules with a config file: pulumi preview --policy-pack ../policy-pack \
//   --policy-pack-config ../policy-pack/policy-config.example.json
import { PolicyPack } from "@pulumi/policy";
import { adminApiKeyPolicies } from "pulumi-openai-admin-keys/policy";

new PolicyPack("openai-admin-keys", {
    policies: [
        // Max age, unused, expiry, naming, owner and count rules; each configurable.
        ...adminApiKeyPolicies(),
    ],
});
