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

/** A resolved, checked connection. The key is held only in memory, never serialized. */
export interface Connection {
    readonly adminKey: string;
    readonly baseUrl: string;
    readonly organization?: string;
    /** A short hash of the key: lets listings with different keys not share, without holding the key in a map. */
    readonly keyFingerprint: string;
}

/**
 * Reads a config value such as `openai:adminKey`; returns undefined when unset. `namespace` names
 * the config namespace it answers for (default `openai`): the provider plugin's settings are
 * `openai-admin-keys:adminKey`, and errors must name the key the user actually sets.
 */
export type ConfigLookup = ((key: string) => string | undefined) & { readonly namespace?: string };

function adminKeyHelp(namespace: string): string {
    return (
        "Create an Admin API key at https://platform.openai.com/settings/organization/admin-keys, then set it with " +
        `\`pulumi config set --secret ${namespace}:adminKey <key>\` or in the OPENAI_ADMIN_KEY environment variable.`
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
    const help = adminKeyHelp(ns);
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
    const baseUrl = checkBaseUrl(pick(args.baseUrl, `${ns}:baseUrl`, "OPENAI_BASE_URL") ?? DEFAULT_BASE_URL);
    const organization = pick(args.organization, `${ns}:organization`, "OPENAI_ORG_ID");
    if (organization !== undefined && !/^[A-Za-z0-9_-]+$/.test(organization)) {
        throw new ConfigurationError(
            `The organization id "${organization}" is not valid; it looks like org-... (OPENAI_ORG_ID / ${ns}:organization).`,
        );
    }
    const keyFingerprint = shortHash(adminKey);
    return { adminKey, baseUrl, organization, keyFingerprint };
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
export function checkBaseUrl(raw: string): string {
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        // Never repeated with what may be credentials in it (user:password@), nor at any length.
        const shown = quoteForTerminal(raw.replace(/\/\/[^/]*@/, "//…@").slice(0, 200));
        throw new ConfigurationError(
            `The OpenAI base URL ${shown} is not a URL. Use https://api.openai.com/v1 or leave it unset.`,
        );
    }
    if (url.username || url.password) {
        throw new ConfigurationError(
            "The OpenAI base URL has credentials embedded in it (user:password@). Remove them; the admin key is sent as a header.",
        );
    }
    if (url.search || url.hash) {
        throw new ConfigurationError(
            `The OpenAI base URL must not have a query or fragment; got "${url.origin}${url.pathname}${url.search ? "?…" : "#…"}".`,
        );
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        throw new ConfigurationError(
            `Refusing to send the admin key over plain http to ${url.host}. Use https, or http only on a loopback host ` +
                "(127.0.0.0/8, ::1, localhost).",
        );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new ConfigurationError(`The OpenAI base URL must be https (got ${url.protocol}).`);
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
