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

/** Remembers a secret so that every later message has it removed. */
export function registerSecret(secret: string | undefined): void {
    // Very short strings would redact ordinary words; real keys are long.
    if (secret && secret.length >= 8) known.add(secret);
}

/** Returns `text` with every known secret and every key-shaped token replaced by `[REDACTED]`. */
export function redactSecrets(text: string): string {
    let out = text;
    for (const s of known) {
        if (out.includes(s)) out = out.split(s).join("[REDACTED]");
    }
    return out.replace(KEY_SHAPED, "[REDACTED]").replace(BEARER, "$1 [REDACTED]");
}
