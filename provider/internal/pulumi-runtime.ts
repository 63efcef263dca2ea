/**
 * The Pulumi runtime, if this process is running one. A Pulumi program or provider has loaded
 * `@pulumi/pulumi` long before it lists keys; a plain script has not, and should not pay for
 * loading it (tens of MB) just to learn that it is not in a deployment.
 */
type Pulumi = typeof import("@pulumi/pulumi");

export function loadedPulumi(): Pulumi | undefined {
    try {
        const id = require.resolve("@pulumi/pulumi");
        return require.cache[id] ? (require(id) as Pulumi) : undefined;
    } catch {
        return undefined;
    }
}

/** True inside a Pulumi program (real or mocked) or a provider connected to an engine. */
export function inDeployment(): boolean {
    const pulumi = loadedPulumi();
    // getEngine connects lazily when the language host gave an engine address (hasEngine stays
    // false until something has connected).
    return pulumi !== undefined && (pulumi.runtime.hasMonitor() || pulumi.runtime.getEngine() !== undefined);
}

/**
 * An object that stands for the current deployment, or undefined outside one: the program's
 * connection to its resource monitor (or a provider's to its engine). Pulumi makes a new one for
 * every deployment, also for each run of an Automation API inline program in the same process.
 */
export function deploymentScope(): object | undefined {
    const pulumi = loadedPulumi();
    if (pulumi === undefined) return undefined;
    if (pulumi.runtime.hasMonitor()) return (pulumi.runtime.getMonitor() as object | undefined) ?? undefined;
    return (pulumi.runtime.getEngine() as object | undefined) ?? undefined;
}
