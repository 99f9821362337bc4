// Test support, kept out of the production entry point (`@edgefl/secagg/testing`, a workspace path only:
// not in package.json `exports`, so never built or published). Tests inside this lib import the files directly.
export { fromHex, patternBytes, toHex } from './testing/test-bytes';
export { createTestCohort, runUntilUnmask, sessionOf, signAllSurvivors, type TestCohort } from './testing/test-cohort';
export { LyingServerRound, type CoordinatorLies } from './testing/test-lying-server';
export { planDropoutLies, type DropoutLiePlanInput } from './testing/test-attack-plan';
