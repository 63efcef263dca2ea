/**
 * A key as the inventory records it, as a schema: derived from the `AdminApiKey` model, so that a
 * field added there is recorded, checked by the drift command and declared in the plugin's schema
 * without being written again. (The TypeScript type `InventoryKey` in state.ts is the same shape;
 * a test keeps the two equal.)
 */
import { z } from "zod";
import { AdminApiKey, AdminApiKeyOwner } from "../admin-api-key";

/** One key as recorded in the stack (see state.ts on usage). */
export const RecordedKey = AdminApiKey.omit({ lastUsedAt: true })
    .extend({
        usage: z.enum(["never", "recent", "stale"]).describe("`never`, `recent` or `stale`."),
        lastUsedAt: z
            .number()
            .int()
            .nullable()
            .describe("UTC day (Unix seconds at midnight) of the last use, for `stale` keys only; otherwise null."),
    })
    .describe(
        "One key as recorded in the stack. Use within `recentUsageDays` is recorded as `recent` without a timestamp, so " +
            "normal use never shows as a change; a key unused for longer is `stale`, with `lastUsedAt` at day granularity.",
    );
export type RecordedKey = z.infer<typeof RecordedKey>;

/**
 * The same, as a file may hold it: fields this version does not know are kept (a newer version
 * may have recorded them), those it knows are checked.
 */
export const RecordedKeyInFile = RecordedKey.extend({ owner: AdminApiKeyOwner.loose() }).loose();
