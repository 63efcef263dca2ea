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
