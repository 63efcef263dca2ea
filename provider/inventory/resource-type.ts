/** The inventories' type tokens, on their own so tools can use them without loading @pulumi/pulumi. */

/** The dynamic provider's inventory (TypeScript and JavaScript programs). */
export const INVENTORY_TYPE = "pulumi-nodejs:dynamic/openai:AdminApiKeyInventory";
/** The provider plugin's inventory (`openai-admin-keys`, from Python, Go, YAML and other programs). */
export const PLUGIN_INVENTORY_TYPE = "openai-admin-keys:index:AdminApiKeyInventory";
/** Both forms: they record the same inventory, which policies and drift reports read alike. */
export const INVENTORY_TYPES: readonly string[] = [INVENTORY_TYPE, PLUGIN_INVENTORY_TYPE];

/** The dynamic provider's estate inventory. */
export const ESTATE_INVENTORY_TYPE = "pulumi-nodejs:dynamic/openai:OrganizationApiKeyInventory";
/** The provider plugin's estate inventory. */
export const PLUGIN_ESTATE_INVENTORY_TYPE = "openai-admin-keys:index:OrganizationApiKeyInventory";
/** Both forms of the estate inventory. */
export const ESTATE_INVENTORY_TYPES: readonly string[] = [ESTATE_INVENTORY_TYPE, PLUGIN_ESTATE_INVENTORY_TYPE];
