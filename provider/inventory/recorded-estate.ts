/**
 * The estate as the OrganizationApiKeyInventory records it, as schemas: each derived from the
 * listing's own model (`ProjectApiKey`, `Project`, `ProjectServiceAccount`, and the admin keys'
 * `RecordedKey`), so a field added there is recorded, checked when a file is read and declared in
 * the plugin's schema without being written again. Types are inferred beside each schema.
 *
 * Everything is a map keyed by id (projects, their keys, their service accounts), so a new key adds
 * one entry instead of shifting others, and `pulumi preview` names `projects.<id>.apiKeys.<id>.name`.
 * Usage is recorded as for admin keys (see state.ts), so normal use never shows as a change.
 */
import { z } from "zod";
import { ProjectApiKey, ProjectApiKeyOwner } from "../project-api-key";
import { Project } from "../project";
import { ProjectServiceAccount } from "../project-service-account";
import { RecordedKey, RecordedKeyInFile } from "./recorded-key";

const usage = RecordedKey.shape.usage;
const lastUsedAt = RecordedKey.shape.lastUsedAt;

/** One project API key as recorded in the stack. */
export const RecordedProjectApiKey = ProjectApiKey.omit({ lastUsedAt: true })
    .extend({ usage, lastUsedAt })
    .describe(
        "One project API key as recorded in the stack; usage is recorded as for admin keys (`recent` without a timestamp " +
            "within `recentUsageDays`). `ownerProjectAccess: inactive` marks a key whose owner lost access to the project.",
    );
export type RecordedProjectApiKey = z.infer<typeof RecordedProjectApiKey>;

/** One service account as recorded in the stack. */
export const RecordedServiceAccount = ProjectServiceAccount.describe("One project service account as recorded.");
export type RecordedServiceAccount = z.infer<typeof RecordedServiceAccount>;

/** How many of each a project holds. */
export const ProjectCounts = z
    .object({
        apiKeys: z.number().int(),
        serviceAccounts: z.number().int(),
        ownerWithoutAccess: z.number().int(),
    })
    .describe("How many of each the project holds.");
export type ProjectCounts = z.infer<typeof ProjectCounts>;

/** One project as recorded, with its keys and service accounts by id. */
export const RecordedProject = Project.extend({
    apiKeys: z.record(z.string(), RecordedProjectApiKey).describe("Every API key of the project, by id."),
    serviceAccounts: z
        .record(z.string(), RecordedServiceAccount)
        .nullable()
        .describe(
            "Its service accounts by id; null for an archived project, whose service accounts OpenAI does not list.",
        ),
    counts: ProjectCounts,
}).describe("One project as recorded in the stack, with its API keys and service accounts by id.");
export type RecordedProject = z.infer<typeof RecordedProject>;

/** Counts across the estate. */
export const EstateCounts = z
    .object({
        projects: z.number().int(),
        archivedProjects: z.number().int(),
        adminKeys: z.number().int(),
        projectApiKeys: z.number().int(),
        serviceAccounts: z.number().int(),
        ownerWithoutAccess: z.number().int(),
    })
    .describe("Counts per kind across the estate.");
export type EstateCounts = z.infer<typeof EstateCounts>;

/** The recorded estate: the OrganizationApiKeyInventory's checked inputs and outputs. */
export const EstateInventory = z
    .object({
        baseUrl: z.string(),
        organization: z.string().nullable(),
        recentUsageDays: z.number().int(),
        includeArchived: z.boolean(),
        adminKeys: z.record(z.string(), RecordedKey).describe("Every admin key, by id."),
        projects: z.record(z.string(), RecordedProject).describe("Every project, by id."),
        counts: EstateCounts,
        providerVersion: z.string(),
        schemaVersion: z.number().int(),
    })
    .describe("The recorded estate.");
export type EstateInventory = z.infer<typeof EstateInventory>;

/**
 * The same, as a file may hold it (a stack export, a saved listing): fields this version does not
 * know are kept, those it knows are checked.
 */
export const EstateInventoryInFile = EstateInventory.extend({
    adminKeys: z.record(z.string(), RecordedKeyInFile),
    projects: z.record(
        z.string(),
        RecordedProject.extend({
            apiKeys: z.record(z.string(), RecordedProjectApiKey.extend({ owner: ProjectApiKeyOwner.loose() }).loose()),
            serviceAccounts: z.record(z.string(), RecordedServiceAccount.loose()).nullable(),
            counts: ProjectCounts.loose().optional(),
        }).loose(),
    ),
    counts: EstateCounts.loose().optional(),
    includeArchived: z.boolean().optional(),
    recentUsageDays: z.number().int().min(1).max(365).optional(),
    providerVersion: z.string().optional(),
    schemaVersion: z.number().int().optional(),
}).loose();
