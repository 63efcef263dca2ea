/**
 * The `pulumi-openai-admin-keys/policy` entry point: the CrossGuard policies
 * (`policies/crossguard.ts`) and the rules behind them (`policies/rules.ts`).
 */
export * from "./policies/crossguard";
