// Command sdkgen-dotnet writes a package's .NET SDK source with Pulumi's own .NET code generator,
// for `npm run dist`:
//
//	sdkgen-dotnet <schema.json> <out dir>
//
// Pulumi's .NET generator left pkg/v3 for the pulumi-dotnet repository, whose Go module the
// module proxy refuses; this is the generator as pkg/v3 last shipped it that this build can
// fetch (v3.150.0), in a module of its own so that the CLI's build keeps its own versions. The
// source cannot be compiled here (no .NET SDK); files are mode 0644 and written in name order.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"

	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen-dotnet <schema.json> <out dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen-dotnet: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaFile, out string) error {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	// The generator downloads the package's logo (Pulumi's, unless the schema names one) to ship in
	// the NuGet package: serve it a logo of this repository's own, from loopback.
	logo, err := serveLogo(filepath.Join(filepath.Dir(os.Args[0]), "logo.png"))
	if err != nil {
		return err
	}
	spec.LogoURL = logo
	pkg, err := schema.ImportSpec(spec, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	files, err := dotnet.GeneratePackage("pulumi-openai-admin-keys-sdkgen", pkg, nil, nil)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// serveLogo serves the file (or, if there is none beside the generator, a 1x1 PNG) on loopback.
func serveLogo(file string) (string, error) {
	body, err := os.ReadFile(file)
	if err != nil {
		body = onePixelPNG
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) }))
	return "http://" + ln.Addr().String() + "/logo.png", nil
}

var onePixelPNG = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
	0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
}
