// A minimal Node.js language host for the Pulumi CLI built by scripts/pulumi-cli.js.
//
// Why it exists: Pulumi's own host (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
// has no release tags, and the module proxy reachable here serves only listed versions: the
// release commit's pseudo-version cannot be discovered, so that module cannot be fetched. This host
// does no work of its own: it starts the Node SDK's own entry points from the program's
// node_modules, exactly as Pulumi's host does, and reports their exit:
//   - programs:      @pulumi/pulumi/cmd/run            (RunRequest)
//   - policy packs:  @pulumi/pulumi/cmd/run-policy-pack (RunPlugin, kind analyzer)
//   - plugins:       @pulumi/pulumi/cmd/run-plugin      (RunPlugin, kind resource)
//
// The engine, the resource monitor, the dynamic provider host and the policy runtime are Pulumi's.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"pulumi-openai-admin-keys/tools/pulumi-cli/langhost"
)

type host struct {
	langhost.Base
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About("node", "--version")
}

// sdkEntry finds node_modules/@pulumi/pulumi/cmd/<name> from dir upwards, as Node's resolution would.
func sdkEntry(dir, name string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", "@pulumi", "pulumi", "cmd", name)
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("@pulumi/pulumi is not installed for %s: run npm install there", dir)
		}
	}
}

// typescriptEnv mirrors the runtime options of Pulumi.yaml that Pulumi's host passes to the SDK.
func typescriptEnv(info *pulumirpc.ProgramInfo) []string {
	typescript := true
	if v := langhost.Option(info, "typescript"); v != nil {
		typescript = v.GetBoolValue()
	}
	env := []string{"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(typescript)}
	if v := langhost.Option(info, "tsconfig"); v != nil && v.GetStringValue() != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+v.GetStringValue())
	}
	return env
}

func nodeArgs(info *pulumirpc.ProgramInfo) []string {
	if v := langhost.Option(info, "nodeargs"); v != nil && v.GetStringValue() != "" {
		return strings.Fields(v.GetStringValue())
	}
	return nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDirectory(req.Info, req.Pwd)
	runner, err := sdkEntry(programDir, "run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	program := req.Program
	if req.Info != nil && req.Info.EntryPoint != "" {
		program = filepath.Join(programDir, req.Info.EntryPoint)
	}

	args := append(nodeArgs(req.Info), runner,
		"--monitor="+req.MonitorAddress,
		"--engine="+h.EngineAddress,
		"--organization="+req.Organization,
		"--project="+req.Project,
		"--stack="+req.Stack,
		"--pwd="+req.Pwd,
		"--parallel="+strconv.Itoa(int(req.Parallel)),
	)
	if req.Info != nil && req.Info.RootDirectory != "" {
		args = append(args, "--root-directory="+req.Info.RootDirectory)
	}
	if req.DryRun {
		args = append(args, "--dry-run")
	}
	args = append(args, program)
	args = append(args, req.Args...)

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.Pwd
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), typescriptEnv(req.Info)...)
	cmd.Env = append(cmd.Env, configEnv...)
	return langhost.RunResponse(cmd.Run()), nil
}

func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, srv pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.Info == nil {
		return errors.New("RunPlugin without program info")
	}
	entry := map[string]string{"analyzer": "run-policy-pack", "resource": "run-plugin"}[req.Kind]
	if entry == "" {
		return fmt.Errorf("plugins of kind %q are not supported", req.Kind)
	}
	dir := req.Info.ProgramDirectory
	runner, err := sdkEntry(dir, entry)
	if err != nil {
		return err
	}
	// The two runners take their arguments in different orders: run-policy-pack wants the engine's
	// address before the pack's directory, run-plugin the plugin's directory first.
	args := append(nodeArgs(req.Info), runner)
	if req.Kind == "resource" {
		args = append(append(args, dir), req.Args...)
	} else {
		args = append(append(args, req.Args...), dir)
	}

	cmd := exec.CommandContext(srv.Context(), "node", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), typescriptEnv(req.Info)...)
	cmd.Env = append(cmd.Env, req.Env...)
	cmd.Stdout = langhost.StreamWriter{Send: func(b []byte) error {
		return srv.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	}}
	cmd.Stderr = langhost.StreamWriter{Send: func(b []byte) error {
		return srv.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	}}
	code := 0
	if err := cmd.Run(); err != nil {
		c, ok := langhost.ExitCode(err)
		if !ok {
			return err
		}
		code = c
	}
	return srv.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, srv pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	dir := langhost.ProgramDirectory(req.Info, req.Directory)
	return langhost.RunInstall(srv, dir, "npm", "install", "--no-audit", "--no-fund")
}

func main() {
	h := &host{}
	langhost.Serve(h, &h.Base)
}
