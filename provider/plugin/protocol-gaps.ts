/**
 * Three things the provider plugin must do that `@pulumi/pulumi/provider`'s `Provider` interface
 * has no hook for (as of SDK 3.248 and later): it drops the provider configuration in `Configure`,
 * does not implement `CheckConfig`, and cannot name changed properties in `Diff`. Each is added
 * here around the SDK's own gRPC handlers, which keep doing everything else.
 *
 * - `CheckConfig`: the engine records the checked provider configuration in the state. The admin
 *   key is kept in this process for `Configure` and left out of what is returned, so no state ever
 *   holds it (unimplemented, the engine would record it as given).
 * - `Configure`: hands the configuration to the provider.
 * - `Diff`: adds the detailed diff (`keys.<id>.<field>`), which the preview shows key by key.
 */
import { diffProperties, PropertyChange } from "../internal/property-diff";
import { UNKNOWN, unwrapSecrets } from "../internal/pulumi-wire";
import { sdkModule } from "./sdk-module";

/** The provider configuration as the plugin sees it: the admin key only in memory. */
export interface PluginConfig {
    adminKey?: string;
    baseUrl?: string;
    organization?: string;
}

/** What the plugin supplies to fill the gaps. */
export interface GapHandlers {
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

function settings(struct: { toJavaScript(): unknown } | undefined): PluginConfig {
    const raw = (struct ? unwrapSecrets(struct.toJavaScript()) : {}) as Record<string, unknown>;
    const out: PluginConfig = {};
    for (const name of ["adminKey", "baseUrl", "organization"] as const) {
        if (typeof raw[name] === "string" && raw[name] !== UNKNOWN) out[name] = raw[name] as string;
    }
    return out;
}

type Callback = (err: unknown, resp?: unknown) => void;
type Handler = (call: { request: any }, callback: Callback) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Fills the gaps in every ResourceProvider service the SDK registers from now on. */
export function fillProtocolGaps(gaps: GapHandlers): void {
    /* eslint-disable @typescript-eslint/no-explicit-any */
    const grpc = sdkModule<any>("@grpc/grpc-js");
    const struct = sdkModule<any>("google-protobuf/google/protobuf/struct_pb.js");
    const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
    const providerProto = require("@pulumi/pulumi/proto/provider_pb");
    const kinds: Record<PropertyChange, number> = {
        add: providerProto.PropertyDiff.Kind.ADD,
        delete: providerProto.PropertyDiff.Kind.DELETE,
        update: providerProto.PropertyDiff.Kind.UPDATE,
    };
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, impl: Record<string, Handler>) {
        if (service !== providerRpc.ResourceProviderService) return addService.call(this, service, impl);
        const filled = Object.create(impl) as Record<string, Handler>;
        filled.checkConfig = (call, callback) => {
            const req = call.request;
            const news = settings(req.getNews());
            const failures = gaps.checkConfig(req.getUrn(), news);
            const resp = new providerProto.CheckResponse();
            const inputs = { ...(req.getNews()?.toJavaScript() ?? {}) };
            delete inputs.adminKey; // see above: what is returned here is recorded
            resp.setInputs(struct.Struct.fromJavaScript(inputs));
            resp.setFailuresList(
                failures.map((f) => {
                    const failure = new providerProto.CheckFailure();
                    failure.setProperty(f.property);
                    failure.setReason(f.reason);
                    return failure;
                }),
            );
            callback(undefined, resp);
        };
        filled.configure = (call, callback) => {
            try {
                gaps.configure(call.request.getUrn() || undefined, settings(call.request.getArgs()));
            } catch (err) {
                callback(err);
                return;
            }
            impl.configure.call(filled, call, callback);
        };
        filled.diff = (call, callback) => {
            impl.diff.call(filled, call, (err, resp: any) => {
                if (!err && resp) {
                    const olds = call.request.getOlds()?.toJavaScript() ?? {};
                    const news = call.request.getNews()?.toJavaScript() ?? {};
                    // Without a listing (an argument unknown in preview) there is nothing to name.
                    if (news.keys !== undefined) {
                        const changes = diffProperties(olds, news, gaps.diffIgnores);
                        const detailed = resp.getDetaileddiffMap();
                        for (const [p, kind] of changes) {
                            const d = new providerProto.PropertyDiff();
                            d.setKind(kinds[kind]);
                            d.setInputdiff(true);
                            detailed.set(p, d);
                        }
                        resp.setHasdetaileddiff(true);
                        resp.setDiffsList([...new Set([...changes.keys()].map((p) => /^[^.[]+/.exec(p)?.[0] ?? p))]);
                        resp.setChanges(
                            changes.size
                                ? providerProto.DiffResponse.DiffChanges.DIFF_SOME
                                : providerProto.DiffResponse.DiffChanges.DIFF_NONE,
                        );
                    }
                }
                callback(err, resp);
            });
        };
        return addService.call(this, service, filled);
    };
    /* eslint-enable @typescript-eslint/no-explicit-any */
}
