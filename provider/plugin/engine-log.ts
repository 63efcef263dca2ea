/**
 * Messages from the plugin to the engine, attached to a resource: the engine shows them under the
 * resource in `pulumi preview` and `up` (a plugin's own standard error is only in the engine's logs).
 */
import { sdkModule } from "./sdk-module";

let engineAddress: string | undefined;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let client: any;

/** The engine's address, from the plugin's command line (its first argument that is not a flag). */
export function setEngineAddress(args: readonly string[]): void {
    engineAddress = args.find((a) => !a.startsWith("-"));
}

/** Sends each line as an info message on `urn`; without an engine (tests), writes them to stderr. */
export async function logToEngine(urn: string, lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    if (!engineAddress) {
        process.stderr.write(lines.map((l) => `${l}\n`).join(""));
        return;
    }
    const grpc = sdkModule<any>("@grpc/grpc-js"); // eslint-disable-line @typescript-eslint/no-explicit-any
    const engineRpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
    const engineProto = require("@pulumi/pulumi/proto/engine_pb");
    client ??= new engineRpc.EngineClient(engineAddress, grpc.credentials.createInsecure());
    for (const line of lines) {
        const req = new engineProto.LogRequest();
        req.setSeverity(engineProto.LogSeverity.INFO);
        req.setMessage(line);
        req.setUrn(urn);
        await new Promise<void>((resolve, reject) =>
            client.log(req, (err: unknown) => (err ? reject(err) : resolve())),
        );
    }
}
