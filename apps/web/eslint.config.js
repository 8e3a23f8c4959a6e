const shared = require('@sozialraum/eslint-config');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

module.exports = [
  ...shared,
  { ignores: ['src/generated/**', 'dist/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    // The app does not run the React Compiler: its notice about react-hook-form's watch() does not apply.
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/incompatible-library': 'off' },
  },
  { files: ['e2e/**'], rules: { 'no-console': 'off' } },
];
