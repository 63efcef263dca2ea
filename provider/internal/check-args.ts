/**
 * Checks of public arguments, made before anything is sent: a wrong type, a value out of range or
 * a misspelled name is an error that names it, never a silently different behaviour (a string
 * where a list belongs would become a substring match; NaN would turn a rule off). Callers pass
 * `fail` to make their own error class: this layer knows none.
 */
import { quoteForTerminal } from "./terminal-text";

/** Makes the error a failed check throws. */
export type Fail = (message: string) => Error;

/** What a value is, for a message: "a string", "NaN", "an array", "null", ... */
export function typeName(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "number")
        return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? "a number" : String(value);
    if (typeof value === "string") return `a string (${quoteForTerminal(value.slice(0, 64))})`;
    if (typeof value === "object") return "an object";
    return `a ${typeof value}`;
}

/** A value as a message may repeat it: numbers as they are, anything else described, escaped and cut. */
export function shownValue(value: unknown): string {
    return typeof value === "number" ? String(value) : typeName(value);
}

/** Fails on a name in `given` that is not in `allowed` (a misspelled argument, `noun` by default). */
export function checkKnownNames(
    given: object,
    allowed: readonly string[],
    where: string,
    fail: Fail,
    noun = "argument",
): void {
    for (const name of Object.keys(given)) {
        if (!allowed.includes(name)) {
            throw fail(
                `${where} has no ${noun} ${quoteForTerminal(name.slice(0, 64))}; the ${noun}s are ${allowed.join(", ")}.`,
            );
        }
    }
}

/** Fails unless `value` is a plain object (or undefined, when `optional`). */
export function checkObject(
    value: unknown,
    name: string,
    fail: Fail,
): asserts value is Record<string, unknown> | undefined {
    if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value)))
        throw fail(`${name} must be an object; got ${typeName(value)}.`);
}

/** Fails unless `value` is a string or undefined. */
export function checkString(value: unknown, name: string, fail: Fail): asserts value is string | undefined {
    if (value !== undefined && typeof value !== "string")
        throw fail(`${name} must be a string; got ${typeName(value)}.`);
}

/** Fails unless `value` is a list of strings or undefined. */
export function checkStringList(
    value: unknown,
    name: string,
    fail: Fail,
): asserts value is readonly string[] | undefined {
    if (value === undefined) return;
    if (!Array.isArray(value))
        throw fail(`${name} must be a list of strings, e.g. ["a", "b"]; got ${typeName(value)}.`);
    value.forEach((v, i) => {
        if (typeof v !== "string") throw fail(`${name}[${i}] must be a string; got ${typeName(v)}.`);
    });
}

/** Fails unless `value` is a whole number in [min, max] or undefined. */
export function checkWholeNumber(
    value: unknown,
    name: string,
    min: number,
    max: number,
    fail: Fail,
): asserts value is number | undefined {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max))
        throw fail(`${name} must be a whole number from ${min} to ${max}; got ${shownValue(value)}.`);
}

/** Fails unless `value` is true, false or undefined. */
export function checkBoolean(value: unknown, name: string, fail: Fail): asserts value is boolean | undefined {
    if (value !== undefined && typeof value !== "boolean")
        throw fail(`${name} must be true or false; got ${typeName(value)}.`);
}

/** Fails unless `value` is one of `choices` or undefined. */
export function checkChoice<T extends string>(
    value: unknown,
    name: string,
    choices: readonly T[],
    fail: Fail,
): asserts value is T | undefined {
    if (value !== undefined && !choices.includes(value as T))
        throw fail(`${name} must be ${choices.map((c) => `"${c}"`).join(" or ")}; got ${typeName(value)}.`);
}
