// Lint: typescript-eslint's recommended rules, plus the layers of ARCHITECTURE.md, enforced by path:
//   src/core        imports nothing outside src/core, never 'vscode'
//   src/contract    (commands, views, context values of package.json) imports nothing, never 'vscode'
//   src/protocol    imports only src/core, never 'vscode' (the webview bundles it)
//   media/          imports only src/protocol (and npm packages), never 'vscode'; media/shared (the webview
//                   kit) imports no panel's folder, and a panel's folder (media/audit, media/reports) only
//                   the kit and itself, never another panel's
//   src/connections imports only src/core and src/lazyEngine (besides itself)
//   src/ui          imports only src/core, src/contract, src/protocol and src/connections
//   src/views       never imports src/commands, src/reports, src/audit; src/commands may use src/views' index only
//   (test/unit/layers.test.ts checks every import of src/ against the layers, and that there is no circle)
//   the reports and audit-trail panels' logic (controller, request checks) and the panels' page
//   builder (src/ui/webviewHtml.ts) never import 'vscode'
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const VSCODE = { name: 'vscode', message: 'This layer must stay free of the vscode API (ARCHITECTURE.md: layers).' };

/** `no-restricted-imports` with 'vscode' banned and relative imports matching `regex` refused. */
function layer(message, ...regexes) {
  return refuse(...regexes.map((regex) => [regex, message]));
}

/** `no-restricted-imports` with 'vscode' banned and each [regex, message] refused. */
function refuse(...rules) {
  return {
    'no-restricted-imports': ['error', { paths: [VSCODE], patterns: rules.map(([regex, message]) => ({ regex, message })) }],
  };
}

const OUT_OF_CORE = 'src/core imports nothing outside src/core (ARCHITECTURE.md: layers).';
const PROTOCOL_ONLY = 'The webview (media/) imports only src/protocol (ARCHITECTURE.md: layers).';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  // One level of relative imports per folder depth: `../` out of src/core/x.ts leaves core.
  { files: ['src/core/*.ts'], rules: layer(OUT_OF_CORE, '^\\.\\./') },
  { files: ['src/core/*/*.ts'], rules: layer(OUT_OF_CORE, '^\\.\\./\\.\\./') },
  { files: ['src/core/*/*/*.ts'], rules: layer(OUT_OF_CORE, '^\\.\\./\\.\\./\\.\\./') },
  { files: ['src/contract/*.ts'], rules: layer('src/contract is the ground floor: it imports nothing.', '^\\.\\./') },
  { files: ['src/protocol/**/*.ts'], rules: layer('src/protocol imports only src/core.', '^\\.\\./(?!core/)') },
  { files: ['media/*.ts'], rules: layer(PROTOCOL_ONLY, '^\\.\\./(?!src/protocol/)') },
  {
    files: ['media/shared/*.ts'],
    rules: refuse(
      ['^\\.\\./\\.\\./(?!src/protocol/)', PROTOCOL_ONLY],
      ['^\\.\\./(?!\\.\\./)', 'The webview kit (media/shared) imports no panel: it is what every panel builds on.'],
    ),
  },
  {
    files: ['media/*/*.ts'],
    ignores: ['media/shared/*.ts'],
    rules: refuse(
      ['^\\.\\./\\.\\./(?!src/protocol/)', PROTOCOL_ONLY],
      ['^\\.\\./(?!shared/|\\.\\./)', "A panel's webview imports only the kit (media/shared) and its own folder, never another panel's."],
    ),
  },
  {
    files: ['src/reports/reportsController.ts', 'src/reports/reportsRequests.ts'],
    rules: layer('The reports panel logic is vscode-free (the panel adapter is reportsPanel.ts).', '^\\.\\./(views|commands|ui)/'),
  },
  {
    files: ['src/audit/auditController.ts', 'src/audit/auditRequests.ts'],
    rules: layer(
      'The audit-trail panel logic is vscode-free (the panel adapter is auditPanel.ts).',
      '^\\.\\./(views|commands|ui|reports)/',
    ),
  },
  {
    files: ['src/connections/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^\\.\\./(?!core/|lazyEngine$)', message: 'src/connections imports only src/core (and the engine loader).' }],
        },
      ],
    },
  },
  {
    files: ['src/ui/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!core/|contract$|protocol/|connections/)',
              message: 'src/ui imports only src/core, src/contract, src/protocol and src/connections.',
            },
          ],
        },
      ],
    },
  },
  {
    // After the src/ui rule, which it replaces for this file (flat config: the last rule of a name wins).
    files: ['src/ui/webviewHtml.ts'],
    rules: layer(
      "The panels' page builder is vscode-free (bare-Node tested; the adapter is panelPage.ts).",
      '^\\.\\./(?!core/|contract$|protocol/|connections/)',
    ),
  },
  {
    files: ['src/views/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(commands/|reports/|audit/|extension$|engine$)',
              message: 'Views use src/contract for command ids, never the commands, the panels or the engine.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/commands/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./views/', message: "Commands use the views' index (../views), not their internals." }] },
      ],
    },
  },
  // Formatting is prettier's job (npm run format); no lint rule argues with it.
  prettier,
);
