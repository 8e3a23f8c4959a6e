// The workflows this worker runs. Workflow code is bundled and replayed deterministically by Temporal:
// it imports only @temporalio/workflow (and the shared contracts) and `import type`s its activities.
export { strategyCycle } from './strategy-cycle';
