/**
 * Messages from the plugin to the engine, attached to a resource: the engine shows them under the
 * resource in `pulumi preview` and `up` (a plugin's own standard error is only in the engine's logs).
 */
import { sdkModule } from "./sdk-module";

/** Sends lines to one engine, or to stderr where there is none (tests). One per plugin instance. */
export class EngineLog {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private client: any;

    /** `address`: the engine's, from the plugin's command line; undefined writes to stderr. */
    constructor(private readonly address: string | undefined) {}

    /** The engine's address from the plugin's command line: its first argument that is not a flag. */
    static fromArgs(args: readonly string[]): EngineLog {
        return new EngineLog(args.find((a) => !a.startsWith("-")));
    }

    /** Sends each line as an info message on `urn`. */
    async log(urn: string, lines: readonly string[]): Promise<void> {
        if (lines.length === 0) return;
        if (!this.address) {
            process.stderr.write(lines.map((l) => `${l}\n`).join(""));
            return;
        }
        const grpc = sdkModule<any>("@grpc/grpc-js"); // eslint-disable-line @typescript-eslint/no-explicit-any
        const engineRpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
        const engineProto = require("@pulumi/pulumi/proto/engine_pb");
        this.client ??= new engineRpc.EngineClient(this.address, grpc.credentials.createInsecure());
        for (const line of lines) {
            const req = new engineProto.LogRequest();
            req.setSeverity(engineProto.LogSeverity.INFO);
            req.setMessage(line);
            req.setUrn(urn);
            await new Promise<void>((resolve, reject) =>
                this.client.log(req, (err: unknown) => (err ? reject(err) : resolve())),
            );
        }
    }
}
