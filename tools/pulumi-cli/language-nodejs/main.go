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
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// The Node SDK's exit code for "the error was already reported to the user".
const bailExitCode = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.EngineAddress != "" {
		h.engineAddress = req.EngineAddress
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

// Dependencies' plugins are not discovered: the projects this host serves use only the dynamic
// provider, which the engine finds on PATH, and automatic plugin acquisition is off.
func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
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

func option(info *pulumirpc.ProgramInfo, name string) *structpb.Value {
	if info == nil || info.Options == nil {
		return nil
	}
	return info.Options.Fields[name]
}

// typescriptEnv mirrors the runtime options of Pulumi.yaml that Pulumi's host passes to the SDK.
func typescriptEnv(info *pulumirpc.ProgramInfo) []string {
	typescript := true
	if v := option(info, "typescript"); v != nil {
		typescript = v.GetBoolValue()
	}
	env := []string{"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(typescript)}
	if v := option(info, "tsconfig"); v != nil && v.GetStringValue() != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+v.GetStringValue())
	}
	return env
}

func nodeArgs(info *pulumirpc.ProgramInfo) []string {
	if v := option(info, "nodeargs"); v != nil && v.GetStringValue() != "" {
		return strings.Fields(v.GetStringValue())
	}
	return nil
}

func exitCode(err error) (int, bool) {
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok {
			return status.ExitStatus(), true
		}
	}
	return 0, false
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := req.Pwd
	if req.Info != nil && req.Info.ProgramDirectory != "" {
		programDir = req.Info.ProgramDirectory
	}
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
		"--engine="+h.engineAddress,
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

	// The SDK parses both as JSON objects/arrays: a stack without config must send {} and [], not null.
	configMap, secretKeyList := req.Config, req.ConfigSecretKeys
	if configMap == nil {
		configMap = map[string]string{}
	}
	if secretKeyList == nil {
		secretKeyList = []string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(secretKeyList)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.Pwd
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), typescriptEnv(req.Info)...)
	cmd.Env = append(cmd.Env, "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))

	if err := cmd.Run(); err != nil {
		if code, ok := exitCode(err); ok {
			if code == bailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
		}
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

type streamWriter struct {
	send func([]byte) error
}

func (w streamWriter) Write(p []byte) (int, error) {
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
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
	cmd.Stdout = streamWriter{func(b []byte) error {
		return srv.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	}}
	cmd.Stderr = streamWriter{func(b []byte) error {
		return srv.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	}}
	code := 0
	if err := cmd.Run(); err != nil {
		c, ok := exitCode(err)
		if !ok {
			return err
		}
		code = c
	}
	return srv.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, srv pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	dir := req.Directory
	if req.Info != nil && req.Info.ProgramDirectory != "" {
		dir = req.Info.ProgramDirectory
	}
	cmd := exec.CommandContext(srv.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	send := func(stdout bool) io.Writer {
		return streamWriter{func(b []byte) error {
			if stdout {
				return srv.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b})
			}
			return srv.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
		}}
	}
	cmd.Stdout, cmd.Stderr = send(true), send(false)
	return cmd.Run()
}

func main() {
	h := &host{}
	for _, arg := range os.Args[1:] {
		if !strings.HasPrefix(arg, "-") {
			h.engineAddress = arg
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of standard output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
}
