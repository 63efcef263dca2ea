/**
 * Text from a server (key names, owner names, ids) made inert for a terminal or a log: quoted,
 * with control characters (C0, DEL, C1: ANSI escape sequences start with one), line and paragraph
 * separators and bidirectional overrides written as `\uXXXX` escapes.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /["\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function quoteForTerminal(s: string | null): string {
    if (s === null) return "(none)";
    return `"${s.replace(UNSAFE, (c) => (c === '"' || c === "\\" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))}"`;
}
