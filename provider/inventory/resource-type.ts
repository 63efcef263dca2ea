/** The inventory resource's type token, on its own so tools can use it without loading @pulumi/pulumi. */
export const INVENTORY_TYPE = "pulumi-nodejs:dynamic/openai:AdminApiKeyInventory";
