/**
 * The real dynamic provider host that ships in @pulumi/pulumi (cmd/dynamic-provider), started as
 * the Pulumi engine starts it and driven over gRPC with the protos that ship alongside it.
 *
 * The host runs in a temporary "user project" whose node_modules holds this package (a link to
 * the repository, whose bin/ `npm test` builds first), so the serialized provider loads the
 * package exactly as it would in a user's project.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";

/* eslint-disable @typescript-eslint/no-var-requires */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");

const ROOT = path.join(__dirname, "..");
const HOST = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
const CALL_DEADLINE_MS = 30_000;
const TYPE = "pulumi-nodejs:dynamic/openai:AdminApiKeyInventory";
const URN = `urn:pulumi:test::inventory-test::${TYPE}::admin-keys`;

/** What the engine receives from Diff. */
export interface DiffResult {
    changes: "unknown" | "none" | "some";
    replaces: string[];
}

type Props = Record<string, unknown>;

export class ProviderHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: InstanceType<typeof provrpc.ResourceProviderClient>,
        readonly stderr: () => string,
        private readonly dir: string,
    ) {}

    /** Starts the host with `env` as its whole environment (plus PATH and HOME). */
    static async start(env: Record<string, string> = {}): Promise<ProviderHost> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inventory-project-"));
        fs.mkdirSync(path.join(dir, "node_modules"));
        fs.symlinkSync(ROOT, path.join(dir, "node_modules", "pulumi-openai-admin-keys"), "dir");
        if (!fs.existsSync(path.join(ROOT, "bin", "provider", "inventory", "provider.js"))) {
            throw new Error("bin/ is not built: run `npm run build` (npm test does it first)");
        }
        // The engine address is required but never dialled by the host.
        const child = spawn(process.execPath, [HOST, "127.0.0.1:1"], {
            cwd: dir,
            env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let err = "";
        child.stderr!.on("data", (d) => (err += d));
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(
                () => reject(new Error(`provider host printed no port in 20 s; stderr: ${err}`)),
                20_000,
            );
            child.stdout!.on("data", (d) => {
                out += d;
                const m = /^(\d+)\s*$/m.exec(out);
                if (m) {
                    clearTimeout(timer);
                    resolve(Number(m[1]));
                }
            });
            child.on("exit", (code) => reject(new Error(`provider host exited ${code}: ${err}`)));
        });
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new ProviderHost(child, client, () => err, dir);
    }

    async stop(): Promise<void> {
        this.client.close();
        this.child.kill("SIGKILL");
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private call<T>(method: string, req: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            this.client[method](
                req,
                new grpc.Metadata(),
                { deadline: Date.now() + CALL_DEADLINE_MS },
                (e: grpc.ServiceError | null, res: T) => (e ? reject(e) : resolve(res)),
            );
        });
    }

    async configure(config: Record<string, string>): Promise<void> {
        const req = new provproto.ConfigureRequest();
        req.setArgs(structproto.Struct.fromJavaScript(config));
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        await this.call("configure", req);
    }

    async check(
        olds: Props,
        news: Props,
    ): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }> {
        const req = new provproto.CheckRequest();
        req.setUrn(URN);
        req.setType(TYPE);
        req.setName("admin-keys");
        req.setOlds(structproto.Struct.fromJavaScript(olds));
        req.setNews(structproto.Struct.fromJavaScript(news));
        const res = await this.call<{
            getInputs(): { toJavaScript(): Props };
            getFailuresList(): Array<{ getProperty(): string; getReason(): string }>;
        }>("check", req);
        return {
            inputs: res.getInputs().toJavaScript(),
            failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(id: string, olds: Props, news: Props): Promise<DiffResult> {
        const req = new provproto.DiffRequest();
        req.setId(id);
        req.setUrn(URN);
        req.setOlds(structproto.Struct.fromJavaScript(olds));
        req.setNews(structproto.Struct.fromJavaScript(news));
        const res = await this.call<{ getChanges(): number; getReplacesList(): string[] }>("diff", req);
        return { changes: (["unknown", "none", "some"] as const)[res.getChanges()], replaces: res.getReplacesList() };
    }

    async create(props: Props): Promise<{ id: string; properties: Props }> {
        const req = new provproto.CreateRequest();
        req.setUrn(URN);
        req.setProperties(structproto.Struct.fromJavaScript(props));
        const res = await this.call<{ getId(): string; getProperties(): { toJavaScript(): Props } }>("create", req);
        return { id: res.getId(), properties: res.getProperties().toJavaScript() };
    }

    async read(id: string, props: Props): Promise<{ id: string; properties: Props; inputs: Props | undefined }> {
        const req = new provproto.ReadRequest();
        req.setId(id);
        req.setUrn(URN);
        req.setProperties(structproto.Struct.fromJavaScript(props));
        const res = await this.call<{
            getId(): string;
            getProperties(): { toJavaScript(): Props };
            getInputs(): { toJavaScript(): Props } | undefined;
        }>("read", req);
        return {
            id: res.getId(),
            properties: res.getProperties().toJavaScript(),
            inputs: res.getInputs()?.toJavaScript(),
        };
    }

    async update(id: string, olds: Props, news: Props): Promise<{ properties: Props }> {
        const req = new provproto.UpdateRequest();
        req.setId(id);
        req.setUrn(URN);
        req.setOlds(structproto.Struct.fromJavaScript(olds));
        req.setNews(structproto.Struct.fromJavaScript(news));
        const res = await this.call<{ getProperties(): { toJavaScript(): Props } }>("update", req);
        return { properties: res.getProperties().toJavaScript() };
    }

    async delete(id: string, props: Props): Promise<void> {
        const req = new provproto.DeleteRequest();
        req.setId(id);
        req.setUrn(URN);
        req.setProperties(structproto.Struct.fromJavaScript(props));
        await this.call("delete", req);
    }
}
