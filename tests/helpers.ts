/** Shared test helpers: a fake server per test and fast retry options. */
import { FakeAdminApi, FakeAdminApiOptions } from "../provider/testing";
import type { ListOptionsInput } from "../provider";

/** Retry options that keep failure tests fast while exercising the same code. */
export const FAST: ListOptionsInput = {
    share: false,
    progress: false,
    requestTimeoutMs: 2000,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 },
};

/** Starts a fake, runs `fn`, always stops the fake. */
export async function withFake<T>(o: FakeAdminApiOptions, fn: (api: FakeAdminApi) => Promise<T>): Promise<T> {
    const api = await FakeAdminApi.start(o);
    try {
        return await fn(api);
    } finally {
        await api.stop();
    }
}

/** Runs `p` and returns what it threw; fails the test if it did not throw. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
    try {
        await p;
    } catch (e) {
        return e as Error;
    }
    throw new Error("expected the promise to reject, but it resolved");
}

/** Ids of the fake's keys in the given order. */
export function expectedIds(api: FakeAdminApi, order: "asc" | "desc" = "asc"): string[] {
    const ids = api.keys.map((k) => k.id);
    return order === "asc" ? ids : ids.reverse();
}
