/** A gRPC client of a provider plugin, as the engine talks to one: for the server's tests and the bench. */
import type { ChildProcess } from "child_process";
import { sdkModule } from "../provider/plugin/sdk-module";

/** The port a started plugin prints on standard output, as the engine reads it. */
export function listeningPort(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
        child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
        child.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before listening`)));
    });
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const grpc = sdkModule<any>("@grpc/grpc-js");
const struct = sdkModule<any>("google-protobuf/google/protobuf/struct_pb.js");
const empty = sdkModule<any>("google-protobuf/google/protobuf/empty_pb.js");
const rpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
export const proto = require("@pulumi/pulumi/proto/provider_pb");

/** Calls the plugin listening on `port`; each method takes and gives plain objects. */
export class PluginClient {
    private readonly client: any;
    constructor(port: number) {
        this.client = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    }

    private call<T>(method: string, req: unknown): Promise<T> {
        return new Promise((resolve, reject) =>
            this.client[method](req, (err: Error | null, resp: T) => (err ? reject(err) : resolve(resp))),
        );
    }

    async version(): Promise<string> {
        return (await this.call<any>("getPluginInfo", new empty.Empty())).getVersion();
    }

    async schema(): Promise<string> {
        const req = new proto.GetSchemaRequest();
        return (await this.call<any>("getSchema", req)).getSchema();
    }

    async checkConfig(urn: string, news: object) {
        const req = new proto.CheckRequest();
        req.setUrn(urn);
        req.setOlds(struct.Struct.fromJavaScript({}));
        req.setNews(struct.Struct.fromJavaScript(news));
        const resp = await this.call<any>("checkConfig", req);
        return { inputs: resp.getInputs()?.toJavaScript(), failures: failures(resp) };
    }

    async configure(urn: string, args: object): Promise<{ acceptSecrets: boolean }> {
        const req = new proto.ConfigureRequest();
        req.setUrn(urn);
        req.setArgs(struct.Struct.fromJavaScript(args));
        const resp = await this.call<any>("configure", req);
        return { acceptSecrets: resp.getAcceptsecrets() };
    }

    async invoke(tok: string, args: object) {
        const req = new proto.InvokeRequest();
        req.setTok(tok);
        req.setArgs(struct.Struct.fromJavaScript(args));
        const resp = await this.call<any>("invoke", req);
        return { outputs: resp.getReturn()?.toJavaScript(), failures: failures(resp) };
    }

    async diff(urn: string, olds: object, news: object) {
        const req = new proto.DiffRequest();
        req.setId("id");
        req.setUrn(urn);
        req.setOlds(struct.Struct.fromJavaScript(olds));
        req.setNews(struct.Struct.fromJavaScript(news));
        const resp = await this.call<any>("diff", req);
        const detailed: Record<string, number> = {};
        resp.getDetaileddiffMap().forEach((d: any, k: string) => (detailed[k] = d.getKind()));
        return { changes: resp.getChanges(), diffs: resp.getDiffsList() as string[], detailed };
    }

    close(): void {
        this.client.close();
    }
}

function failures(resp: any): Array<{ property: string; reason: string }> {
    return resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
}
/* eslint-enable @typescript-eslint/no-explicit-any */
