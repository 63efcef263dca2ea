/**
 * What every public listing checks and resolves before anything is sent: its argument names, the
 * connection settings (argument, then Pulumi config, then the environment) and the options.
 */
import { ConfigurationError } from "./errors";
import { checkKnownNames, checkObject, checkString } from "./internal/check-args";
import { loadedPulumi } from "./internal/pulumi-runtime";
import { ConfigLookup, Connection, ConnectionArgs, resolveConnection } from "./listing/connection";
import { ListOptions, ListOptionsInput, resolveListOptions } from "./options";

/** Arguments every listing takes besides its own. */
export interface CommonListArgs extends ConnectionArgs {
    /** Paging, retry and limit options; see `DEFAULT_LIST_OPTIONS`. */
    readonly listOptions?: ListOptionsInput;
}

/** The connection and options of a listing, checked. */
export interface PreparedListing {
    readonly conn: Connection;
    readonly options: ListOptions;
}

/** The error every failed check throws. */
export const configurationFailure = (message: string) => new ConfigurationError(message);

/** Reads Pulumi config of the running program, without the secret-access warning of `Config.get`. */
export const programConfig: ConfigLookup = (key) => loadedPulumi()?.runtime.getConfig(key);

/**
 * Checks `args` of the listing `where` (its own names are `own`), then resolves the connection and
 * options. Throws a ConfigurationError naming what is wrong; nothing is sent before.
 */
export function prepareListing(
    args: CommonListArgs,
    where: string,
    own: readonly string[],
    config: ConfigLookup,
): PreparedListing {
    checkObject(args, `${where} arguments`, configurationFailure);
    checkKnownNames(args, [...own, "adminKey", "baseUrl", "organization", "listOptions"], where, configurationFailure);
    for (const name of ["adminKey", "baseUrl", "organization"] as const)
        checkString(args[name], name, configurationFailure);
    const options = resolveListOptions(args.listOptions, configurationFailure, "listOptions");
    return { conn: resolveConnection(args, config), options };
}

/** A project id as a path may carry it: OpenAI's are `proj_` and letters and digits. */
export function checkProjectId(value: unknown, name: string): string {
    if (typeof value !== "string" || !/^[A-Za-z0-9_-]{1,128}$/.test(value))
        throw configurationFailure(
            `${name} must be a project id such as proj_abc123 (letters, digits, _ and -); got ${
                typeof value === "string"
                    ? JSON.stringify(value.slice(0, 64)).replace(/[\u0000-\u001f\u007f-\u009f]/g, "?")
                    : typeof value
            }.`,
        );
    return value;
}
