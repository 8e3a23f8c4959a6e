// Shared Jest preset. The repo compiles to CommonJS; `jose` and node-pg-migrate ship ESM only, so Jest
// (which cannot require ESM) transpiles jose. Migrations run as their own process, never inside Jest.
// See docs/module-system.md.
const esmOnly = ['jose'];

module.exports = {
  testEnvironment: 'node',
  setupFiles: [require.resolve('./test-env.js')],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 60_000,
  verbose: true,
};
