#!/usr/bin/env node
/**
 * openai-admin-keys-drift: compares the keys a stack recorded (its AdminApiKeyInventory, its
 * OrganizationApiKeyInventory, or both) with the live organization, prints a drift report, and
 * exits like `terraform plan -detailed-exitcode`: 0 no drift, 2 drift, 1 error.
 *
 *   pulumi stack export --file stack.json
 *   openai-admin-keys-drift --state stack.json [--resource admin-keys] [--format markdown|json] [--out report.md]
 *   openai-admin-keys-drift --inventory saved.json ...      (an inventory saved with --save-live)
 *
 * The admin key comes from OPENAI_ADMIN_KEY; the base URL from --base-url, OPENAI_BASE_URL, or
 * the recorded state when that is OpenAI's own (any other recorded host must be confirmed).
 */
import * as fs from "fs";
import { z } from "zod";
import { compareInventories, DriftReport, renderDriftJson, renderDriftMarkdown } from "./report";
import { fetchInventory } from "../inventory/fetch-inventory";
import { fetchEstateInventory } from "../inventory/fetch-estate";
import { EstateInventory, EstateInventoryInFile } from "../inventory/recorded-estate";
import { isEstate } from "./estate-drift";
import { DEFAULT_BASE_URL } from "../listing/connection";
import { inertJson, markdownCode, quoteForTerminal } from "../internal/terminal-text";
import { ESTATE_INVENTORY_TYPES, INVENTORY_TYPES } from "../inventory/resource-type";
import { SIGNATURE_KEY } from "../internal/pulumi-wire";
import type { Inventory } from "../inventory/state";
import { RecordedKeyInFile } from "../inventory/recorded-key";
import type { ConfigLookup } from "../listing/connection";
import { LIST_OPTION_LIMITS } from "../options";

const USAGE = `Usage: openai-admin-keys-drift (--state <pulumi stack export file> [--resource <name>] | --inventory <file>)
                              [--format markdown|json] [--out <file>] [--save-live <file>] [--base-url <url>]
                              [--page-size <1-1000>]

Compares the OpenAI keys recorded in a stack (its admin key inventory, its estate inventory, or both:
each is compared) with the live organization.
Exit codes: 0 no drift, 2 drift, 1 error. The admin key is read from OPENAI_ADMIN_KEY and sent only to
OpenAI, or to a base URL you confirm with --base-url or OPENAI_BASE_URL (never one taken from the file alone).`;

/** Parsed command line. */
export interface DriftCliArgs {
    state?: string;
    inventory?: string;
    resource?: string;
    format: "markdown" | "json";
    out?: string;
    saveLive?: string;
    baseUrl?: string;
    pageSize?: number;
}

/** How this command's messages name its settings: it has no Pulumi config, only flags and the environment. */
const CLI_SETTINGS: ConfigLookup = Object.assign(() => undefined, {
    places: {
        adminKey: "the OPENAI_ADMIN_KEY environment variable",
        baseUrl: "--base-url / OPENAI_BASE_URL",
        organization: "the organization recorded in the state file",
        pageSize: "--page-size",
    },
});

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
            case "--state":
                a.state = value();
                break;
            case "--inventory":
                a.inventory = value();
                break;
            case "--resource":
                a.resource = value();
                break;
            case "--out":
                a.out = value();
                break;
            case "--save-live":
                a.saveLive = value();
                break;
            case "--base-url":
                a.baseUrl = value();
                break;
            case "--page-size": {
                const v = value();
                const n = /^\d{1,4}$/.test(v) ? Number(v) : NaN;
                if (!(n >= 1 && n <= LIST_OPTION_LIMITS.pageSize))
                    throw new CliError(
                        `--page-size must be a whole number from 1 to ${LIST_OPTION_LIMITS.pageSize}, not ${quoteForTerminal(v.slice(0, 32))}.`,
                    );
                a.pageSize = n;
                break;
            }
            case "--format": {
                const f = value();
                if (f !== "markdown" && f !== "json")
                    throw new CliError(`--format must be markdown or json, not ${quoteForTerminal(f.slice(0, 32))}.`);
                a.format = f;
                break;
            }
            case "-h":
            case "--help":
                return "help";
            default:
                throw new CliError(`Unknown argument ${quoteForTerminal(flag.slice(0, 64))}.\n\n${USAGE}`);
        }
    }
    if (!a.state === !a.inventory) throw new CliError(`Give exactly one of --state or --inventory.\n\n${USAGE}`);
    return a;
}

/** Reads a JSON file. Its content is never quoted in an error: it may come from anyone who can write the stack. */
function readJson(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new CliError(`Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"}).`);
    }
    try {
        return JSON.parse(text);
    } catch {
        throw new CliError(`${file} is not valid JSON.`);
    }
}

const nullableString = z.string().nullable();
/** What a recorded inventory must hold to be compared; anything else is an error, not "everything drifted". */
const RecordedInventory = z.looseObject({
    baseUrl: z.string().optional(),
    organization: nullableString.optional(),
    recentUsageDays: z.number().int().min(1).max(365).optional(),
    keys: z.record(z.string(), RecordedKeyInFile),
});

/** A path into a file, with every name from the file escaped. */
function where(path: PropertyKey[]): string {
    return (
        path
            .map((p) =>
                typeof p === "number"
                    ? `[${p}]`
                    : /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(String(p))
                      ? `.${String(p)}`
                      : `[${quoteForTerminal(String(p).slice(0, 64))}]`,
            )
            .join("") || "(top)"
    );
}

/** Either recorded inventory, as read from a file. */
export type RecordedInventoryInFile = Inventory | EstateInventory;

/**
 * Validates a recorded inventory from `source` (an estate when it has `projects`); throws a
 * CliError that says what is wrong and what to do.
 */
export function validateInventory(value: unknown, source: string): RecordedInventoryInFile {
    // An export made without --show-secrets leaves secrets as encrypted values marked with this key.
    if (JSON.stringify(value ?? null).includes(SIGNATURE_KEY)) {
        throw new CliError(
            `The inventory in ${source} is encrypted (exported without --show-secrets). Export it with ` +
                "`pulumi stack export --show-secrets --file <file>`; the inventory holds no secret, only what OpenAI shows of each key.",
        );
    }
    const parsed = (isEstate(value) ? EstateInventoryInFile : RecordedInventory).safeParse(value);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CliError(
            `${source} does not hold a recorded inventory: ${where(issue.path)}: ${issue.message}. Give a \`pulumi stack export\` or a file saved with --save-live.`,
        );
    }
    return parsed.data as unknown as RecordedInventoryInFile;
}

/** One inventory found in a stack export: its resource name and what it recorded. */
export interface FoundInventory {
    readonly name: string;
    readonly recorded: RecordedInventoryInFile;
}

/** Every inventory (either kind, either form) in a `pulumi stack export` file, or the one named `resource`. */
export function inventoriesFromStackExport(exported: unknown, resource?: string): FoundInventory[] {
    const resources = (exported as { deployment?: { resources?: unknown } } | null)?.deployment?.resources;
    if (!Array.isArray(resources)) {
        throw new CliError(
            "The state file is not a `pulumi stack export` of a deployed stack (no deployment.resources): run `pulumi up` first, then export.",
        );
    }
    const valid = resources.filter(
        (r): r is { urn: string; type: string; outputs?: unknown } =>
            !!r && typeof r === "object" && typeof r.urn === "string" && typeof r.type === "string",
    );
    if (valid.length !== resources.length)
        throw new CliError(
            "The state file has resources that are not objects with a urn and a type: it is not a `pulumi stack export`.",
        );
    // Either inventory, either form: the dynamic resources of TypeScript programs or the plugin's.
    const types = [...INVENTORY_TYPES, ...ESTATE_INVENTORY_TYPES];
    const found = valid.filter((r) => types.includes(r.type) && (!resource || r.urn.endsWith(`::${resource}`)));
    const named = resource ? ` named ${quoteForTerminal(resource)}` : "";
    if (found.length === 0)
        throw new CliError(
            `No inventory resource${named} in the state file (types ${types.join(", ")}). Add an AdminApiKeyInventory or an ` +
                "OrganizationApiKeyInventory to the program, run `pulumi up`, then export the stack again.",
        );
    return found.map((r) => {
        const name = r.urn.split("::").pop() ?? "";
        return {
            name,
            recorded: validateInventory(
                r.outputs,
                `the inventory resource ${quoteForTerminal(name)} in the state file`,
            ),
        };
    });
}

/**
 * The base URL to send the admin key to. The recorded one is used only when it is OpenAI's own or
 * the operator confirmed it (--base-url / OPENAI_BASE_URL): whoever can write the stack must not be
 * able to receive the CI's admin key by recording a host of their choosing.
 */
export function trustedBaseUrl(recorded: string | undefined, confirmed: string | undefined): string {
    if (confirmed) return confirmed;
    const normalized = recorded?.replace(/\/+$/, "");
    if (normalized === undefined || normalized === DEFAULT_BASE_URL) return DEFAULT_BASE_URL;
    throw new CliError(
        `The recorded inventory names the base URL ${quoteForTerminal(recorded!.slice(0, 200))}, not OpenAI's (${DEFAULT_BASE_URL}). ` +
            "The admin key is sent only to a host you confirm: if that one is right, pass it with --base-url or set OPENAI_BASE_URL.",
    );
}

/** Runs the command; returns the exit code. */
export async function main(
    argv: string[],
    out: (s: string) => void = (s) => process.stdout.write(s),
    err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
    try {
        const args = parseArgs(argv);
        if (args === "help") {
            out(USAGE + "\n");
            return 0;
        }
        const found: FoundInventory[] = args.state
            ? inventoriesFromStackExport(readJson(args.state), args.resource)
            : [{ name: args.inventory!, recorded: validateInventory(readJson(args.inventory!), args.inventory!) }];
        if (args.saveLive && found.length > 1)
            throw new CliError(
                `--save-live saves one listing, and the state file has ${found.length} inventories: pick one with --resource (${found.map((f) => quoteForTerminal(f.name)).join(", ")}).`,
            );
        const live = await liveListings(found, args);
        const reports = found.map((f, i) => ({ resource: f.name, report: compareInventories(f.recorded, live[i]) }));
        if (args.saveLive) fs.writeFileSync(args.saveLive, JSON.stringify(live[0], null, 2) + "\n");
        const text =
            reports.length === 1
                ? args.format === "json"
                    ? renderDriftJson(reports[0].report)
                    : renderDriftMarkdown(reports[0].report)
                : args.format === "json"
                  ? inertJson({ reports: reports.map((r) => ({ resource: r.resource, ...r.report })) }) + "\n"
                  : reports.map((r) => `## ${markdownCode(r.resource)}\n\n${renderDriftMarkdown(r.report)}`).join("\n");
        if (args.out) fs.writeFileSync(args.out, text);
        out(text);
        return reports.some((r) => r.report.hasDrift) ? 2 : 0;
    } catch (e) {
        err(`openai-admin-keys-drift: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
    }
}

/**
 * The live side of each inventory, each as its inventory records it. An estate is listed once for
 * every inventory of the same organization: its admin keys serve an admin key inventory as well.
 */
async function liveListings(
    found: readonly FoundInventory[],
    args: DriftCliArgs,
): Promise<Array<Inventory | EstateInventory>> {
    const estates = new Map<string, Promise<EstateInventory>>();
    const where = (r: RecordedInventoryInFile) => ({
        baseUrl: trustedBaseUrl(r.baseUrl, args.baseUrl ?? process.env.OPENAI_BASE_URL),
        organization: r.organization ?? undefined,
        recentUsageDays: r.recentUsageDays,
        pageSize: args.pageSize,
    });
    const estateOf = (r: RecordedInventoryInFile, includeArchived: boolean) => {
        const w = where(r);
        const id = JSON.stringify([w.baseUrl, w.organization ?? null, w.recentUsageDays ?? null, includeArchived]);
        let listing = estates.get(id);
        if (!listing) estates.set(id, (listing = fetchEstateInventory({ ...w, includeArchived }, CLI_SETTINGS)));
        return listing;
    };
    const out: Array<Inventory | EstateInventory> = [];
    for (const f of found) {
        const r = f.recorded;
        if (isEstate(r)) {
            out.push(await estateOf(r, (r as EstateInventory).includeArchived ?? true));
            continue;
        }
        const w = where(r);
        const estate = [...found].find(
            (e) => isEstate(e.recorded) && JSON.stringify(where(e.recorded)) === JSON.stringify(w),
        );
        if (estate) {
            const e = await estateOf(estate.recorded, (estate.recorded as EstateInventory).includeArchived ?? true);
            out.push({
                baseUrl: e.baseUrl,
                organization: e.organization,
                recentUsageDays: e.recentUsageDays,
                keys: e.adminKeys,
            } as Inventory);
        } else out.push(await fetchInventory(w, CLI_SETTINGS));
    }
    return out;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
