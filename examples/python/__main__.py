"""An OpenAI organization's admin keys in a Python program, through the openai-admin-keys plugin."""

import pulumi
import pulumi_openai_admin_keys as admin_keys

# The data source: every key, newest first, narrowed here to service accounts.
service_account_keys = admin_keys.get_admin_api_keys(order="desc", owner_types=["service_account"])

# The inventory: every key recorded in the stack, for CrossGuard policies and drift previews.
inventory = admin_keys.AdminApiKeyInventory("adminKeys")

pulumi.export("serviceAccountKeyIds", service_account_keys.ids)
pulumi.export("adminKeyCount", inventory.count)
