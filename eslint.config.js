// ESLint: typescript-eslint's recommended rules, with Prettier owning the layout. The size limits
// keep modules and functions small enough to read at once (see the README's design section).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    // src/reader/sanitize.ts configures DOMPurify's default instance as one of its purifiers: a
    // second user of that instance would share (or change) its allow-list and hooks.
    files: ['src/**'],
    ignores: ['src/reader/sanitize.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'dompurify', message: 'Sanitise through src/reader/sanitize.ts.' }] }],
    },
  },
  {
    // Tests are read scenario by scenario: a describe block may hold many.
    files: ['**/*.test.{ts,tsx}', 'tests/**'],
    rules: { 'max-lines-per-function': 'off', 'max-lines': ['error', { max: 600 }] },
  },
);
