/**
 * Text from a server or a file (key names, owner names, ids, URLs) made inert where it is shown:
 * control characters (C0, DEL, C1: ANSI escape sequences start with one), line and paragraph
 * separators and bidirectional overrides become `\uXXXX` escapes.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `s` with control and bidirectional characters escaped, for a terminal, a log or a table cell. */
export function escapeForTerminal(text: string): string {
    return text.replace(CONTROL, escape);
}

/** `s` quoted and escaped (quotes and backslashes too), so where it starts and ends is unambiguous. */
export function quoteForTerminal(text: string | null): string {
    if (text === null) return "(none)";
    return `"${escapeForTerminal(text.replace(/["\\]/g, (c) => `\\${c}`))}"`;
}

/**
 * `s` as an inline Markdown code span that nothing can break out of: inside one, mentions, links,
 * HTML and emphasis are literal; backticks, backslashes and pipes (which would end the span or
 * split a table row) are escaped too.
 */
export function markdownCode(text: string): string {
    return `\`${escapeForTerminal(text).replace(/[`\\|]/g, escape)}\``;
}

/** A table cell of server or file text: a code span as above, or `_none_` for null. */
export function markdownCell(text: string | number | null): string {
    return text === null ? "_none_" : markdownCode(String(text));
}

/** What JSON.stringify leaves raw that a terminal may still act on (it escapes C0 itself). */
const NOT_ESCAPED_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON whose strings cannot steer a terminal: C1 and bidirectional characters escaped as well. */
export function inertJson(value: unknown): string {
    return JSON.stringify(value, null, 2).replace(NOT_ESCAPED_BY_JSON, escape);
}

/** An id as a message shows it: plain when it is an ordinary id, else quoted, escaped and cut. */
export function shownId(id: string): string {
    return /^[A-Za-z0-9_.:-]{1,128}$/.test(id) ? id : quoteForTerminal(id.slice(0, 128));
}

/**
 * `s` as HTML text inside an element such as `<summary>`, where Markdown is not rendered: markup
 * characters become entities, and control and bidirectional characters are escaped as above.
 */
export function htmlText(text: string): string {
    const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    return escapeForTerminal(text).replace(/[&<>"']/g, (c) => entities[c]);
}
