/** Helpers for running program code under pulumi.runtime.setMocks. */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";

/** Records resources and invokes the program registers; answers with its inputs. */
export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: pulumi.runtime.MockResourceArgs[] = [];
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
        this.resources.push(args);
        return { id: `${args.name}-id`, state: args.inputs };
    }
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        throw new Error(`unexpected invoke ${args.token}`);
    }
}

/** Starts a mocked deployment of `project`/`stack` (preview when `dryRun`) with the given config. */
export async function mockDeployment(
    project: string,
    opts: { dryRun?: boolean; config?: Record<string, string>; secretKeys?: string[] } = {},
): Promise<RecordingMocks> {
    const mocks = new RecordingMocks();
    await pulumi.runtime.setMocks(mocks, project, "test", opts.dryRun ?? false);
    pulumi.runtime.setAllConfig(opts.config ?? {}, opts.secretKeys ?? []);
    return mocks;
}

/** The resolved value, known-ness and secret-ness of an output (rejects if the output failed). */
export async function settle<T>(o: pulumi.Output<T>): Promise<{ value: T; known: boolean; secret: boolean }> {
    const internal = o as unknown as {
        promise(withUnknowns?: boolean): Promise<T>;
        isKnown: Promise<boolean>;
        isSecret: Promise<boolean>;
    };
    const [value, known, secret] = await Promise.all([internal.promise(true), internal.isKnown, internal.isSecret]);
    return { value, known, secret };
}

/** Leaves any mocked deployment: the process is plain Node again (mocks are process-global). */
export function leaveDeployment(): void {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const settings = require("@pulumi/pulumi/runtime/settings") as { resetOptions: (...a: unknown[]) => void };
    settings.resetOptions("", "", -1, "", "", false, "");
    assert.equal(pulumi.runtime.hasMonitor(), false);
}

/**
 * What the engine is given for an AdminApiKeyInventory constructed under mocks: its serialized
 * provider text (`__provider`), its type token and its inputs.
 */
export async function inventoryRegistration(
    args: Record<string, unknown> = {},
): Promise<{ text: string; type: string; inputs: Record<string, unknown> }> {
    const { AdminApiKeyInventory } = await import("../provider");
    const mocks = await mockDeployment("inventory-test", { dryRun: true });
    const r = new AdminApiKeyInventory("admin-keys", args);
    await new Promise((resolve) => r.urn.apply(resolve));
    // Wait for the inventory itself: its own provider resource registers before it.
    for (let i = 0; i < 50 && !mocks.resources.some((x) => x.name === "admin-keys"); i++)
        await new Promise((res) => setTimeout(res, 20));
    const reg = mocks.resources.find((x) => x.name === "admin-keys")!;
    return { text: reg.inputs.__provider as string, type: reg.type, inputs: reg.inputs };
}
