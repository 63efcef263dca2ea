/**
 * The `pulumi-openai-admin-keys/policy` entry point: the CrossGuard policies over the admin-key
 * inventory (`policies/crossguard.ts`) and the estate inventory (`policies/estate-crossguard.ts`),
 * and the rules behind them.
 */
export { adminApiKeyPolicies } from "./policies/crossguard";
export type { AdminApiKeyPoliciesOptions } from "./policies/crossguard";
export * from "./policies/rules";
export { organizationApiKeyPolicies } from "./policies/estate-crossguard";
export type { OrganizationApiKeyPoliciesOptions } from "./policies/estate-crossguard";
export * from "./policies/estate-rules";
