/**
 * Exports a name whose module loads on first access, as Pulumi's own SDKs do, so that requiring
 * this package does not load `@pulumi/pulumi` for scripts that never use a Pulumi resource.
 */
export function lazyExport(target: object, name: string, load: () => Record<string, unknown>): void {
    Object.defineProperty(target, name, {
        enumerable: true,
        configurable: true,
        get() {
            try {
                return load()[name];
            } catch (err) {
                if (
                    (err as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" &&
                    /@pulumi\/pulumi/.test(String((err as Error).message))
                ) {
                    throw new Error(`${name} needs @pulumi/pulumi, which is not installed: npm install @pulumi/pulumi`);
                }
                throw err;
            }
        },
    });
}
