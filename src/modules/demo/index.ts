export { type SeedOptions, type SeedResult, seedDemoWorkspace } from './seed-demo-workspace';
