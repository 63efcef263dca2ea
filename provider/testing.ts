/**
 * Testing entry point (`pulumi-openai-admin-keys/testing`): the fake Admin API and its seed data,
 * for your own tests of programs and policies that use this package.
 */
export { FakeAdminApi } from "./testing/fake-admin-api";
export type { Fault, FaultKind, FakeAdminApiOptions, RateLimit, RequestRecord } from "./testing/fake-admin-api";
export { seedKeys, prng } from "./testing/seed";
export type { SeedOptions } from "./testing/seed";
export { seedEstate } from "./testing/seed-estate";
export type { EstateSeedOptions, FakeProject } from "./testing/seed-estate";
export { FakeEstate } from "./testing/fake-estate";
