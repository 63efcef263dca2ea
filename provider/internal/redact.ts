/**
 * Removes secrets from any text that may reach a user: error messages, server error bodies, logs.
 *
 * Two nets, because a server may echo a key back in its error text and a user may paste one into
 * a URL: the exact admin keys this process has resolved, and anything shaped like an OpenAI key
 * or a bearer token.
 */

const known = new Set<string>();

// OpenAI secret keys: sk-..., sk-admin-..., sk-proj-..., sk-svcacct-...; redacted values such as
// "sk-admin...def" are shorter than 16 characters after the prefix and stay readable.
const KEY_SHAPED = /\bsk-[A-Za-z0-9_-]{16,}/g;
const BEARER = /\b(Bearer)\s+(?!\[REDACTED\])[^\s"',;)\]]+/gi;

/** Known secrets and their echoed forms, longest first (see redactSecrets). */
let ordered: string[] = [];

/**
 * Remembers a secret so that every later message has it removed: as it is, JSON-escaped and
 * URL-encoded, the forms in which a server or a URL may echo it back.
 */
export function registerSecret(secret: string | undefined): void {
    // Very short strings would redact ordinary words; real keys are long.
    if (!secret || secret.length < 8) return;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) known.add(form);
    ordered = [...known].sort((a, b) => b.length - a.length);
}

/**
 * Returns `text` with every known secret and every key-shaped token replaced by `[REDACTED]`.
 * Longest first: a shorter secret seen earlier that is part of a longer one must not cut it in two
 * and leave the rest readable.
 */
export function redactSecrets(text: string): string {
    let out = text;
    for (const s of ordered) {
        if (out.includes(s)) out = out.split(s).join("[REDACTED]");
    }
    return out.replace(KEY_SHAPED, "[REDACTED]").replace(BEARER, "$1 [REDACTED]");
}
