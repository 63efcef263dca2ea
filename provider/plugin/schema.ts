/**
 * The Pulumi package schema of the provider plugin: what `pulumi package add` generates Python, Go
 * and YAML bindings from. Descriptions are the TypeScript docs' own words, so every language reads
 * the same contract.
 */
import { PLUGIN_ESTATE_INVENTORY_TYPE, PLUGIN_INVENTORY_TYPE } from "../inventory/resource-type";
import { VERSION } from "../version";

/** The plugin's package name: type tokens, config namespace (`openai-admin-keys:adminKey`) and SDK name. */
export const PLUGIN_PACKAGE = "openai-admin-keys";
/** Token of the data source. */
export const PLUGIN_GET_ADMIN_API_KEYS = `${PLUGIN_PACKAGE}:index:getAdminApiKeys`;
/** Tokens of the estate's data sources. */
export const PLUGIN_GET_PROJECTS = `${PLUGIN_PACKAGE}:index:getProjects`;
export const PLUGIN_GET_PROJECT_API_KEYS = `${PLUGIN_PACKAGE}:index:getProjectApiKeys`;
export const PLUGIN_GET_PROJECT_SERVICE_ACCOUNTS = `${PLUGIN_PACKAGE}:index:getProjectServiceAccounts`;
export const PLUGIN_GET_ORGANIZATION_API_KEYS = `${PLUGIN_PACKAGE}:index:getOrganizationApiKeys`;
const token = (name: string) => `${PLUGIN_PACKAGE}:index:${name}`;

const ref = (name: string) => ({ $ref: `#/types/${PLUGIN_PACKAGE}:index:${name}` });
const str = (description: string) => ({ type: "string", description });
const int = (description: string) => ({ type: "integer", description });
const strings = (description: string) => ({ type: "array", items: { type: "string" }, description });

const connection = {
    baseUrl: str(
        "API root including `/v1`; default the provider's `baseUrl`, then `OPENAI_BASE_URL`, then `https://api.openai.com/v1`. " +
            "The admin key is sent only over https, or plain http to a loopback host.",
    ),
    organization: str(
        "Organization id sent as `OpenAI-Organization`; default the provider's `organization`, then `OPENAI_ORG_ID`.",
    ),
};

const pageSize = int(
    "Keys asked for per page (default 100; 1 to 1000). A server that refuses a page size is followed down to 20 on its " +
        "own; set this only to ask for less from the start.",
);

const projectId = str("The project, e.g. `proj_abc123`.");
const includeArchived = {
    type: "boolean",
    description:
        "Include archived projects (default true: a complete estate has them; the API's default leaves them out).",
};
const common = { pageSize, ...connection };

/** The admin key's types, derived from the package's own schemas (schema-types.ts). */
function adminKeyTypes(): Record<string, object> {
    const { pulumiObjectType } = require("./schema-types") as typeof import("./schema-types");
    const { AdminApiKey, AdminApiKeyOwner } = require("../admin-api-key") as typeof import("../admin-api-key");
    const { RecordedKey } = require("../inventory/recorded-key") as typeof import("../inventory/recorded-key");
    const owner = { owner: token("AdminApiKeyOwner") };
    return {
        [token("AdminApiKeyOwner")]: pulumiObjectType(AdminApiKeyOwner, undefined),
        [token("AdminApiKey")]: pulumiObjectType(AdminApiKey, undefined, owner),
        [token("InventoryKey")]: pulumiObjectType(RecordedKey, undefined, owner),
    };
}

/** The estate's types, derived from the package's own schemas (schema-types.ts). */
function estateTypes(): Record<string, object> {
    const { pulumiObjectType } = require("./schema-types") as typeof import("./schema-types");
    const { Project } = require("../project") as typeof import("../project");
    const { ProjectApiKey, ProjectApiKeyOwner } = require("../project-api-key") as typeof import("../project-api-key");
    const { ProjectServiceAccount } =
        require("../project-service-account") as typeof import("../project-service-account");
    return {
        [token("Project")]: pulumiObjectType(Project, "A project of the organization. Timestamps are Unix seconds."),
        [token("ProjectApiKeyOwner")]: pulumiObjectType(
            ProjectApiKeyOwner,
            "Who owns a project API key, flattened from the wire's owner.user / owner.service_account.",
        ),
        [token("ProjectApiKey")]: pulumiObjectType(
            ProjectApiKey,
            "A project API key. `ownerProjectAccess` is `inactive` when its owner no longer has access to the project.",
            { owner: token("ProjectApiKeyOwner") },
        ),
        [token("ProjectServiceAccount")]: pulumiObjectType(ProjectServiceAccount, "A project service account."),
        [token("ProjectCredentials")]: {
            description: "One project and what it holds.",
            type: "object",
            properties: {
                project: { $ref: `#/types/${token("Project")}` },
                apiKeys: { type: "array", items: { $ref: `#/types/${token("ProjectApiKey")}` } },
                serviceAccounts: {
                    type: "array",
                    items: { $ref: `#/types/${token("ProjectServiceAccount")}` },
                    description: "Null for an archived project, whose service accounts OpenAI does not list.",
                },
            },
            required: ["project", "apiKeys"],
        },
        [token("EndpointStats")]: {
            description: "Requests and 429s of one endpoint (rate-limit scope).",
            type: "object",
            properties: { requests: { type: "integer" }, throttled: { type: "integer" } },
        },
        [token("EstateStats")]: {
            description: "What an estate listing cost.",
            type: "object",
            properties: {
                ...Object.fromEntries(
                    [
                        "requests",
                        "retries",
                        "throttled",
                        "pages",
                        "projects",
                        "adminKeys",
                        "projectApiKeys",
                        "serviceAccounts",
                        "ownerWithoutAccess",
                        "durationMs",
                    ].map((n) => [n, { type: "integer" }]),
                ),
                byEndpoint: {
                    type: "object",
                    additionalProperties: { $ref: `#/types/${token("EndpointStats")}` },
                    description: "By endpoint path template.",
                },
            },
        },
    };
}

/** The estate inventory's recorded types, derived from its schemas (inventory/recorded-estate.ts). */
function estateInventoryTypes(): Record<string, object> {
    const { pulumiObjectType } = require("./schema-types") as typeof import("./schema-types");
    const r = require("../inventory/recorded-estate") as typeof import("../inventory/recorded-estate");
    return {
        [token("InventoryProjectApiKey")]: pulumiObjectType(r.RecordedProjectApiKey, undefined, {
            owner: token("ProjectApiKeyOwner"),
        }),
        [token("InventoryServiceAccount")]: pulumiObjectType(r.RecordedServiceAccount, undefined),
        [token("InventoryProjectCounts")]: pulumiObjectType(r.ProjectCounts, undefined),
        [token("InventoryProject")]: pulumiObjectType(r.RecordedProject, undefined, {
            apiKeys: token("InventoryProjectApiKey"),
            serviceAccounts: token("InventoryServiceAccount"),
            counts: token("InventoryProjectCounts"),
        }),
        [token("InventoryEstateCounts")]: pulumiObjectType(r.EstateCounts, undefined),
    };
}

/** The estate inventory resource: its inputs, and its properties derived from the recorded estate's schema. */
function estateInventoryResource(): object {
    const { pulumiObjectType } = require("./schema-types") as typeof import("./schema-types");
    const { EstateInventory } =
        require("../inventory/recorded-estate") as typeof import("../inventory/recorded-estate");
    const recorded = pulumiObjectType(EstateInventory, undefined, {
        adminKeys: token("InventoryKey"),
        projects: token("InventoryProject"),
        counts: token("InventoryEstateCounts"),
    });
    const described: Record<string, string> = {
        baseUrl: "The base URL used (never the key).",
        organization: "The organization used, if any.",
        recentUsageDays: "Use within this many days is recorded as `recent`.",
        includeArchived: "Whether archived projects are recorded.",
        adminKeys: "Every admin key, by id.",
        projects: "Every project, by id, with its API keys (`apiKeys`) and service accounts by id.",
        counts: "Counts per kind across the estate.",
        providerVersion: "Version of this package that recorded the state.",
        schemaVersion: "Recorded-state layout version.",
    };
    const properties = Object.fromEntries(
        Object.entries(recorded.properties).map(([n, p]) => [n, { ...p, description: described[n] }]),
    );
    return {
        description:
            "Records the whole estate in the stack: every project (archived ones included unless `includeArchived` is false) " +
            "with its API keys and service accounts by id, and the admin keys. Never changes anything in OpenAI. Listed during " +
            "check, completely or not at all, so it is known in `pulumi preview`, visible to CrossGuard policies, and compared " +
            "key by key with what the stack recorded. One `pulumi up` lists once: the update records what its preview listed.",
        inputProperties: {
            ...connection,
            recentUsageDays: int(
                "Use within this many days is recorded as `recent`, without a timestamp (default 7; 1 to 365).",
            ),
            pageSize,
            includeArchived: {
                type: "boolean",
                description: "Record archived projects too (default true: they may still hold keys).",
            },
            concurrency: int("Listings in flight at once, across projects and endpoints (1 to 32, default 12)."),
            adminKey: {
                type: "string",
                secret: true,
                description:
                    "The admin key; default the provider's `adminKey`, then `OPENAI_ADMIN_KEY`. Used to list during check " +
                    "and dropped: never an output, never in the state.",
            },
        },
        properties,
        required: recorded.required,
    };
}

/** The estate's functions. */
function estateFunctions(): Record<string, object> {
    const ref = (t: string) => ({ $ref: `#/types/${token(t)}` });
    return {
        [PLUGIN_GET_PROJECTS]: {
            description: "Every project of the organization, archived ones included unless includeArchived is false.",
            inputs: { properties: { includeArchived, ...common } },
            outputs: {
                properties: {
                    id: str("Stable id of this lookup."),
                    projects: { type: "array", items: ref("Project") },
                    ids: strings("Project ids."),
                    includeArchived,
                    baseUrl: str("The base URL used."),
                    organization: str("The organization used, if any."),
                },
                required: ["id", "projects", "ids", "includeArchived", "baseUrl"],
            },
        },
        [PLUGIN_GET_PROJECT_API_KEYS]: {
            description: "Every API key of one project, those of owners without access to it included.",
            inputs: { properties: { projectId, ...common }, required: ["projectId"] },
            outputs: {
                properties: {
                    id: str("Stable id of this lookup."),
                    projectId,
                    keys: { type: "array", items: ref("ProjectApiKey") },
                    ids: strings("Key ids."),
                    baseUrl: str("The base URL used."),
                    organization: str("The organization used, if any."),
                },
                required: ["id", "projectId", "keys", "ids", "baseUrl"],
            },
        },
        [PLUGIN_GET_PROJECT_SERVICE_ACCOUNTS]: {
            description: "Every service account of one project.",
            inputs: { properties: { projectId, ...common }, required: ["projectId"] },
            outputs: {
                properties: {
                    id: str("Stable id of this lookup."),
                    projectId,
                    serviceAccounts: { type: "array", items: ref("ProjectServiceAccount") },
                    ids: strings("Service account ids."),
                    baseUrl: str("The base URL used."),
                    organization: str("The organization used, if any."),
                },
                required: ["id", "projectId", "serviceAccounts", "ids", "baseUrl"],
            },
        },
        [PLUGIN_GET_ORGANIZATION_API_KEYS]: {
            description:
                "The whole estate: the admin keys, and every project's API keys and service accounts. Complete or an error naming the project that failed.",
            inputs: {
                properties: {
                    includeArchived,
                    projectIds: strings("Only these projects (each must exist); default every project."),
                    concurrency: int("Listings in flight at once (1 to 32, default 12)."),
                    ...common,
                },
            },
            outputs: {
                properties: {
                    id: str("Stable id of this lookup."),
                    adminKeys: { type: "array", items: { $ref: `#/types/${token("AdminApiKey")}` } },
                    projects: { type: "array", items: ref("ProjectCredentials") },
                    stats: ref("EstateStats"),
                    includeArchived,
                    projectIds: strings("The projects asked for, if any."),
                    baseUrl: str("The base URL used."),
                    organization: str("The organization used, if any."),
                },
                required: ["id", "adminKeys", "projects", "stats", "includeArchived", "baseUrl"],
            },
        },
    };
}

/** The Node.js SDK's npm package (`npm run dist`); the dynamic provider is this package itself. */
export const NODEJS_SDK_PACKAGE = "pulumi-openai-admin-keys-sdk";
/** The Python SDK's module and distribution name. */
export const PYTHON_SDK_MODULE = "pulumi_openai_admin_keys";
/** The Go SDK's module path (its package is `openaiadminkeys` below it). */
export const GO_SDK_MODULE = "github.com/local/pulumi-openai-admin-keys/sdk/go";

/** The .NET SDK's namespace (its source only: it cannot be built here). */
export const DOTNET_NAMESPACE = "Local.OpenaiAdminKeys";

/** How a build of the schema differs: where the engine downloads the plugin from (none by default). */
export interface SchemaOptions {
    readonly pluginDownloadURL?: string;
}

/** The schema as a JSON-ready object. */
export function packageSchema(options: SchemaOptions = {}): object {
    return {
        name: PLUGIN_PACKAGE,
        displayName: "OpenAI Admin API keys",
        version: VERSION,
        description:
            "A typed, complete, fail-closed view of an OpenAI organization's keys: data sources for its admin keys and every " +
            "project's API keys and service accounts, and inventory resources recording them for CrossGuard policies and drift " +
            "previews. Never changes anything in OpenAI.",
        keywords: ["openai", "admin-api-keys", "category/utility", "kind/native"],
        license: "Apache-2.0",
        config: {
            variables: {
                adminKey: {
                    type: "string",
                    secret: true,
                    description:
                        "The Admin API key (`sk-admin-...`); default `OPENAI_ADMIN_KEY`. Set it with `pulumi config set --secret " +
                        `${PLUGIN_PACKAGE}:adminKey\`. It is used to list keys and never recorded: not in the state, not in any ` +
                        "output or invoke result. `pulumi refresh` and `destroy` read it from `OPENAI_ADMIN_KEY` only.",
                },
                ...connection,
            },
        },
        provider: {
            description: "The OpenAI Admin API keys provider. Its settings are read as described on each.",
            inputProperties: {
                adminKey: { type: "string", secret: true, description: "See the `adminKey` setting." },
                ...connection,
            },
        },
        types: {
            ...estateTypes(),
            ...adminKeyTypes(),
            ...estateInventoryTypes(),
        },
        functions: {
            ...estateFunctions(),
            [PLUGIN_GET_ADMIN_API_KEYS]: {
                description:
                    "Reads every Admin API key of the organization, across all pages, and applies the optional client-side filters. " +
                    "Fails rather than returning a partial list.",
                inputs: {
                    properties: {
                        order: str("Order of `keys` by creation time: `asc` (oldest first, default) or `desc`."),
                        nameRegex: str(
                            "JavaScript regular expression the key's name must match (keys without a name never match).",
                        ),
                        ownerTypes: strings('Owner types to keep, e.g. `["user"]` or `["service_account"]`.'),
                        ownerIds: strings('Owner ids to keep, e.g. `["user_abc"]`.'),
                        pageSize: pageSize,
                        ...connection,
                    },
                },
                outputs: {
                    properties: {
                        id: str("Stable id of this lookup: the same arguments give the same id."),
                        keys: {
                            type: "array",
                            items: ref("AdminApiKey"),
                            description: "The keys that pass the filters, in `order`.",
                        },
                        ids: strings("Their ids, in the same order."),
                        order: str("The order used."),
                        nameRegex: str("The name filter, if any."),
                        ownerTypes: strings("The owner-type filter, if any."),
                        ownerIds: strings("The owner-id filter, if any."),
                        baseUrl: str("The base URL used (never the key)."),
                        organization: str("The organization used, if any."),
                    },
                    required: ["id", "keys", "ids", "order", "baseUrl"],
                },
            },
        },
        resources: {
            [PLUGIN_ESTATE_INVENTORY_TYPE]: estateInventoryResource(),
            [PLUGIN_INVENTORY_TYPE]: {
                description:
                    "Records every Admin API key of the organization in the stack. Never changes anything in OpenAI. Keys are read " +
                    "during check, so they are known in `pulumi preview`, visible to CrossGuard policies, and compared key by key " +
                    "with what the stack recorded: keys created, deleted, renamed or re-owned outside code show as a change.",
                inputProperties: {
                    ...connection,
                    recentUsageDays: int(
                        "Use within this many days is recorded as `recent`, without a timestamp (default 7; 1 to 365).",
                    ),
                    pageSize: pageSize,
                    adminKey: {
                        type: "string",
                        secret: true,
                        description:
                            "The admin key; default the provider's `adminKey`, then `OPENAI_ADMIN_KEY`. Used to list keys during " +
                            "check and dropped: never an output, never in the state.",
                    },
                },
                properties: {
                    ...connection,
                    recentUsageDays: int("Use within this many days is recorded as `recent`."),
                    keys: {
                        type: "object",
                        additionalProperties: ref("InventoryKey"),
                        description: "Every key, by id.",
                    },
                    ids: strings("Key ids, oldest first."),
                    count: int("Number of keys."),
                    providerVersion: str("Version of this package that recorded the state."),
                    schemaVersion: int("Recorded-state layout version."),
                },
                required: ["baseUrl", "recentUsageDays", "keys", "ids", "count", "providerVersion", "schemaVersion"],
            },
        },
        ...(options.pluginDownloadURL ? { pluginDownloadURL: options.pluginDownloadURL } : {}),
        language: {
            // Every SDK records this version, so the engine asks for the plugin it was made with.
            nodejs: { packageName: NODEJS_SDK_PACKAGE, respectSchemaVersion: true },
            python: { packageName: PYTHON_SDK_MODULE, respectSchemaVersion: true },
            go: { importBasePath: `${GO_SDK_MODULE}/openaiadminkeys`, respectSchemaVersion: true },
            csharp: { rootNamespace: DOTNET_NAMESPACE.split(".")[0], respectSchemaVersion: true },
        },
    };
}
