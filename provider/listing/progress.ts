/**
 * Progress of long listings: ephemeral `pulumi.log` status inside a deployment (the engine shows
 * it on the resource line and then drops it), a self-overwriting stderr line in a terminal,
 * nothing otherwise (CI logs stay clean).
 */
import type { PageHook } from "./fetch-page";
import { loadedPulumi } from "../internal/pulumi-runtime";

/** Reports after this many pages, then at most once per interval, so short listings stay silent. */
const FIRST_REPORT_AFTER_PAGES = 3;
const MIN_INTERVAL_MS = 1000;

export interface ProgressSink {
    (message: string): void;
    /** Called once at the end, so a terminal line can be cleared. */
    end?(): void;
}

/** Chooses where progress goes in this process, or undefined for nowhere. */
export function defaultSink(): ProgressSink | undefined {
    const pulumi = loadedPulumi();
    if (pulumi && pulumi.runtime.getEngine() !== undefined) {
        return (m: string) => void pulumi.log.info(m, undefined, undefined, true).catch(() => undefined);
    }
    if (process.stderr.isTTY) {
        const sink: ProgressSink = (m: string) => process.stderr.write(`\r\x1b[2K${m}`);
        sink.end = () => process.stderr.write("\r\x1b[2K");
        return sink;
    }
    return undefined;
}

/** Turns page events into throttled progress messages. */
export function progressReporter(sink: ProgressSink | undefined, label: string): { onPage: PageHook; end: () => void } {
    let last = 0;
    let reported = false;
    return {
        onPage(stats) {
            if (!sink || stats.pages < FIRST_REPORT_AFTER_PAGES) return;
            const now = Date.now();
            if (now - last < MIN_INTERVAL_MS) return;
            last = now;
            reported = true;
            const ends = stats.twoEnded ? ", reading from both ends" : "";
            const throttled = stats.throttled > 0 ? `, ${stats.throttled} throttled` : "";
            sink(`${label}: ${stats.pages} pages, ${stats.keys} keys so far${ends}${throttled}`);
        },
        end() {
            if (reported) sink?.end?.();
        },
    };
}
