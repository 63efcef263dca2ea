// Command sdkgen writes a package's SDKs with Pulumi's own code generators (pkg/v3/codegen at the
// CLI's release), as registry packages are made; `npm run dist` (scripts/dist) runs it.
//
//	sdkgen <schema.json> <out dir> <language>...
//	sdkgen --module-zip <module dir> <module path> <version> <zip file>
//
// Each language goes to <out dir>/<language>, files mode 0644, so the same schema always gives the
// same bytes. Languages: nodejs, python, go. The second form writes a Go module's zip as a module
// proxy serves it (golang.org/x/mod/zip), for `go get` from a GOPROXY=file:// directory.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-openai-admin-keys-sdkgen"

// noReferences is the loader of a schema that refers to no other package: any reference is an error.
type noReferences struct{}

func (noReferences) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it must stand alone", pkg)
}

func (n noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return n.LoadPackage(d.Name, nil)
}

func (n noReferences) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it must stand alone", pkg)
}

func (n noReferences) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return n.LoadPackageReference(d.Name, nil)
}

func main() {
	if len(os.Args) == 6 && os.Args[1] == "--module-zip" {
		if err := moduleZip(os.Args[2], os.Args[3], os.Args[4], os.Args[5]); err != nil {
			fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <out dir> <language>...")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaFile, out string, languages []string) error {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	for _, language := range languages {
		// A package is bound anew for each generator: generators record their options on it.
		var spec schema.PackageSpec
		if err := json.Unmarshal(raw, &spec); err != nil {
			return fmt.Errorf("%s: %w", schemaFile, err)
		}
		pkg, err := schema.ImportSpec(spec, nil, noReferences{}, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("%s: %w", schemaFile, err)
		}
		var files map[string][]byte
		switch language {
		case "nodejs":
			files, err = nodejs.GeneratePackage(tool, pkg, nil, nil, false, noReferences{})
		case "python":
			files, err = python.GeneratePackage(tool, pkg, nil, noReferences{})
		case "go":
			files, err = gogen.GeneratePackage(tool, pkg, nil)
		default:
			err = fmt.Errorf("no generator for %q (nodejs, python, go)", language)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		if err := write(filepath.Join(out, language), files); err != nil {
			return err
		}
	}
	return nil
}

func write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func moduleZip(dir, path, version, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := modzip.CreateFromDir(f, module.Version{Path: path, Version: version}, dir); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
