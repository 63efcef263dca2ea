/**
 * The provider plugin's gRPC server: Pulumi's ResourceProvider service over one plugin instance,
 * with `@grpc/grpc-js` and Pulumi's generated messages only.
 *
 * Why not `@pulumi/pulumi/provider`'s server: loading it costs about 250 ms before the first
 * request (its runtime, automation and closure serializer come with it), which the executable
 * plugin cannot afford; and it has no hook for what this plugin must do:
 * - `CheckConfig`: the engine records the checked provider configuration in the state. The admin
 *   key is kept in this process for `Configure` and left out of what is returned, so no state ever
 *   holds it (unimplemented, the engine would record it as given).
 * - `Configure`: hands the configuration to the plugin.
 * - `Diff`: names changed properties (`keys.<id>.<field>`), which the preview shows key by key.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { diffProperties, PropertyChange } from "../internal/property-diff";
import { UNKNOWN, unwrapSecrets } from "../internal/pulumi-wire";
import { sdkModule } from "./sdk-module";

/** The provider configuration as the plugin sees it: the admin key only in memory. */
export interface PluginConfig {
    adminKey?: string;
    baseUrl?: string;
    organization?: string;
}

/** What the plugin does beyond `provider.Provider`'s methods. */
export interface SettingsHandlers {
    /**
     * Failures for bad settings, if any (checked before anything is listed). `urn` is the provider
     * resource's: the admin key checked here belongs to that provider only.
     */
    checkConfig(urn: string, news: PluginConfig): Array<{ property: string; reason: string }>;
    /** `urn` is the provider's, when the engine sends it (it does since Pulumi 3.130 or so). */
    configure(urn: string | undefined, config: PluginConfig): void;
    /** Top-level names the detailed diff leaves out. */
    readonly diffIgnores: ReadonlySet<string>;
}

/** Pulumi's own limit on one message (the SDK's `maxRPCMessageSize`): a 10,000-key state fits. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Message = any;
type Callback = (err: unknown, resp?: unknown) => void;
type Call = { request: Message };

function configOf(struct: Message | undefined): PluginConfig {
    const raw = (struct ? unwrapSecrets(struct.toJavaScript()) : {}) as Record<string, unknown>;
    const out: PluginConfig = {};
    for (const name of ["adminKey", "baseUrl", "organization"] as const) {
        if (typeof raw[name] === "string" && raw[name] !== UNKNOWN) out[name] = raw[name] as string;
    }
    return out;
}

/** Pulumi's generated messages and gRPC, as the SDK installed beside this package has them. */
function wire() {
    return {
        grpc: sdkModule<Message>("@grpc/grpc-js"),
        struct: sdkModule<Message>("google-protobuf/google/protobuf/struct_pb.js"),
        empty: sdkModule<Message>("google-protobuf/google/protobuf/empty_pb.js"),
        rpc: require("@pulumi/pulumi/proto/provider_grpc_pb") as Message,
        proto: require("@pulumi/pulumi/proto/provider_pb") as Message,
        plugin: require("@pulumi/pulumi/proto/plugin_pb") as Message,
    };
}

/** The service's handlers over `impl` and `settings`; what is not here answers UNIMPLEMENTED. */
function handlers(impl: provider.Provider, settings: SettingsHandlers, w: ReturnType<typeof wire>) {
    const { struct, proto } = w;
    const toStruct = (v: unknown) => struct.Struct.fromJavaScript(v ?? {});
    const failuresOf = (failures: Array<{ property: string; reason: string }> | undefined) =>
        (failures ?? []).map((f) => {
            const failure = new proto.CheckFailure();
            failure.setProperty(f.property);
            failure.setReason(f.reason);
            return failure;
        });
    const kinds: Record<PropertyChange, number> = {
        add: proto.PropertyDiff.Kind.ADD,
        delete: proto.PropertyDiff.Kind.DELETE,
        update: proto.PropertyDiff.Kind.UPDATE,
    };
    /** One unary handler: `answer` builds the response; any throw becomes the call's error. */
    const unary =
        (answer: (req: Message) => Promise<Message> | Message) =>
        (call: Call, callback: Callback): void => {
            Promise.resolve()
                .then(() => answer(call.request))
                .then(
                    (resp) => callback(null, resp),
                    (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
                );
        };
    const unimplemented = (name: string) => (_call: Call, callback: Callback) =>
        callback({ code: w.grpc.status.UNIMPLEMENTED, details: `Not implemented: ${name}` });

    return {
        getPluginInfo: unary(() => {
            const info = new w.plugin.PluginInfo();
            info.setVersion(impl.version);
            return info;
        }),
        getSchema: unary(async (req) => {
            if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
            const resp = new proto.GetSchemaResponse();
            resp.setSchema(await impl.getSchema!());
            return resp;
        }),
        checkConfig: unary((req) => {
            const failures = settings.checkConfig(req.getUrn(), configOf(req.getNews()));
            const inputs = { ...(req.getNews()?.toJavaScript() ?? {}) };
            delete inputs.adminKey; // see above: what is returned here is recorded
            const resp = new proto.CheckResponse();
            resp.setInputs(toStruct(inputs));
            resp.setFailuresList(failuresOf(failures));
            return resp;
        }),
        // The engine compares configurations itself.
        diffConfig: unimplemented("DiffConfig"),
        configure: unary((req) => {
            settings.configure(req.getUrn() || undefined, configOf(req.getArgs()));
            const resp = new proto.ConfigureResponse();
            resp.setAcceptsecrets(true);
            resp.setAcceptresources(true);
            return resp;
        }),
        invoke: unary(async (req) => {
            const result = await impl.invoke!(req.getTok(), req.getArgs()?.toJavaScript() ?? {});
            const resp = new proto.InvokeResponse();
            resp.setReturn(toStruct(result.outputs));
            resp.setFailuresList(failuresOf(result.failures));
            return resp;
        }),
        check: unary(async (req) => {
            const news = req.getNews()?.toJavaScript() ?? {};
            const result = await impl.check!(req.getUrn(), req.getOlds()?.toJavaScript() ?? {}, news);
            const resp = new proto.CheckResponse();
            resp.setInputs(toStruct(result.inputs ?? news));
            resp.setFailuresList(failuresOf(result.failures));
            return resp;
        }),
        diff: unary((req) => {
            const olds = req.getOlds()?.toJavaScript() ?? {};
            const news = req.getNews()?.toJavaScript() ?? {};
            const resp = new proto.DiffResponse();
            // Without a listing (an argument unknown in preview) there is nothing to name.
            if (news.keys === undefined) {
                resp.setChanges(proto.DiffResponse.DiffChanges.DIFF_UNKNOWN);
                return resp;
            }
            const changes = diffProperties(olds, news, settings.diffIgnores);
            const detailed = resp.getDetaileddiffMap();
            for (const [p, kind] of changes) {
                const d = new proto.PropertyDiff();
                d.setKind(kinds[kind]);
                d.setInputdiff(true);
                detailed.set(p, d);
            }
            resp.setHasdetaileddiff(true);
            resp.setDiffsList([...new Set([...changes.keys()].map((p) => /^[^.[]+/.exec(p)?.[0] ?? p))]);
            resp.setChanges(
                changes.size ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE,
            );
            return resp;
        }),
        create: unary(async (req) => {
            const result = await impl.create!(req.getUrn(), req.getProperties()?.toJavaScript() ?? {});
            const resp = new proto.CreateResponse();
            resp.setId(result.id);
            resp.setProperties(toStruct(result.outs));
            return resp;
        }),
        read: unary(async (req) => {
            const result = await impl.read!(req.getId(), req.getUrn(), req.getProperties()?.toJavaScript() ?? {});
            const resp = new proto.ReadResponse();
            resp.setId(result.id);
            resp.setProperties(toStruct(result.props));
            if (result.inputs !== undefined) resp.setInputs(toStruct(result.inputs));
            return resp;
        }),
        update: unary(async (req) => {
            const olds = req.getOlds()?.toJavaScript() ?? {};
            const news = req.getNews()?.toJavaScript() ?? {};
            const result = await impl.update!(req.getId(), req.getUrn(), olds, news);
            const resp = new proto.UpdateResponse();
            resp.setProperties(toStruct(result.outs));
            return resp;
        }),
        delete: unary(async (req) => {
            await impl.delete!(req.getId(), req.getUrn(), req.getProperties()?.toJavaScript() ?? {});
            return new w.empty.Empty();
        }),
        cancel: unary(() => new w.empty.Empty()),
        attach: unary(() => new w.empty.Empty()),
    };
}

/**
 * Serves `impl` on a loopback port and prints the port on standard output, which is how the
 * engine learns where to connect. Resolves once listening; the server keeps the process alive.
 */
export async function serve(
    impl: provider.Provider,
    settings: SettingsHandlers,
): Promise<{ port: number; stop(): void }> {
    const w = wire();
    const server = new w.grpc.Server({
        "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
        "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
    server.addService(w.rpc.ResourceProviderService, handlers(impl, settings, w));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", w.grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) =>
            err ? reject(err) : resolve(p),
        ),
    );
    return { port, stop: () => server.forceShutdown() };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
