#!/usr/bin/env node
/**
 * openai-admin-keys-drift: compares the admin keys a stack recorded with the live organization,
 * prints a drift report, and exits like `terraform plan -detailed-exitcode`:
 * 0 no drift, 2 drift, 1 error.
 *
 *   pulumi stack export --file stack.json
 *   openai-admin-keys-drift --state stack.json [--resource admin-keys] [--format markdown|json] [--out report.md]
 *   openai-admin-keys-drift --inventory saved.json ...      (an inventory saved with --save-live)
 *
 * The admin key comes from OPENAI_ADMIN_KEY; the base URL from --base-url, OPENAI_BASE_URL, or
 * the recorded state.
 */
import * as fs from "fs";
import { compareInventories, renderDriftJson, renderDriftMarkdown } from "../drift";
import { fetchInventory } from "../inventory/fetch-inventory";
import { INVENTORY_TYPE } from "../inventory/resource-type";
import type { Inventory } from "../inventory/state";

const USAGE = `Usage: openai-admin-keys-drift (--state <pulumi stack export file> [--resource <name>] | --inventory <file>)
                              [--format markdown|json] [--out <file>] [--save-live <file>] [--base-url <url>]

Compares the OpenAI admin API keys recorded in a stack with the live organization.
Exit codes: 0 no drift, 2 drift, 1 error. The admin key is read from OPENAI_ADMIN_KEY.`;

/** Parsed command line. */
export interface DriftCliArgs {
    state?: string;
    inventory?: string;
    resource?: string;
    format: "markdown" | "json";
    out?: string;
    saveLive?: string;
    baseUrl?: string;
}

/** Thrown for a wrong command line or unreadable input; exit code 1. */
export class CliError extends Error {}

/** Parses the command line; returns "help" for -h/--help. Throws CliError on a wrong one. */
export function parseArgs(argv: string[]): DriftCliArgs | "help" {
    const a: DriftCliArgs = { format: "markdown" };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new CliError(`${flag} needs a value.\n\n${USAGE}`);
            return v;
        };
        switch (flag) {
            case "--state": a.state = value(); break;
            case "--inventory": a.inventory = value(); break;
            case "--resource": a.resource = value(); break;
            case "--out": a.out = value(); break;
            case "--save-live": a.saveLive = value(); break;
            case "--base-url": a.baseUrl = value(); break;
            case "--format": {
                const f = value();
                if (f !== "markdown" && f !== "json") throw new CliError(`--format must be markdown or json, not ${f}.`);
                a.format = f;
                break;
            }
            case "-h":
            case "--help":
                return "help";
            default:
                throw new CliError(`Unknown argument ${flag}.\n\n${USAGE}`);
        }
    }
    if (!a.state === !a.inventory) throw new CliError(`Give exactly one of --state or --inventory.\n\n${USAGE}`);
    return a;
}

function readJson(file: string): unknown {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
    }
}

/** The recorded inventory in a `pulumi stack export` file. */
export function inventoryFromStackExport(exported: unknown, resource?: string): Inventory {
    const resources = (exported as { deployment?: { resources?: Array<{ urn: string; type: string; outputs?: unknown }> } })?.deployment?.resources;
    if (!Array.isArray(resources)) throw new CliError("The state file is not a `pulumi stack export` (no deployment.resources).");
    const found = resources.filter((r) => r.type === INVENTORY_TYPE && (!resource || r.urn.endsWith(`::${resource}`)));
    if (found.length === 0) throw new CliError(`No ${INVENTORY_TYPE} resource${resource ? ` named ${resource}` : ""} in the state file.`);
    if (found.length > 1) throw new CliError(`Several ${INVENTORY_TYPE} resources in the state file; pick one with --resource (${found.map((r) => r.urn.split("::").pop()).join(", ")}).`);
    const outputs = found[0].outputs as Partial<Inventory> | undefined;
    if (!outputs || typeof outputs.keys !== "object" || outputs.keys === null) throw new CliError("The inventory resource in the state file has no recorded keys.");
    return outputs as Inventory;
}

/** Runs the command; returns the exit code. */
export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
    try {
        const args = parseArgs(argv);
        if (args === "help") {
            out(USAGE + "\n");
            return 0;
        }
        const recorded = args.state ? inventoryFromStackExport(readJson(args.state), args.resource) : (readJson(args.inventory!) as Inventory);
        if (!recorded || typeof recorded.keys !== "object") throw new CliError(`${args.inventory} is not a saved inventory (no keys).`);
        const live = await fetchInventory({
            baseUrl: args.baseUrl ?? process.env.OPENAI_BASE_URL ?? recorded.baseUrl,
            organization: recorded.organization,
            recentUsageDays: recorded.recentUsageDays,
        });
        if (args.saveLive) fs.writeFileSync(args.saveLive, JSON.stringify(live, null, 2) + "\n");
        const report = compareInventories(recorded, live);
        const text = args.format === "json" ? renderDriftJson(report) : renderDriftMarkdown(report);
        if (args.out) fs.writeFileSync(args.out, text);
        out(text);
        return report.hasDrift ? 2 : 0;
    } catch (e) {
        err(`openai-admin-keys-drift: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
