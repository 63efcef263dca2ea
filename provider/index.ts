/**
 * pulumi-openai-admin-keys: a typed, complete, fail-closed view of an OpenAI organization's Admin
 * API keys for Pulumi programs, CrossGuard policy packs and drift reports.
 *
 * The fake Admin API is at `pulumi-openai-admin-keys/testing`; the CrossGuard policies at
 * `pulumi-openai-admin-keys/policy`.
 */
export { getAdminApiKeys, getAdminApiKeysOutput } from "./get-admin-api-keys";
export type { GetAdminApiKeysArgs, GetAdminApiKeysOutputArgs, GetAdminApiKeysResult } from "./get-admin-api-keys";
export { listAdminApiKeys } from "./list-admin-api-keys";
export type { AdminApiKeyListing, ListAdminApiKeysArgs } from "./list-admin-api-keys";
export { AdminApiKey, AdminApiKeyOwner } from "./admin-api-key";
export { applyFilters } from "./filters";
export type { AdminApiKeyFilters } from "./filters";
export { DEFAULT_LIST_OPTIONS } from "./options";
export type { ListOptions, ListOptionsInput, RetryOptions } from "./options";
export { DEFAULT_BASE_URL } from "./internal/connection";
export type { ConnectionArgs } from "./internal/connection";
export type { ListingStats } from "./internal/fetch-page";
export { clearShared as clearSharedListings } from "./internal/share";
export {
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConnectionError,
    DeadlineExceededError,
    InvalidResponseError,
    NotFoundError,
    OpenAIAdminError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
} from "./errors";
export type { OpenAIAdminErrorDetails } from "./errors";
export { VERSION } from "./version";
export { AdminApiKeyInventory } from "./inventory/resource";
export type { AdminApiKeyInventoryArgs } from "./inventory/resource";
export { toInventory, DEFAULT_RECENT_USAGE_DAYS } from "./inventory/state";
export type { Inventory, InventoryKey, KeyUsage } from "./inventory/state";
export {
    evaluateKeyPolicies,
    checkKeyCount,
    checkKeyExpiry,
    checkKeyNaming,
    checkKeyOwners,
    checkMaxKeyAge,
    checkUnusedKeys,
    DEFAULT_KEY_POLICY_CONFIG,
} from "./policies/rules";
export type { KeyPolicyConfig, PolicyName, RuleKey, Violation } from "./policies/rules";
export { compareInventories, renderDriftJson, renderDriftMarkdown } from "./drift";
export type { ChangedKey, DriftKey, DriftReport, FieldChange, UsageChange } from "./drift";
export { INVENTORY_TYPE } from "./inventory/resource-type";
