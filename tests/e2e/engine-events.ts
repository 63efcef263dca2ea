/** Reading the engine's events, as `pulumi preview --json` / Automation `onEvent` deliver them. */
import * as fs from "fs";
import * as path from "path";
import { strict as assert } from "assert";
import type { EngineEvent, PolicyEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { Project } from "../../scripts/real-engine";

/** One e2e test: a few CLI operations, each a few seconds to a minute on a 2-core machine. */
export const E2E_TIMEOUT = 10 * 60_000;

export const INVENTORY_TYPE = "pulumi-nodejs:dynamic/openai:AdminApiKeyInventory";

/** The stack's outputs as the engine reported them (in a preview, the values it already knew). */
export function stackOutputsInPreview(events: EngineEvent[]): Record<string, unknown> {
    const outs = events
        .map((e) => e.resOutputsEvent?.metadata)
        .filter((m): m is StepEventMetadata => m?.type === "pulumi:pulumi:Stack")
        .at(-1);
    if (!outs?.new) throw new Error("no outputs event for the stack");
    return outs.new.outputs;
}

/** The engine's step for the resource of `type` (its resourcePreEvent). */
export function stepOf(events: EngineEvent[], type: string): StepEventMetadata {
    const steps = events
        .map((e) => e.resourcePreEvent?.metadata)
        .filter((m): m is StepEventMetadata => m?.type === type);
    if (steps.length !== 1) throw new Error(`expected one step for ${type}, got ${steps.length}`);
    return steps[0];
}

export function policyEvents(events: EngineEvent[]): PolicyEvent[] {
    return events.map((e) => e.policyEvent).filter((p): p is PolicyEvent => p !== undefined);
}

/** Diagnostic messages (warnings, errors, info) the engine reported. */
export function diagnostics(events: EngineEvent[]): string[] {
    return events.map((e) => e.diagnosticEvent?.message).filter((m): m is string => m !== undefined);
}

/**
 * The engine's detailed diff of a step as path -> kind ("add", "update", "delete", ...). The JSON
 * the CLI sends names the kind `diffKind` (the SDK's PropertyDiff type says `kind`).
 */
export function diffKinds(step: StepEventMetadata): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [p, d] of Object.entries(step.detailedDiff ?? {}))
        out[p] = (d as unknown as { diffKind: string }).diffKind;
    return out;
}

export interface Violation {
    readonly policy: string;
    readonly level: string;
    /** The violation's own message (the event's message is the policy description, a newline, then it). */
    readonly message: string;
}

/** The violations reported, sorted by policy and message (policies run concurrently). */
export function violations(events: EngineEvent[]): Violation[] {
    return policyEvents(events)
        .map((p) => ({
            policy: p.policyName,
            level: p.enforcementLevel,
            message: p.message.split("\n").slice(1).join("\n").trimEnd(),
        }))
        .sort((a, b) => a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message));
}

/** Collects engine events of one operation. */
export function eventSink(): { events: EngineEvent[]; onEvent: (e: EngineEvent) => void } {
    const events: EngineEvent[] = [];
    return { events, onEvent: (e) => events.push(e) };
}

/** Every file below `dir`, as text, for searching state for what must not be there. */
export function readTree(dir: string): Array<{ file: string; text: string }> {
    const out: Array<{ file: string; text: string }> = [];
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.isFile()) out.push({ file: p, text: fs.readFileSync(p, "latin1") });
        }
    };
    walk(dir);
    return out;
}

/** What a command printed, kept to search for the admin key at the end of a suite. */
export interface Printed {
    readonly where: string;
    readonly text: string;
}

/**
 * The CLI of the suite's project (`project()`, made in a before hook), keeping all it prints in
 * `seen`: `pulumi` runs a command, `assertCleanPreview` a preview whose step for `type` is `same`.
 */
export function recordingCli(project: () => Project, seen: Printed[], type: string) {
    return {
        async pulumi(args: string[], env: Record<string, string> = {}, allowFailure = false) {
            const out = await project().pulumi(args, { env, allowFailure });
            seen.push({ where: `pulumi ${args.join(" ")}`, text: out.stdout + out.stderr });
            return out;
        },
        async assertCleanPreview() {
            const sink = eventSink();
            const result = await project().stack.preview({ onEvent: sink.onEvent, expectNoChanges: true });
            seen.push({ where: "clean preview", text: result.stdout + result.stderr });
            assert.equal(stepOf(sink.events, type).op, "same");
        },
    };
}
