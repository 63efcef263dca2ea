/**
 * The pace of one rate-limit scope: every request of every listing in the scope asks it when it
 * may go. It learns the server's rate from the server's own 429s, so no wait in it is a fixed
 * number of milliseconds (OpenAI documents no rate, and sends no hints):
 *
 * - Open: unthrottled, requests go at once (the caller bounds how many).
 * - Probe: the first 429 says the server's bucket is empty now, nothing about its rate. The scope
 *   waits `probeWaitMs` (first a few response times, widening by PROBE_GROWTH each time nothing
 *   had refilled), then sends one request at a time, more as they succeed, until the next 429.
 * - Paced: the bucket was empty at the first 429 and at the latest, so the successes in between
 *   are the tokens the server refilled in that time: their rate is the server's rate, measured
 *   over a window that only grows. Requests go a gap apart at that rate. While the estimate rests
 *   on few tokens it eases upwards a little with each success, so an estimate that came out low
 *   meets the server again (one 429, and a longer window) instead of holding the listing below
 *   the rate for good; the ease fades as the window's tokens grow.
 *
 * A 429 for a request sent before the last 429 was known (the others in flight at that moment)
 * says nothing new: it is retried under the pace, and measures and escalates nothing. A 429 with
 * Retry-After is obeyed as it says.
 */

/** How a request went, as far as the pace cares. */
export type PaceOutcome = "ok" | "throttled" | "other";

/** What the pace knows of one request it let go. */
export interface PaceTicket {
    readonly seq: number;
    readonly sentAt: number;
}

/** Why `acquire` let no request go. */
export type PaceRefusal = "aborted" | "deadline";

/** The first probe waits this many response times; one that found nothing refilled widens by PROBE_GROWTH. */
const PROBE_START_RTTS = 8;
const PROBE_GROWTH = 16;
/** Probing, one more request may be in flight for each this many successes. */
const PROBE_WIDEN_EVERY = 4;
/** The estimate eases while it rests on fewer tokens than this. */
const EASE_UNTIL_TOKENS = 20;

export class Pace {
    private mode: "open" | "probe" | "paced" = "open";
    private seq = 0;
    /** Tickets numbered below this were sent before the last 429 was known. */
    private newsSeq = 0;
    /** Successes of requests sent since the last 429 was known. */
    private windowOk = 0;
    private inFlight = 0;
    private nextAt = 0;
    /** Smoothed response time of answered requests, in ms: the one scale the pace starts from. */
    private rttMs = 0;
    private probeWaitMs = 0;
    private ratePerMs = 0;
    /** When the bucket was first found empty, and the successes of requests sent after that was known. */
    private firstEmptyAt = 0;
    private firstEmptySeq = 0;
    private tokens = 0;
    /** Successes before the first 429: at least the server's burst. */
    private burst = 0;
    /** The tokens the current estimate was measured on: the fewer, the more it eases. */
    private confidence = 0;
    private readonly waiters: Array<() => void> = [];
    private timer: NodeJS.Timeout | undefined;
    /** 429s that told the pace something (the rest were in flight when one already had). */
    throttleEvents = 0;

    constructor(private readonly now: () => number = Date.now) {}

    /** Requests a minute the pace holds to; undefined while unthrottled or still probing. */
    get requestsPerMinute(): number | undefined {
        return this.mode === "paced" ? this.ratePerMs * 60_000 : undefined;
    }

    /** Milliseconds until the next request may go; Infinity while probing with enough in flight. */
    waitMs(now = this.now()): number {
        if (this.mode === "probe" && this.inFlight > Math.floor(this.windowOk / PROBE_WIDEN_EVERY)) return Infinity;
        return Math.max(0, this.nextAt - now);
    }

    /** Lets one request go now (when waitMs is 0). */
    take(now = this.now()): PaceTicket {
        this.inFlight++;
        if (this.mode === "paced") this.nextAt = Math.max(now, this.nextAt) + 1 / this.ratePerMs;
        return { seq: this.seq++, sentAt: now };
    }

    /**
     * Records how a request went. For a 429, `hintMs` is the server's Retry-After if it sent one.
     * Returns whether a 429 was news (sent after the last one was known): only those count as a
     * failed attempt, since the others are the pace's own business.
     */
    settle(ticket: PaceTicket, outcome: PaceOutcome, hintMs?: number, now = this.now()): boolean {
        this.inFlight--;
        let news = false;
        if (outcome !== "other") {
            const took = now - ticket.sentAt;
            this.rttMs = this.rttMs === 0 ? took : this.rttMs * 0.8 + took * 0.2;
        }
        if (outcome === "ok") {
            if (ticket.seq >= this.newsSeq) this.windowOk++;
            if (this.mode === "open") this.burst++;
            else if (ticket.seq >= this.firstEmptySeq) this.tokens++;
            // The probe's own success: the next may go at once (one sent earlier proves nothing).
            if (this.mode === "probe" && ticket.seq >= this.newsSeq) this.nextAt = now;
            if (this.mode === "paced" && this.confidence < EASE_UNTIL_TOKENS)
                this.ratePerMs *= 1 + 1 / (this.confidence + 1) ** 2;
        } else if (outcome === "throttled") {
            news = ticket.seq >= this.newsSeq;
            if (hintMs !== undefined) {
                // The server says when: no guessing.
                this.nextAt = Math.max(this.nextAt, now + hintMs);
                this.newsSeq = this.seq;
            } else if (news) this.measure(now);
        }
        this.pump();
        return news;
    }

    /** A 429 that is news: the server's bucket is empty now. */
    private measure(now: number): void {
        this.throttleEvents++;
        const refilled = this.windowOk;
        this.newsSeq = this.seq;
        this.windowOk = 0;
        if (this.mode === "open") {
            this.mode = "probe";
            this.firstEmptyAt = now;
            this.firstEmptySeq = this.seq;
            this.probeWaitMs = PROBE_START_RTTS * Math.max(this.rttMs, 1);
        } else if (this.tokens === 0) {
            if (refilled === 0) this.probeWaitMs *= PROBE_GROWTH;
        } else {
            this.ratePerMs = this.tokens / Math.max(1, now - this.firstEmptyAt);
            this.confidence = this.tokens;
            if (this.mode === "probe" && refilled >= this.burst) {
                // A whole bucket refilled: it may have been full for part of the wait, so this is
                // only a floor of the rate. Measure afresh from here (empty now), easing as if
                // the estimate rested on nothing.
                this.firstEmptyAt = now;
                this.firstEmptySeq = this.seq;
                this.tokens = 0;
                this.confidence = 0;
            }
            this.mode = "paced";
        }
        this.nextAt = now + (this.mode === "probe" ? this.probeWaitMs : 1 / this.ratePerMs);
    }

    /**
     * Waits until a request may go and lets it go; or says why not: `signal` aborted, or the next
     * slot would come after `until` (epoch ms).
     */
    acquire(signal?: AbortSignal, until = Infinity): Promise<PaceTicket | PaceRefusal> {
        if (signal?.aborted) return Promise.resolve("aborted");
        return new Promise((resolve) => {
            let deadlineTimer: NodeJS.Timeout | undefined;
            const leave = (why: PaceRefusal) => {
                const i = this.waiters.indexOf(go);
                if (i >= 0) this.waiters.splice(i, 1);
                clearTimeout(deadlineTimer);
                signal?.removeEventListener("abort", onAbort);
                resolve(why);
                this.pump();
            };
            const onAbort = () => leave("aborted");
            const go = () => {
                clearTimeout(deadlineTimer);
                signal?.removeEventListener("abort", onAbort);
                resolve(this.take());
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            if (until !== Infinity)
                deadlineTimer = setTimeout(() => leave("deadline"), Math.max(0, until - this.now()));
            this.waiters.push(go);
            this.pump();
        });
    }

    /** Lets waiting requests go as the pace allows, and sets a timer for the next. */
    private pump(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        while (this.waiters.length > 0) {
            const wait = this.waitMs();
            if (wait === Infinity) return; // a probe in flight: its outcome pumps again
            if (wait > 0) {
                this.timer = setTimeout(() => this.pump(), wait);
                return;
            }
            this.waiters.shift()!();
        }
    }
}
