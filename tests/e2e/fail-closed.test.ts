/**
 * Fail closed under the real engine: a listing that breaks mid-way fails the preview and the
 * update with the typed error's message, and the recorded state stays exactly as it was.
 */
import { strict as assert } from "assert";
import { FakeAdminApi } from "../../provider/testing";
import { E2E_TIMEOUT } from "./engine-events";
import { newProject } from "../../scripts/real-engine";

/** What `InvalidResponseError` says of a key whose created_at is not a number (the fake's bad-item). */
const INVALID_ITEM =
    /Key \d+ of page \d+ \(id key_[0-9a-f]+\) has an invalid "created_at": Invalid input: expected number, received string \(request id req_[0-9a-f]+\)\. The listing was dropped rather than returned incomplete; report this with the request id\./;

describe("e2e: fail closed", function () {
    this.timeout(E2E_TIMEOUT);

    for (const example of ["inventory", "basic"] as const) {
        it(`fails preview and up of the ${example} example when a page breaks mid-listing, leaving the state as it was`, async () => {
            const api = await FakeAdminApi.start({ seed: { count: 450, seed: 11 } });
            try {
                const project = await newProject({ example, env: { OPENAI_BASE_URL: api.baseUrl } });
                await project.stack.setConfig("openai:adminKey", { value: api.adminKey, secret: true });
                await project.stack.up();
                const before = (await project.stack.exportStack()).deployment;

                // Every page after the first of each order is broken, for good.
                api.inject({ kind: "bad-item", withCursor: true, times: Infinity });
                for (const op of ["preview", "up"] as const) {
                    const err = await (op === "preview" ? project.stack.preview() : project.stack.up()).then(
                        () => assert.fail(`${op} passed on a broken listing`),
                        (e: Error) => e,
                    );
                    assert.match(err.message, INVALID_ITEM, `${op}: ${err.message}`);
                }
                const after = (await project.stack.exportStack()).deployment;
                assert.deepEqual(after.resources, before.resources);
            } finally {
                await api.stop();
            }
        });
    }
});
