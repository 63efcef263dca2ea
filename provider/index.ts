/**
 * pulumi-openai-admin-keys: a typed, complete, fail-closed view of an OpenAI organization's Admin
 * API keys for Pulumi programs, CrossGuard policy packs and drift reports.
 *
 * The fake Admin API is at `pulumi-openai-admin-keys/testing`; the CrossGuard policies at
 * `pulumi-openai-admin-keys/policy`.
 */
import { lazyExport } from "./internal/lazy-export";
export { getAdminApiKeys, getAdminApiKeysOutput } from "./get-admin-api-keys";
export type { GetAdminApiKeysArgs, GetAdminApiKeysOutputArgs, GetAdminApiKeysResult } from "./get-admin-api-keys";
export { listAdminApiKeys } from "./list-admin-api-keys";
export type { AdminApiKeyListing, ListAdminApiKeysArgs } from "./list-admin-api-keys";
/** An Admin API key as this package returns it; also a zod schema of the same name (loads zod on first use). */
export type AdminApiKey = import("./admin-api-key").AdminApiKey;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const AdminApiKey: typeof import("./admin-api-key").AdminApiKey = null as any;
lazyExport(exports, "AdminApiKey", () => require("./admin-api-key"));
/** Who owns a key; also a zod schema of the same name (loads zod on first use). */
export type AdminApiKeyOwner = import("./admin-api-key").AdminApiKeyOwner;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const AdminApiKeyOwner: typeof import("./admin-api-key").AdminApiKeyOwner = null as any;
lazyExport(exports, "AdminApiKeyOwner", () => require("./admin-api-key"));
export type { Order } from "./admin-api-key";
export {
    getOrganizationApiKeys,
    getOrganizationApiKeysOutput,
    getProjectApiKeys,
    getProjectApiKeysOutput,
    getProjects,
    getProjectsOutput,
    getProjectServiceAccounts,
    getProjectServiceAccountsOutput,
} from "./get-organization-api-keys";
export type {
    GetOrganizationApiKeysResult,
    GetProjectApiKeysResult,
    GetProjectsResult,
    GetProjectServiceAccountsResult,
    OutputArgs,
} from "./get-organization-api-keys";
export { listOrganizationApiKeys } from "./list-organization-api-keys";
export type {
    EstateStats,
    ListOrganizationApiKeysArgs,
    OrganizationApiKeys,
    ProjectCredentials,
} from "./list-organization-api-keys";
export { listProjectApiKeys, listProjects, listProjectServiceAccounts } from "./list-project-credentials";
export type {
    ListProjectsArgs,
    ProjectApiKeyListing,
    ProjectListing,
    ProjectListingArgs,
    ProjectServiceAccountListing,
} from "./list-project-credentials";
/** A project as this package returns it; also a zod schema of the same name (loads zod on first use). */
export type Project = import("./project").Project;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const Project: typeof import("./project").Project = null as any;
lazyExport(exports, "Project", () => require("./project"));
/** A project API key as this package returns it; also a zod schema (loads zod on first use). */
export type ProjectApiKey = import("./project-api-key").ProjectApiKey;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ProjectApiKey: typeof import("./project-api-key").ProjectApiKey = null as any;
lazyExport(exports, "ProjectApiKey", () => require("./project-api-key"));
/** Who owns a project API key, flattened; also a zod schema (loads zod on first use). */
export type ProjectApiKeyOwner = import("./project-api-key").ProjectApiKeyOwner;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ProjectApiKeyOwner: typeof import("./project-api-key").ProjectApiKeyOwner = null as any;
lazyExport(exports, "ProjectApiKeyOwner", () => require("./project-api-key"));
/** A project service account as this package returns it; also a zod schema (loads zod on first use). */
export type ProjectServiceAccount = import("./project-service-account").ProjectServiceAccount;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ProjectServiceAccount: typeof import("./project-service-account").ProjectServiceAccount = null as any;
lazyExport(exports, "ProjectServiceAccount", () => require("./project-service-account"));
export { applyFilters } from "./filters";
export type { AdminApiKeyFilters } from "./filters";
export { DEFAULT_LIST_OPTIONS } from "./options";
export type { ListOptions, ListOptionsInput, RetryOptions } from "./options";
export { DEFAULT_BASE_URL } from "./listing/connection";
export type { ConnectionArgs } from "./listing/connection";
export type { ListingStats } from "./listing/fetch-page";
export { clearShared as clearSharedListings } from "./listing/share";
export {
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    ConnectionError,
    DeadlineExceededError,
    InvalidResponseError,
    NotFoundError,
    OpenAIAdminError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnexpectedStatusError,
    UnprocessableEntityError,
} from "./errors";
export type { OpenAIAdminErrorDetails } from "./errors";
export { VERSION } from "./version";
export type { AdminApiKeyInventoryArgs } from "./inventory/resource";
/** See {@link import("./inventory/resource").AdminApiKeyInventory}. Loads `@pulumi/pulumi` on first use. */
export type AdminApiKeyInventory = import("./inventory/resource").AdminApiKeyInventory;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const AdminApiKeyInventory: typeof import("./inventory/resource").AdminApiKeyInventory = null as any;
// Load only what is used: the class extends a Pulumi resource, so defining it loads @pulumi/pulumi
// (about 900 modules). Scripts that list keys, check policies or report drift never touch it.
lazyExport(exports, "AdminApiKeyInventory", () => require("./inventory/resource"));
export type { OrganizationApiKeyInventoryArgs } from "./inventory/estate-resource";
/** See {@link import("./inventory/estate-resource").OrganizationApiKeyInventory}. Loads `@pulumi/pulumi` on first use. */
export type OrganizationApiKeyInventory = import("./inventory/estate-resource").OrganizationApiKeyInventory;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const OrganizationApiKeyInventory: typeof import("./inventory/estate-resource").OrganizationApiKeyInventory =
    null as any;
lazyExport(exports, "OrganizationApiKeyInventory", () => require("./inventory/estate-resource"));
export { toInventory, DEFAULT_RECENT_USAGE_DAYS } from "./inventory/state";
export { toEstateInventory } from "./inventory/estate-state";
export type { EstateInventoryArgs } from "./inventory/estate-state";
export type {
    EstateCounts,
    EstateInventory,
    ProjectCounts,
    RecordedProject,
    RecordedProjectApiKey,
    RecordedServiceAccount,
} from "./inventory/recorded-estate";
export type { Inventory, InventoryArgs, InventoryKey, KeyUsage } from "./inventory/state";
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
export {
    evaluateEstatePolicies,
    checkArchivedProjectKeys,
    checkOwnerWithoutAccess,
    checkProjectKeyCount,
    checkProjectKeyMaxAge,
    checkProjectKeyOwnerTypes,
    checkProjectKeysUnused,
    checkServiceAccountsUnused,
    DEFAULT_ESTATE_POLICY_CONFIG,
} from "./policies/estate-rules";
export type {
    EstatePolicyConfig,
    EstatePolicyName,
    EstateViolation,
    RuleProject,
    RuleProjectKey,
    RuleServiceAccount,
} from "./policies/estate-rules";
export { compareInventories, renderDriftJson, renderDriftMarkdown } from "./drift/report";
export type { ChangedKey, ComparedInventory, DriftKey, DriftReport, FieldChange, UsageChange } from "./drift/report";
export type {
    DriftProjectKey,
    DriftServiceAccount,
    EstateDrift,
    EstateFieldChange,
    ItemDrift,
    ProjectDrift,
} from "./drift/estate-drift";
export {
    ESTATE_INVENTORY_TYPE,
    ESTATE_INVENTORY_TYPES,
    INVENTORY_TYPE,
    INVENTORY_TYPES,
    PLUGIN_ESTATE_INVENTORY_TYPE,
    PLUGIN_INVENTORY_TYPE,
} from "./inventory/resource-type";
