/**
 * Typed errors. Every failure of this package is an {@link OpenAIAdminError}; subclasses say why.
 *
 * Errors carry only what is safe to print: a message with secrets removed, the HTTP status, the
 * request id and OpenAI's error `type`/`code`/`param`. They never hold got's `options`,
 * `request` or `response` objects, which would carry the `Authorization` header into logs,
 * `JSON.stringify` and `util.inspect`.
 */
import { redactSecrets } from "./internal/redact";
import { quoteForTerminal } from "./internal/terminal-text";

/** What an error may carry besides its message. */
export interface OpenAIAdminErrorDetails {
    /** HTTP status of the failing response, when there was one. */
    readonly status?: number;
    /** OpenAI's `x-request-id` of the failing response; quote it in a support request. */
    readonly requestId?: string;
    /** OpenAI's `error.type`, e.g. `invalid_request_error`. */
    readonly type?: string;
    /** OpenAI's `error.code`, e.g. `invalid_api_key`. */
    readonly code?: string;
    /** OpenAI's `error.param`. */
    readonly param?: string;
    /** 1-based number of the page being fetched when the error happened. */
    readonly page?: number;
    /** The project whose listing failed, for a failed estate listing. */
    readonly projectId?: string;
    /** The endpoint whose listing failed (its path), for a failed estate listing. */
    readonly endpoint?: string;
}

/**
 * Base class of every error this package throws.
 *
 * @example
 * ```ts
 * try {
 *     await getAdminApiKeys();
 * } catch (err) {
 *     if (err instanceof OpenAIAdminError) console.error(err.message, err.requestId);
 *     throw err;
 * }
 * ```
 */
/** Marks this package's errors, whichever copy of the package made them (see isInstance). */
const BRAND = Symbol.for("pulumi-openai-admin-keys/OpenAIAdminError");

export class OpenAIAdminError extends Error {
    /**
     * Whether `value` is an error of this class (for a subclass, of that subclass), also when it
     * comes from another copy of this package, where `instanceof` is false.
     *
     * @example
     * ```ts
     * try { await getAdminApiKeys(); } catch (e) { if (AuthenticationError.isInstance(e)) rotateKey(); else throw e; }
     * ```
     */
    static isInstance<T extends OpenAIAdminError>(
        this: abstract new (...args: never[]) => T,
        value: unknown,
    ): value is T {
        if (typeof value !== "object" || value === null || (value as Record<symbol, unknown>)[BRAND] !== true)
            return false;
        return this.name === "OpenAIAdminError" || (value as Error).name === this.name;
    }

    readonly status?: number;
    readonly requestId?: string;
    readonly type?: string;
    readonly code?: string;
    readonly param?: string;
    readonly page?: number;
    readonly projectId?: string;
    readonly endpoint?: string;

    constructor(message: string, details: OpenAIAdminErrorDetails = {}) {
        super(redactSecrets(message));
        // `name` is own and enumerable so `JSON.stringify(err)` says which error it was.
        Object.defineProperty(this, "name", {
            value: new.target.name,
            enumerable: true,
            configurable: true,
            writable: true,
        });
        for (const [k, v] of Object.entries(details)) {
            if (v !== undefined && v !== null)
                (this as Record<string, unknown>)[k] = typeof v === "string" ? redactSecrets(v) : v;
        }
        // Own enumerable `message` keeps `JSON.stringify(err)` useful (Error#message is not enumerable).
        Object.defineProperty(this, "message", {
            value: this.message,
            enumerable: true,
            configurable: true,
            writable: true,
        });
    }
}

/** Missing or unsafe configuration (no admin key, a non-https base URL, bad arguments). Nothing was sent. */
export class ConfigurationError extends OpenAIAdminError {}

/** 401: the admin key is missing, wrong, revoked or not an Admin API key. */
export class AuthenticationError extends OpenAIAdminError {}

/** 403: the key is valid but may not list admin keys (or the organization header does not match it). */
export class PermissionDeniedError extends OpenAIAdminError {}

/** 404: the endpoint or organization was not found (often a wrong base URL). */
export class NotFoundError extends OpenAIAdminError {}

/** 400: OpenAI refused the request as malformed. */
export class BadRequestError extends OpenAIAdminError {}

/** 409 that outlasted every retry: the request conflicted with another change (not a server fault). */
export class ConflictError extends OpenAIAdminError {}

/** 422: the request was understood but could not be processed. */
export class UnprocessableEntityError extends OpenAIAdminError {}

/** Any other status this package has no specific class for (405, 410, 418, ...): retrying does not fix it. */
export class UnexpectedStatusError extends OpenAIAdminError {}

/** 429 that outlasted every retry. */
export class RateLimitError extends OpenAIAdminError {}

/** 5xx (or 408) that outlasted every retry. */
export class ServerError extends OpenAIAdminError {}

/** The connection failed, was reset or timed out, on every attempt. */
export class ConnectionError extends OpenAIAdminError {}

/** The overall deadline for the listing passed before the last page arrived. */
export class DeadlineExceededError extends OpenAIAdminError {}

/** The server answered, but not with a response of the documented shape (bad JSON, bad key, too large). */
export class InvalidResponseError extends OpenAIAdminError {}

/** The pages do not add up to a complete list (repeated cursor, empty page with `has_more`, page cap). */
export class PaginationError extends OpenAIAdminError {}

/** Fields of an OpenAI error body, as far as they were present. */
export interface ApiErrorBody {
    readonly message?: string;
    readonly type?: string;
    readonly code?: string;
    readonly param?: string;
}

/** How the settings a message names are set in the form in use (see `SettingPlaces` in listing/connection.ts). */
export interface ErrorSettings {
    readonly adminKey: string;
    readonly baseUrl: string;
    readonly organization: string;
}

/**
 * The one place that maps an HTTP status to an error class and a message that says what to do.
 * The server's message is quoted and escaped: whoever answers as the server must not be able to
 * steer a terminal or a CI log through it.
 * @internal
 */
export function errorFromStatus(
    status: number,
    body: ApiErrorBody,
    details: OpenAIAdminErrorDetails & { baseUrl: string; places: ErrorSettings; path: string },
): OpenAIAdminError {
    const { places, path, baseUrl, ...rest } = details;
    const server = body.message ? ` OpenAI said: ${quoteForTerminal(body.message)}.` : "";
    const common = { ...rest, status, type: body.type, code: body.code, param: body.param };
    const rid = details.requestId ? ` (request id ${details.requestId})` : "";
    switch (true) {
        case status === 401:
            return new AuthenticationError(
                `OpenAI rejected the admin key (401)${rid}.${server} Create an Admin API key at ` +
                    `https://platform.openai.com/settings/organization/admin-keys and set it with ${places.adminKey}. ` +
                    "Project and user keys (sk-proj-...) do not work here.",
                common,
            );
        case status === 403:
            return new PermissionDeniedError(
                `The admin key may not read ${path} (403)${rid}.${server} Use an Admin API key of an organization ` +
                    `owner, and check that ${places.organization} matches the key's organization.`,
                common,
            );
        case status === 404:
            return new NotFoundError(
                `${baseUrl}${path} was not found (404)${rid}.${server} Check the base URL ` +
                    `(${places.baseUrl}); it should end in /v1.`,
                common,
            );
        case status === 429:
            return new RateLimitError(
                `OpenAI kept rate-limiting the listing (429) after every retry${rid}.${server} Admin endpoints allow only a ` +
                    `few requests a minute: wait a minute and run again, or raise retry.maxAttempts / deadlineMs.`,
                common,
            );
        case status === 409:
            return new ConflictError(
                `OpenAI reported a conflict (409) on every retry${rid}.${server} Another change to the organization's keys ` +
                    "was in progress: run again in a moment.",
                common,
            );
        case status === 400:
            return new BadRequestError(
                `OpenAI refused the request (400)${rid}.${server} If this persists, report it with the request id.`,
                common,
            );
        case status === 422:
            return new UnprocessableEntityError(
                `OpenAI could not process the request (422)${rid}.${server} If this persists, report it with the request id.`,
                common,
            );
        case status >= 500 || status === 408:
            return new ServerError(
                `OpenAI answered ${status} on every retry${rid}.${server} This is on OpenAI's side: try again later ` +
                    `(https://status.openai.com).`,
                common,
            );
        default:
            return new UnexpectedStatusError(
                `OpenAI answered with an unexpected status (${status})${rid}.${server} Check the base URL ` +
                    `(${places.baseUrl}); if it is OpenAI's, report this with the request id.`,
                common,
            );
    }
}

Object.defineProperty(OpenAIAdminError.prototype, BRAND, { value: true });
