//go:build tools

// Keeps the YAML language host in go.mod; scripts/pulumi-cli.js builds it by package path.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
