import * as path from "path";

/**
 * A module as `@pulumi/pulumi` itself resolves it (`@grpc/grpc-js`, `google-protobuf`): the
 * plugin extends the SDK's gRPC server and talks to the engine with the SDK's own classes.
 */
export function sdkModule<T>(name: string): T {
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    return require(require.resolve(name, { paths: [sdkDir] })) as T;
}
