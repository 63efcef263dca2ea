import { strict as assert } from "assert";
import { listAdminApiKeys } from "../provider";
import { defaultSink, progressReporter, ProgressSink } from "../provider/listing/progress";
import { FAST, withFake } from "./helpers";
import { leaveDeployment } from "./pulumi-helpers";

describe("progress reports", () => {
    it("stays silent for short listings and reports pages and keys for long ones", () => {
        const messages: string[] = [];
        const sink: ProgressSink = (m) => messages.push(m);
        const r = progressReporter(sink, "Listing");
        const stats = {
            requests: 0,
            retries: 0,
            throttled: 0,
            pages: 0,
            keys: 0,
            twoEnded: false,
            pageSize: 100,
            bytes: 0,
        };
        r.onPage({ ...stats, pages: 1, keys: 100 });
        r.onPage({ ...stats, pages: 2, keys: 200 });
        assert.deepEqual(messages, []);
        r.onPage({ ...stats, pages: 3, keys: 300, twoEnded: true, throttled: 2 });
        r.onPage({ ...stats, pages: 4, keys: 400 }); // within a second: dropped
        assert.deepEqual(messages, ["Listing: 3 pages, 300 keys so far, reading from both ends, 2 throttled"]);
    });

    it("writes a self-overwriting line to stderr when it is a terminal, and clears it at the end", async () => {
        const stderr = process.stderr as unknown as { isTTY?: boolean; write: (s: string) => boolean };
        const saved = { isTTY: stderr.isTTY, write: stderr.write };
        const written: string[] = [];
        stderr.isTTY = true;
        stderr.write = (s: string) => (written.push(s), true);
        try {
            await withFake({ seed: { count: 900 } }, async (api) => {
                await listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    options: { ...FAST, progress: true, twoEnded: false },
                });
            });
        } finally {
            stderr.isTTY = saved.isTTY;
            stderr.write = saved.write;
        }
        assert.equal(written.length, 2, written.join("|"));
        assert.equal(written[0], "\r\x1b[2KListing OpenAI admin API keys: 3 pages, 300 keys so far");
        assert.equal(written[1], "\r\x1b[2K");
    });

    it("prints nothing when stderr is not a terminal and no engine is attached", () => {
        leaveDeployment();
        const stderr = process.stderr as unknown as { isTTY?: boolean };
        const saved = stderr.isTTY;
        stderr.isTTY = false;
        try {
            assert.equal(defaultSink(), undefined);
        } finally {
            stderr.isTTY = saved;
        }
    });
});

describe("progress inside a Pulumi deployment", () => {
    it("goes to the engine as ephemeral info messages over gRPC", async () => {
        // A real Engine gRPC server on loopback, as the Pulumi CLI runs one for a program.
        const grpc = require("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
        const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
        const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
        const logs: Array<{ message: string; ephemeral: boolean; severity: number }> = [];
        const server = new grpc.Server();
        server.addService(engrpc.EngineService, {
            log: (
                call: { request: { getMessage(): string; getEphemeral(): boolean; getSeverity(): number } },
                cb: (e: null, r: unknown) => void,
            ) => {
                logs.push({
                    message: call.request.getMessage(),
                    ephemeral: call.request.getEphemeral(),
                    severity: call.request.getSeverity(),
                });
                cb(null, new emptyproto.Empty());
            },
        });
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
                e ? reject(e) : resolve(p),
            ),
        );
        const settings = require("@pulumi/pulumi/runtime/settings");
        try {
            settings.resetOptions("progress-test", "dev", -1, `127.0.0.1:${port}`, "", true, "");
            await withFake({ seed: { count: 700 } }, async (api) => {
                await listAdminApiKeys({
                    adminKey: api.adminKey,
                    baseUrl: api.baseUrl,
                    options: { ...FAST, progress: true, twoEnded: false },
                });
            });
            await new Promise((r) => setTimeout(r, 100));
            assert.deepEqual(logs, [
                { message: "Listing OpenAI admin API keys: 3 pages, 300 keys so far", ephemeral: true, severity: 1 },
            ]);
        } finally {
            leaveDeployment();
            server.forceShutdown();
        }
    });
});
