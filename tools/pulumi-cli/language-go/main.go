// A minimal Go language host for the Pulumi CLI built by scripts/pulumi-cli.js.
//
// Why it exists: Pulumi's own host (github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3) has no
// release tags and cannot be fetched here (see language-nodejs). This host builds the program with
// `go build` and runs it with the environment the Go SDK reads (pulumi.Run); it generates SDKs with
// Pulumi's own Go code generator (pkg/v3/codegen/go) and links them with a go.mod replace.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
	"pulumi-openai-admin-keys/tools/pulumi-cli/langhost"
)

type host struct {
	langhost.Base
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About("go", "version")
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDirectory(req.Info, req.Pwd)
	buildDir, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(buildDir)
	binary := filepath.Join(buildDir, "program")
	build := exec.CommandContext(ctx, "go", "build", "-o", binary, ".")
	build.Dir = programDir
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("building the Go program in %s: %v", programDir, err)}, nil
	}

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, binary, req.Args...)
	cmd.Dir = req.Pwd
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), configEnv...)
	cmd.Env = append(cmd.Env,
		"PULUMI_MONITOR="+req.MonitorAddress,
		"PULUMI_ENGINE="+h.EngineAddress,
		"PULUMI_PROJECT="+req.Project,
		"PULUMI_STACK="+req.Stack,
		"PULUMI_ORGANIZATION="+req.Organization,
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.DryRun),
		"PULUMI_PARALLEL="+strconv.Itoa(int(req.Parallel)),
	)
	if req.Info != nil && req.Info.RootDirectory != "" {
		cmd.Env = append(cmd.Env, "PULUMI_ROOT_DIRECTORY="+req.Info.RootDirectory)
	}
	return langhost.RunResponse(cmd.Run()), nil
}

// InstallDependencies resolves the program's modules (and the linked SDKs') with `go mod tidy`.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, srv pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	dir := langhost.ProgramDirectory(req.Info, req.Directory)
	return langhost.RunInstall(srv, dir, "go", "mod", "tidy")
}

// GeneratePackage writes a Go SDK, with its own go.mod, with Pulumi's own code generator.
func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return langhost.GeneratePackage(req, func(pkg *schema.Package) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.LocalDependencies)
	})
}

// Link requires each generated SDK's module and replaces it with its local directory.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	dir := langhost.ProgramDirectory(req.Info, "")
	var instructions []string
	for _, dep := range req.Packages {
		sdkDir := filepath.Join(req.Info.RootDirectory, dep.Path)
		data, err := os.ReadFile(filepath.Join(sdkDir, "go.mod"))
		if err != nil {
			return nil, fmt.Errorf("the generated Go SDK has no go.mod: %w", err)
		}
		module := modfile.ModulePath(data)
		rel, err := filepath.Rel(dir, sdkDir)
		if err != nil {
			return nil, err
		}
		edit := exec.CommandContext(ctx, "go", "mod", "edit",
			"-require="+module+"@v0.0.0", "-replace="+module+"=./"+filepath.ToSlash(rel))
		edit.Dir = dir
		if out, err := edit.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go mod edit: %v: %s", err, strings.TrimSpace(string(out)))
		}
		instructions = append(instructions, fmt.Sprintf("You can then import the SDK from module %s in your Go code.", module))
	}
	return &pulumirpc.LinkResponse{ImportInstructions: strings.Join(instructions, "\n")}, nil
}

func main() {
	h := &host{}
	langhost.Serve(h, &h.Base)
}
