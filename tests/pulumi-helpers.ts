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
