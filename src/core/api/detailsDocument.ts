/**
 * "Show Details": an entity's JSON as Frame returned it, as a read-only JSON-with-comments
 * document. Each section is labelled (a comment with the request it came from and whether Frame
 * documents its shape), and a section that could not be read holds `{"error": "…"}` with a note,
 * so one failing request never hides the others.
 */
import * as l10n from '@vscode/l10n';
import { formatUtcTime } from '../time';
import { jsonText } from './loose';

export interface DetailsSection {
  /** The JSON key, e.g. "account", "availability_zones". */
  key: string;
  /** What it is and where it came from, e.g. "GET /accounts/{id}/availability_zones: availability zones". */
  label: string;
  /** Frame documents the fields of this response. */
  documented: boolean;
  value?: unknown;
  /** Why it could not be read (a message for people). */
  error?: string;
}

/** The document text: a heading comment, then one labelled member per section. */
export function detailsDocument(title: string, sections: readonly DetailsSection[], when = new Date()): string {
  const lines = [
    comment(l10n.t('{0}, as the Frame Admin API returned it on {1}.', title, formatUtcTime(when.getTime()))),
    comment(l10n.t('Read-only. Shapes Frame does not document are shown exactly as received.')),
    '{',
  ];
  sections.forEach((s, i) => {
    const label = s.error
      ? l10n.t('{0} (could not be read: {1})', s.label, s.error)
      : s.documented
        ? l10n.t('{0} (fields documented by Frame)', s.label)
        : l10n.t('{0} (shape not documented by Frame: shown as received)', s.label);
    lines.push(`  ${comment(label)}`);
    const value = s.error !== undefined ? { error: s.error } : s.value;
    const body = jsonText(value === undefined ? null : value).replace(/\n/g, '\n  ');
    lines.push(`  ${JSON.stringify(s.key)}: ${body}${i < sections.length - 1 ? ',' : ''}`);
  });
  lines.push('}', '');
  return lines.join('\n');
}

/** A `//` comment on one line (line breaks in data folded). */
function comment(text: string): string {
  return `// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}
