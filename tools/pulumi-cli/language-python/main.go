// A minimal Python language host for the Pulumi CLI built by scripts/pulumi-cli.js.
//
// Why it exists: Pulumi's own host (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3)
// has no release tags and cannot be fetched here (see language-nodejs). This host runs programs
// through Pulumi's own `pulumi-language-python-exec`, which the sdk/v3 module ships at the CLI's
// release and the build copies beside this executable; it generates SDKs with Pulumi's own Python
// code generator (pkg/v3/codegen/python), links them through requirements.txt, and installs
// dependencies into the project's virtual environment with pip.
//
// It supports what this project's tests use: the `virtualenv` runtime option (default `venv`)
// with pip; not poetry or uv.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"pulumi-openai-admin-keys/tools/pulumi-cli/langhost"
)

type host struct {
	langhost.Base
}

// virtualenv is the project's virtual environment: `runtime.options.virtualenv`, relative to the
// project root, default `venv`.
func virtualenv(info *pulumirpc.ProgramInfo, fallbackRoot string) string {
	name := "venv"
	if v := langhost.Option(info, "virtualenv"); v != nil && v.GetStringValue() != "" {
		name = v.GetStringValue()
	}
	if filepath.IsAbs(name) {
		return name
	}
	root := fallbackRoot
	if info != nil && info.RootDirectory != "" {
		root = info.RootDirectory
	}
	return filepath.Join(root, name)
}

func venvPython(venv string) string { return filepath.Join(venv, "bin", "python") }

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About("python3", "--version")
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDirectory(req.Info, req.Pwd)
	python := venvPython(virtualenv(req.Info, programDir))
	if _, err := os.Stat(python); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"the project's virtual environment has no python (%s): run `pulumi install`", python)}, nil
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	program := req.Program
	if req.Info != nil && req.Info.EntryPoint != "" {
		program = filepath.Join(programDir, req.Info.EntryPoint)
	}
	args := []string{"-u", filepath.Join(filepath.Dir(self), "pulumi-language-python-exec"),
		"--monitor", req.MonitorAddress,
		"--engine", h.EngineAddress,
		"--project", req.Project,
		"--stack", req.Stack,
		"--pwd", req.Pwd,
		"--dry_run", strconv.FormatBool(req.DryRun),
		"--parallel", strconv.Itoa(int(req.Parallel)),
		"--organization", req.Organization,
	}
	if req.Info != nil && req.Info.RootDirectory != "" {
		args = append(args, "--root_directory", req.Info.RootDirectory)
	}
	args = append(append(args, program), req.Args...)

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, python, args...)
	cmd.Dir = req.Pwd
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), configEnv...)
	cmd.Env = append(cmd.Env, "PYTHONUNBUFFERED=1")
	return langhost.RunResponse(cmd.Run()), nil
}

// InstallDependencies makes the virtual environment if it is missing and installs requirements.txt.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, srv pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	dir := langhost.ProgramDirectory(req.Info, req.Directory)
	venv := virtualenv(req.Info, dir)
	if _, err := os.Stat(venvPython(venv)); err != nil {
		if err := langhost.RunInstall(srv, dir, "python3", "-m", "venv", venv); err != nil {
			return fmt.Errorf("creating the virtual environment %s: %w", venv, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "requirements.txt")); err != nil {
		return nil
	}
	return langhost.RunInstall(srv, dir, venvPython(venv), "-m", "pip", "install", "--disable-pip-version-check",
		"-r", "requirements.txt")
}

// GeneratePackage writes a Python SDK for the schema with Pulumi's own code generator.
func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return langhost.GeneratePackage(req, func(pkg *schema.Package) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", pkg, req.ExtraFiles, nil)
	})
}

// Link adds each generated SDK to requirements.txt (as a path), which InstallDependencies installs.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	dir := langhost.ProgramDirectory(req.Info, "")
	file := filepath.Join(dir, "requirements.txt")
	existing, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(existing), "\n"), "\n")
	if len(existing) == 0 {
		lines = nil
	}
	var instructions []string
	for _, dep := range req.Packages {
		path, err := filepath.Rel(dir, filepath.Join(req.Info.RootDirectory, dep.Path))
		if err != nil {
			return nil, err
		}
		line := "./" + filepath.ToSlash(path)
		found := false
		for _, l := range lines {
			found = found || strings.TrimSpace(l) == line
		}
		if !found {
			lines = append(lines, line)
		}
		module := "pulumi_" + strings.ReplaceAll(dep.Package.Name, "-", "_")
		instructions = append(instructions, fmt.Sprintf("You can then import the SDK in your Python code with:\n\n  import %s", module))
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: strings.Join(instructions, "\n")}, nil
}

func main() {
	h := &host{}
	langhost.Serve(h, &h.Base)
}
