// Shared flat ESLint config: recommended + type-aware TypeScript rules for every package.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const boundaries = require('./boundaries');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'src/generated/**', 'coverage/**', '*.config.js', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    // Plain CommonJS scripts (test fixtures that run as their own process, config files).
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  ...boundaries,
);
