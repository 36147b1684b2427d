// ESLint flat config: typescript-eslint's recommended rules for every TS file,
// plus the two project rules that keep the layering honest.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.vscode-test/', 'test-results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  {
    // Pure logic never imports `vscode`: it is unit-tested in plain Node.
    files: ['src/giggle/**/*.ts', 'src/jobs/**/*.ts', 'src/shared/**/*.ts', 'sim/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Pure modules must not import vscode.' }] }],
    },
  },
  {
    // Localization (test/unit/l10n.test.ts checks both languages have every string):
    // user-facing text goes through l10n.t with a literal the extractor can read.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^show(Information|Warning|Error)Message$/] > :matches(Literal, TemplateLiteral)',
          message: 'Notification text and buttons are user-facing: wrap them in l10n.t.',
        },
        {
          selector: 'CallExpression[callee.property.name="t"] > :matches(TemplateLiteral, BinaryExpression, Identifier).arguments:first-child',
          message: 'l10n.t needs a string literal with {0} placeholders: the string extractor skips anything else.',
        },
        {
          selector: 'Property[key.name=/^(title|placeholder|placeHolder|prompt|tooltip|label|detail|validationMessage)$/] > Literal[value=/[A-Za-z]{3}/]',
          message: 'Quick input and tree text is user-facing: wrap it in l10n.t.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
