// The architecture's import boundaries (docs/architecture.md), checked in every package that uses the shared
// preset. Globs are relative to the package, so each block only applies where its folders exist.
const SERVICES = ['monitoring', 'strategy', 'measures', 'workflows'];

const crossService = {
  regex: `^@sozialraum/(${SERVICES.join('|')})(/|$)|^(\\.\\./)+(services/)?(${SERVICES.join('|')})/src(/|$)`,
  message: "A service does not import another service's source: call its HTTP API (typed client) or its Temporal activities.",
};

const workflowCode = {
  // Temporal replays workflow code in a sandbox: anything with I/O, clocks of its own or randomness breaks replay.
  files: ['src/workflows/**/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(?!@temporalio/workflow$|@sozialraum/contracts(/browser)?$|\\.{1,2}/)',
            message: 'Workflow code must stay deterministic: it imports only @temporalio/workflow, @sozialraum/contracts and its own files.',
          },
          {
            regex: '^\\.\\./',
            allowTypeImports: true,
            message: 'Workflow code imports only its own files; from the rest of the package (activities, worker) it may import types.',
          },
        ],
      },
    ],
  },
};

const ownSourceOnly = {
  // Services talk through their HTTP APIs and Temporal, never through each other's code (tests may start one).
  files: ['src/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [crossService] }],
  },
};

const routesCallUseCases = {
  // http/ is thin: it reads the request and calls use cases; repositories are the use cases' business.
  files: ['src/http/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^\\.\\./data(/|$)',
            message: 'Routes call use cases only; they do not import repositories (data/).',
          },
          crossService,
        ],
      },
    ],
  },
};

const noQueueLibrary = {
  // Use cases and the domain queue jobs through the service's port (domain/ports/); BullMQ stays in its adapter (jobs/).
  files: ['src/domain/**/*.ts', 'src/use-cases/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'bullmq', message: "Use cases know nothing of BullMQ: take the service's job-queue port (domain/ports/), the adapter lives in jobs/." }],
        patterns: [crossService],
      },
    ],
  },
};

module.exports = [workflowCode, ownSourceOnly, routesCallUseCases, noQueueLibrary];
