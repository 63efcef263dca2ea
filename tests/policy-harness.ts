/** Runs a CrossGuard resource policy as @pulumi/policy's analyzer does, on a resource's checked inputs. */
import { unknownCheckingProxy } from "@pulumi/policy";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

/** What a policy threw by calling `notApplicable`. */
export class NotApplicable extends Error {}

/** Arguments as the analyzer builds them for the resource `name` of `type` with checked inputs `props`. */
export function validationArgs(
    props: Record<string, unknown>,
    config: Record<string, unknown>,
    type: string,
    name: string,
): ResourceValidationArgs {
    return {
        type,
        props: unknownCheckingProxy(props),
        urn: `urn:pulumi:dev::proj::${type}::${name}`,
        name,
        opts: {} as ResourceValidationArgs["opts"],
        isType: (cls: { __pulumiType?: string }) => cls.__pulumiType === type,
        asType: () => undefined,
        getConfig: () => config,
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    } as unknown as ResourceValidationArgs;
}

/** The violations `policy` reported, or the NotApplicable it threw. */
export async function run(
    policy: ResourceValidationPolicy,
    args: ResourceValidationArgs,
): Promise<string[] | NotApplicable> {
    const messages: string[] = [];
    try {
        await (policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => unknown)(args, (m) =>
            messages.push(m),
        );
    } catch (e) {
        if (e instanceof NotApplicable) return e;
        throw e;
    }
    return messages;
}
