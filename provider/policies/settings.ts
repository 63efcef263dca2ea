/**
 * The policy rules' settings and clock, checked one way for the admin-key rules and the estate's:
 * a NaN, an Infinity, a string or a missing value would silently turn a rule off; a string where a
 * list belongs would become a substring match. Every failure is a ConfigurationError naming the
 * setting.
 */
import { ConfigurationError } from "../errors";
import { stripUndefined } from "../internal/objects";
import { checkBoolean, checkKnownNames, checkStringList, checkWholeNumber } from "../internal/check-args";
import { DAY_SECONDS } from "../internal/keys";

/** How a setting is checked: a limit in days, a count, a flag, a list of strings, a pattern (checked where it is compiled). */
export type SettingKind = "days" | "count" | "boolean" | "strings" | "pattern";

export const policyFailure = (m: string) => new ConfigurationError(m);
/** Longest limit in days a rule accepts (about 270 years): beyond it the arithmetic stops meaning anything. */
const MAX_DAYS = 100_000;

/** Checks the settings `names` of `config`, each as `kinds` says, before a rule reads anything. */
export function checkSettings<C extends object>(
    config: Partial<C>,
    names: readonly (keyof C & string)[],
    kinds: Readonly<Record<keyof C & string, SettingKind>>,
): void {
    if (typeof config !== "object" || config === null) throw policyFailure("The policy settings must be an object.");
    for (const name of names) {
        const value = config[name];
        if (value === undefined) throw policyFailure(`The policy setting ${name} is missing.`);
        const kind = kinds[name];
        if (kind === "boolean") checkBoolean(value, name, policyFailure);
        else if (kind === "strings") checkStringList(value, name, policyFailure);
        else if (kind === "count") checkWholeNumber(value, name, 0, 10_000_000, policyFailure);
        else if (kind === "days") checkWholeNumber(value, name, 0, MAX_DAYS, policyFailure);
    }
}

/**
 * `config` over `defaults`, every setting checked before any rule runs (so one bad setting fails
 * them all alike); a name `defaults` does not have is an error, not ignored.
 */
export function withDefaults<C extends object>(
    defaults: C,
    config: Partial<C>,
    kinds: Readonly<Record<keyof C & string, SettingKind>>,
    where: string,
): C {
    if (typeof config !== "object" || config === null) throw policyFailure("The policy settings must be an object.");
    checkKnownNames(config, Object.keys(defaults), where, policyFailure, "setting");
    // The one way defaults are applied here and in the options: unset (undefined) fields keep theirs.
    const c = { ...defaults, ...stripUndefined(config) } as C;
    checkSettings(c, Object.keys(defaults) as (keyof C & string)[], kinds);
    return c;
}

/** Checks the clock: a non-finite `now` would make every age comparison false. */
export function checkNow(now: unknown): void {
    if (typeof now !== "number" || !Number.isFinite(now))
        throw policyFailure(`now must be a finite number of Unix seconds; got ${String(now)}.`);
}

/** Whole days in `seconds`. */
export const days = (seconds: number) => Math.floor(seconds / DAY_SECONDS);
