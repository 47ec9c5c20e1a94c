// Tests that generate data use the engine's own seeded generator (mulberry32): the same
// sequence for the same seed, every run. (scripts/seededRandom.mjs is the same for the scripts.)
export { seededRandom } from '../../src/core/seededRandom';
