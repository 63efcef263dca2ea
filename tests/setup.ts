/**
 * Runs before every test file.
 * - Makes the suite hermetic: a developer's real OPENAI_* variables must never reach OpenAI from a test.
 * - Resolves this package's own name to its TypeScript source, so examples (which import the
 *   package by name, as a user's program does) are tested against the code under test.
 */
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Module = require("module") as { _resolveFilename: (request: string, ...rest: unknown[]) => string };

for (const k of ["OPENAI_ADMIN_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_API_KEY", "PULUMI_CONFIG"])
    delete process.env[k];

const NAME = "pulumi-openai-admin-keys";
const entries: Record<string, string> = {
    [NAME]: path.join(__dirname, "..", "provider", "index.ts"),
    [`${NAME}/testing`]: path.join(__dirname, "..", "provider", "testing.ts"),
    [`${NAME}/policy`]: path.join(__dirname, "..", "provider", "policy.ts"),
};
const original = Module._resolveFilename;
Module._resolveFilename = function (request: string, ...rest: unknown[]) {
    return original.call(this, entries[request] ?? request, ...rest);
};
