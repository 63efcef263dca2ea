// Package langhost holds what this project's language hosts share: the RPCs that report nothing,
// program configuration in the environment, exit codes, output streaming and serving.
//
// Pulumi's own Node.js, Python and Go hosts are untagged modules the Go module proxy will not serve
// here; the hosts built on this package start each SDK's own entry points as Pulumi's hosts do.
package langhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// BailExitCode is the SDKs' exit code for "the error was already reported to the user".
const BailExitCode = 32

// Base answers the RPCs that need no language-specific work.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	EngineAddress string
}

func (b *Base) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.EngineAddress != "" {
		b.EngineAddress = req.EngineAddress
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

// Dependencies' plugins are not discovered from installed packages: automatic plugin acquisition
// is off, and the engine finds the plugins these projects use on PATH or in Pulumi.yaml's packages.
func (b *Base) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (b *Base) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (b *Base) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// About reports the language's executable and the version it prints for `versionFlag`.
func About(executable, versionFlag string) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command(executable, versionFlag).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", executable, versionFlag, err)
	}
	return &pulumirpc.AboutResponse{Executable: executable, Version: strings.TrimSpace(string(out))}, nil
}

// Option is a runtime option from Pulumi.yaml (`runtime.options.<name>`), or nil.
func Option(info *pulumirpc.ProgramInfo, name string) *structpb.Value {
	if info == nil || info.Options == nil {
		return nil
	}
	return info.Options.Fields[name]
}

// ProgramDirectory is where the program lives (Pulumi.yaml's `main`, else the project root).
func ProgramDirectory(info *pulumirpc.ProgramInfo, fallback string) string {
	if info != nil && info.ProgramDirectory != "" {
		return info.ProgramDirectory
	}
	return fallback
}

// ConfigEnv passes the stack's config as every SDK reads it. The SDKs parse both as JSON: a stack
// without config must send {} and [], not null.
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
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
	return []string{"PULUMI_CONFIG=" + string(config), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeys)}, nil
}

// ExitCode is the exit status of a command that ran and failed.
func ExitCode(err error) (int, bool) {
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok {
			return status.ExitStatus(), true
		}
	}
	return 0, false
}

// RunResponse reports how a program's process ended.
func RunResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	if code, ok := ExitCode(err); ok {
		if code == BailExitCode {
			return &pulumirpc.RunResponse{Bail: true}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}
	}
	return &pulumirpc.RunResponse{Error: err.Error()}
}

// StreamWriter sends each write as one message of a server stream.
type StreamWriter struct {
	Send func([]byte) error
}

func (w StreamWriter) Write(p []byte) (int, error) {
	if err := w.Send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// RunInstall runs one dependency-installing command, streaming its output to the engine.
func RunInstall(srv pulumirpc.LanguageRuntime_InstallDependenciesServer, dir string, name string, args ...string) error {
	cmd := exec.CommandContext(srv.Context(), name, args...)
	cmd.Dir = dir
	cmd.Stdout = StreamWriter{Send: func(b []byte) error { return srv.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b}) }}
	cmd.Stderr = StreamWriter{Send: func(b []byte) error { return srv.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b}) }}
	return cmd.Run()
}

// Serve registers the host, prints its port on the first line of standard output (which the
// engine reads) and serves until the engine stops it. The engine's address, when given, is the
// first argument that is not a flag.
func Serve(server pulumirpc.LanguageRuntimeServer, base *Base) {
	for _, arg := range os.Args[1:] {
		if !strings.HasPrefix(arg, "-") {
			base.EngineAddress = arg
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, server)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
}

// GeneratePackage binds the request's schema (resolving references through the engine's schema
// loader), runs a code generator over it and writes what it generates below the request's directory.
func GeneratePackage(
	req *pulumirpc.GeneratePackageRequest, generate func(*schema.Package) (map[string][]byte, error),
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(loader), schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	files, err := generate(pkg)
	if err != nil {
		return nil, err
	}
	if err := WriteFiles(req.Directory, files); err != nil {
		return nil, err
	}
	return &pulumirpc.GeneratePackageResponse{}, nil
}

// WriteFiles writes generated files below dir.
func WriteFiles(dir string, files map[string][]byte) error {
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o600); err != nil {
			return err
		}
	}
	return nil
}
