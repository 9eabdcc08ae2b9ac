/**
 * How a webview page gets the display language's strings: the host writes them into the page
 * (src/ui/webviewHtml.ts) as JSON in a data element (`<script type="application/json">`, never
 * run), and the page reads them with the first module it imports (media/shared/l10n.ts), before
 * anything renders. `bundle` is `vscode.l10n.bundle` (absent in English: the strings in the code
 * are the English ones); `language` is `vscode.env.language` (the page's `lang`).
 */
export { useL10nBundle, type L10nBundle } from '../core/l10n';
import type { L10nBundle } from '../core/l10n';

/** The id of the page's data element. */
export const PAGE_L10N_ID = 'frame-l10n';

export interface PageL10n {
  language: string;
  bundle?: L10nBundle;
}

/**
 * What the page's data element holds: the strings as JSON, with every character that could close
 * the element or start markup escaped (`<`, `>`, `&`, and the line separators), so translated
 * text can never become HTML.
 */
export function pageL10nJson(l10n: PageL10n): string {
  return JSON.stringify(l10n).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The data element's text read back; anything malformed is no bundle (the page shows English). */
export function parsePageL10n(text: string | null | undefined): PageL10n | undefined {
  if (!text) return undefined;
  try {
    const o = JSON.parse(text) as unknown;
    if (!o || typeof o !== 'object') return undefined;
    const { language, bundle } = o as { language?: unknown; bundle?: unknown };
    const strings =
      bundle && typeof bundle === 'object' && !Array.isArray(bundle)
        ? Object.fromEntries(Object.entries(bundle).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : undefined;
    return { language: typeof language === 'string' ? language : 'en', ...(strings ? { bundle: strings } : {}) };
  } catch {
    return undefined;
  }
}
