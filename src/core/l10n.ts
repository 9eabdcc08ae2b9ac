/**
 * Localization below the `vscode` API. Core, the workers and the webviews write their strings as
 * `l10n.t('…', args)` with `@vscode/l10n` (placeholders {0}, {1}); the extension host gives each
 * bundle (dist/extension.js, engine.js, requestEngine.js, each worker, each webview) the strings of
 * the display language, which VS Code hands the extension as `vscode.l10n.bundle` (undefined in
 * English: the strings in the code are the English ones). `npm run l10n` writes l10n/bundle.l10n.json
 * from every `l10n.t` call of src/ and media/.
 */
import * as l10n from '@vscode/l10n';

/** The translated strings of the display language, as `vscode.l10n.bundle` gives them. */
export type L10nBundle = Record<string, string>;

let current: L10nBundle | undefined;

/**
 * Makes this bundle's `l10n.t` translate with `contents`; undefined (English: the strings in the
 * code) also undoes an earlier bundle, for tests that switch languages.
 */
export function useL10nBundle(contents: L10nBundle | undefined): void {
  current = contents && Object.keys(contents).length > 0 ? contents : undefined;
  l10n.config({ contents: current ?? {} });
}

/** The strings this bundle translates with (undefined in English), to hand on to its worker threads. */
export function currentL10nBundle(): L10nBundle | undefined {
  return current;
}
