/**
 * Where the admin key, base URL and organization come from, and the checks made before any
 * request: the key goes only to https, or plain http on a loopback host.
 */
import { ConfigurationError } from "../errors";
import { registerSecret } from "../internal/redact";
import { quoteForTerminal } from "../internal/terminal-text";
import { shortHash } from "../internal/keys";

/** The official endpoint, used when nothing else is configured. */
export const DEFAULT_BASE_URL = "https://api.openai.com/v1";
/** Shortest admin key accepted; OpenAI's are far longer (sk-admin- and about 70 more). */
const MIN_ADMIN_KEY_LENGTH = 20;

/** Connection settings as a caller may give them; unset fields fall back to Pulumi config, then env. */
export interface ConnectionArgs {
    /** The Admin API key (`sk-admin-...`). Prefer Pulumi config or the environment to passing it here. */
    readonly adminKey?: string;
    /** API root including `/v1`. */
    readonly baseUrl?: string;
    /** Sent as `OpenAI-Organization`. */
    readonly organization?: string;
}

/**
 * Where the user of one form (a program, the provider plugin, the drift command) sets each
 * setting, as messages name it: an error must name the setting the user actually has.
 */
export interface SettingPlaces {
    /** E.g. "`pulumi config set --secret openai:adminKey <key>` or the OPENAI_ADMIN_KEY environment variable". */
    readonly adminKey: string;
    /** E.g. "openai:baseUrl / OPENAI_BASE_URL". */
    readonly baseUrl: string;
    /** E.g. "openai:organization / OPENAI_ORG_ID". */
    readonly organization: string;
    /** E.g. "the pageSize option". */
    readonly pageSize: string;
}

/** The settings of a Pulumi config namespace (`openai` for programs, `openai-admin-keys` for the plugin). */
export function configPlaces(namespace: string): SettingPlaces {
    return {
        adminKey: `\`pulumi config set --secret ${namespace}:adminKey <key>\` or the OPENAI_ADMIN_KEY environment variable`,
        baseUrl: `${namespace}:baseUrl / OPENAI_BASE_URL`,
        organization: `${namespace}:organization / OPENAI_ORG_ID`,
        pageSize:
            namespace === "openai" ? "listOptions.pageSize, or the inventory's pageSize" : "the pageSize argument",
    };
}

/** A resolved, checked connection. The key is held only in memory, never serialized. */
export interface Connection {
    readonly adminKey: string;
    readonly baseUrl: string;
    readonly organization?: string;
    /** A short hash of the key: lets listings with different keys not share, without holding the key in a map. */
    readonly keyFingerprint: string;
    /** Where this form's user sets each setting, for messages. */
    readonly places: SettingPlaces;
}

/**
 * Reads a config value such as `openai:adminKey`; returns undefined when unset. `namespace` names
 * the config namespace it answers for (default `openai`): the provider plugin's settings are
 * `openai-admin-keys:adminKey`. `places` overrides how messages name the settings (the drift
 * command has no Pulumi config at all).
 */
export type ConfigLookup = ((key: string) => string | undefined) & {
    readonly namespace?: string;
    readonly places?: SettingPlaces;
};

function adminKeyHelp(places: SettingPlaces): string {
    return (
        "Create an Admin API key at https://platform.openai.com/settings/organization/admin-keys, then set it with " +
        `${places.adminKey}.`
    );
}

/**
 * Resolves settings in order: explicit argument, Pulumi config (`openai:adminKey`, `openai:baseUrl`,
 * `openai:organization`, or the lookup's own namespace), environment (`OPENAI_ADMIN_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`), default.
 */
export function resolveConnection(
    args: ConnectionArgs,
    config: ConfigLookup = () => undefined,
    env: NodeJS.ProcessEnv = process.env,
): Connection {
    const pick = (explicit: string | undefined, configKey: string, envKey: string): string | undefined => {
        for (const v of [explicit, config(configKey), env[envKey]]) {
            if (typeof v === "string" && v.trim() !== "") return v.trim();
        }
        return undefined;
    };
    const ns = config.namespace ?? "openai";
    const places = config.places ?? configPlaces(ns);
    const help = adminKeyHelp(places);
    const adminKey = pick(args.adminKey, `${ns}:adminKey`, "OPENAI_ADMIN_KEY");
    if (!adminKey) throw new ConfigurationError(`No OpenAI admin key is configured. ${help}`);
    registerSecret(adminKey);
    if (/[\s\u0000-\u001f\u007f]/.test(adminKey)) {
        throw new ConfigurationError(
            `The OpenAI admin key contains whitespace or control characters; copy it again. ${help}`,
        );
    }
    // Checked before anything is sent: such a key fails in the HTTP client, which would look like a
    // network error and be retried for seconds.
    if (!/^[\x21-\x7e]+$/.test(adminKey)) {
        throw new ConfigurationError(
            `The OpenAI admin key contains characters that cannot be sent in an HTTP header; copy it again. ${help}`,
        );
    }
    if (adminKey.length < MIN_ADMIN_KEY_LENGTH) {
        throw new ConfigurationError(
            `The OpenAI admin key is too short to be one (${adminKey.length} characters); copy it again. ${help}`,
        );
    }
    const baseUrl = checkBaseUrl(
        pick(args.baseUrl, `${ns}:baseUrl`, "OPENAI_BASE_URL") ?? DEFAULT_BASE_URL,
        places.baseUrl,
    );
    const organization = pick(args.organization, `${ns}:organization`, "OPENAI_ORG_ID");
    if (organization !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(organization)) {
        // The value may come from a state file: quoted, escaped and cut, never raw.
        throw new ConfigurationError(
            `The organization id ${quoteForTerminal(organization.slice(0, 128))} is not valid; it looks like org-... (${places.organization}).`,
        );
    }
    const keyFingerprint = shortHash(adminKey);
    return { adminKey, baseUrl, organization, keyFingerprint, places };
}

/** True for hosts that never leave the machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
    const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
    if (h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
    const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
    return m !== null && m.slice(1).every((p) => Number(p) <= 255);
}

/**
 * Returns the base URL without a trailing slash, or throws a ConfigurationError: the admin key
 * may travel only over https, or plain http to this machine.
 */
export function checkBaseUrl(raw: string, setting = configPlaces("openai").baseUrl): string {
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        throw new ConfigurationError(
            `The OpenAI base URL ${shownUrl(raw)} is not a URL (${setting}). Use https://api.openai.com/v1 or leave it unset.`,
        );
    }
    if (url.username || url.password) {
        throw new ConfigurationError(
            `The OpenAI base URL has credentials embedded in it (user:password@) (${setting}). Remove them; the admin key is sent as a header.`,
        );
    }
    if (url.search || url.hash) {
        throw new ConfigurationError(
            `The OpenAI base URL must not have a query or fragment (${setting}); got ${quoteForTerminal(`${url.origin}${url.pathname}`.slice(0, 200) + (url.search ? "?…" : "#…"))}.`,
        );
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        throw new ConfigurationError(
            `Refusing to send the admin key over plain http to ${quoteForTerminal(url.host)} (${setting}). Use https, or http ` +
                "only on a loopback host (127.0.0.0/8, ::1, localhost).",
        );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new ConfigurationError(
            `The OpenAI base URL must be https (got ${quoteForTerminal(url.protocol.slice(0, 32))}) (${setting}).`,
        );
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * A URL that did not parse, as an error may show it: nothing before its last `@` (user, password,
 * or anything a parser might take for them) is repeated, and the rest is escaped and cut.
 */
export function shownUrl(raw: string): string {
    const at = raw.lastIndexOf("@");
    if (at < 0) return quoteForTerminal(raw.slice(0, 200));
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\//.exec(raw)?.[0] ?? "";
    return quoteForTerminal(`${scheme}…@${raw.slice(at + 1, at + 201)}`);
}
