// ESLint flat config: typescript-eslint's recommended rules for every TS file,
// plus the project rules: the layers of src/ (which folder may import which)
// and localized user-facing text.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_VSCODE = { name: 'vscode', message: 'Pure modules must not import vscode.' };

/**
 * What each folder of src/ may import from the rest of src/ (besides itself), bottom to top.
 * `context` is src/context.ts (the services every command receives); the entry files
 * (extension.ts, features.ts, featuresLoader.ts, publicApi.ts) are imported by no folder.
 * `pure`: no `vscode` either (unit-tested in plain Node; the webview runs in a browser).
 */
const LAYERS = {
  vendor: { may: [], pure: true },
  giggle: { may: [], pure: true },
  jobs: { may: ['giggle'], pure: true },
  media: { may: ['giggle'], pure: true },
  shared: { may: ['giggle'], pure: true },
  webview: { may: ['giggle', 'shared'], pure: true },
  platform: { may: ['giggle', 'jobs', 'media', 'shared'] },
  submission: { may: ['giggle', 'jobs', 'media', 'shared', 'platform', 'context'] },
  views: { may: ['giggle', 'jobs', 'media', 'shared', 'platform', 'context'] },
  panel: { may: ['giggle', 'jobs', 'media', 'shared', 'platform', 'context', 'submission'] },
  commands: { may: ['giggle', 'jobs', 'media', 'shared', 'platform', 'context', 'submission', 'views', 'panel'] },
};
const TOP_LEVEL = [...Object.keys(LAYERS), 'context', 'extension', 'features', 'featuresLoader', 'publicApi'];

/**
 * TEMPORARY: imports that break the layers today, each allowed for one file only.
 * The integrator deletes these entries once the branches that remove them are merged.
 */
const TEMPORARY_LAYER_EXCEPTIONS = [
];

/** no-restricted-imports for one folder: every other top-level part of src/ it may not import, and `vscode` when it is pure. */
function layerRule(folder, allow = []) {
  const layer = LAYERS[folder];
  const forbidden = TOP_LEVEL.filter((name) => name !== folder && !layer.may.includes(name) && !allow.includes(name));
  const below = layer.may.length ? layer.may.join(', ') : 'nothing else in src/';
  return [
    'error',
    {
      paths: layer.pure ? [NO_VSCODE] : [],
      patterns: [
        {
          regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
          message: `src/${folder}/ may import only ${below} (the layers: CONTRIBUTING.md).`,
        },
      ],
    },
  ];
}

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
    files: ['sim/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE] }] },
  },
  // The layers (CONTRIBUTING.md, "Layers"): each folder of src/ imports only the ones below it.
  ...Object.keys(LAYERS).map((folder) => ({ files: [`src/${folder}/**/*.ts`], rules: { 'no-restricted-imports': layerRule(folder) } })),
  ...TEMPORARY_LAYER_EXCEPTIONS.map(({ file, allow }) => ({ files: [file], rules: { 'no-restricted-imports': layerRule(file.split('/')[1], allow) } })),
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
