// An OpenAI organization's admin keys in a Go program, through the openai-admin-keys provider plugin.
package main

import (
	adminkeys "github.com/local/pulumi-openai-admin-keys/sdk/go/openaiadminkeys"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// The data source: every key, newest first, narrowed here to service accounts.
		serviceAccountKeys, err := adminkeys.GetAdminApiKeys(ctx, &adminkeys.GetAdminApiKeysArgs{
			Order:      pulumi.StringRef("desc"),
			OwnerTypes: []string{"service_account"},
		})
		if err != nil {
			return err
		}

		// The inventory: every key recorded in the stack, for CrossGuard policies and drift previews.
		inventory, err := adminkeys.NewAdminApiKeyInventory(ctx, "adminKeys", nil)
		if err != nil {
			return err
		}

		ctx.Export("serviceAccountKeyIds", pulumi.ToStringArray(serviceAccountKeys.Ids))
		ctx.Export("adminKeyCount", inventory.Count)
		return nil
	})
}
