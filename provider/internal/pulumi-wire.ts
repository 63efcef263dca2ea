/** Pulumi's markers in property values on the wire and in stack exports: one definition each. */

/** A value not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks a special value (`{ [SIGNATURE_KEY]: ... }`). */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret (`{ [SIGNATURE_KEY]: SECRET_SIGNATURE, value }`). */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** Replaces Pulumi's secret wrappers by their values, deeply; the engine re-marks secret outputs. */
export function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (o[SIGNATURE_KEY] === SECRET_SIGNATURE) return unwrapSecrets(o.value);
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecrets(x)]));
    }
    return value;
}
