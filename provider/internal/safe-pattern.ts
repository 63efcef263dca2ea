/**
 * Regular expressions from configuration, run against names that come from anyone who can create
 * a key. A pattern such as `^(a+)+$` backtracks exponentially on a crafted 35-character name; run
 * in the main context it would hang a preview, a policy pack or a script for hours. Here every
 * evaluation runs in a separate V8 context under a time budget, which interrupts the regex engine
 * itself, so the worst a pattern can cost is the budget and a clear error.
 */
import * as vm from "vm";
import type { Fail } from "./check-args";
import { quoteForTerminal } from "./terminal-text";

/** Longest a pattern may take against one list of names, whatever the names are. */
export const PATTERN_BUDGET_MS = 1000;
/** Longest pattern accepted. */
const MAX_PATTERN_LENGTH = 1000;

const MATCH_ALL = new vm.Script("{ const re = new RegExp(source); texts.map((t) => t !== null && re.test(t)); }");

/** A checked pattern; `matches` answers for many names at once within the budget. */
export interface SafePattern {
    readonly source: string;
    /** Whether each text matches (null never does), in order. Fails past the budget. */
    matches(texts: readonly (string | null)[]): boolean[];
}

/**
 * Checks `source` (a string, a valid JavaScript regular expression, at most 1000 characters) and
 * returns it ready to run under the budget. `name` is the setting, for messages.
 */
export function safePattern(source: unknown, name: string, fail: Fail, budgetMs = PATTERN_BUDGET_MS): SafePattern {
    if (typeof source !== "string") throw fail(`${name} must be a string holding a regular expression.`);
    const shown = quoteForTerminal(source.slice(0, 200));
    if (source.length > MAX_PATTERN_LENGTH)
        throw fail(`${name} is ${source.length} characters long; at most ${MAX_PATTERN_LENGTH} are accepted.`);
    try {
        new RegExp(source);
    } catch (err) {
        throw fail(`${name} ${shown} is not a valid regular expression: ${(err as Error).message}.`);
    }
    return {
        source,
        matches(texts) {
            const context = vm.createContext({ source, texts });
            try {
                const out = MATCH_ALL.runInContext(context, { timeout: budgetMs }) as boolean[];
                return Array.from(out, Boolean);
            } catch (err) {
                if ((err as { code?: string }).code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw err;
                throw fail(
                    `${name} ${shown} took longer than ${budgetMs} ms against ${texts.length} key names and was stopped: it ` +
                        "backtracks catastrophically on some name (nested quantifiers such as (a+)+ do), and key names come " +
                        "from anyone who can create a key. Rewrite it without nested or overlapping quantifiers, e.g. ^[a-z0-9-]+$.",
                );
            }
        },
    };
}
