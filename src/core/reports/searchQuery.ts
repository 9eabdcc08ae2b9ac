/**
 * What "Frame: Search Sessions…" searches for, read from the search box: a field prefix
 * ("ip:10.2", "user: ana") or any field. Small and dependency-free: the command reads queries
 * at activation's side, the search itself lives in the engine (sessionSearch.ts).
 */
import * as l10n from '@vscode/l10n';

export const SEARCH_FIELDS = ['any', 'user', 'ip', 'application', 'sessionId', 'country'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type MatchedField = Exclude<SearchField, 'any'>;

/** What a search box may start with to search one field only. */
export const FIELD_PREFIXES: Readonly<Record<string, MatchedField>> = {
  user: 'user',
  ip: 'ip',
  app: 'application',
  application: 'application',
  id: 'sessionId',
  session: 'sessionId',
  country: 'country',
};

/** A search field for people (a function: the strings are read once the display language is configured). */
export function fieldLabel(field: SearchField): string {
  switch (field) {
    case 'any':
      return l10n.t('any field');
    case 'user':
      return l10n.t('user');
    case 'ip':
      return l10n.t('remote IP');
    case 'application':
      return l10n.t('application');
    case 'sessionId':
      return l10n.t('session id');
    case 'country':
      return l10n.t('country');
  }
}

export interface SearchQuery {
  field: SearchField;
  /** The text searched for, trimmed. */
  text: string;
}

/** "ip:10.2" → the remote IP field; anything without a known prefix searches every field. */
export function parseSearchQuery(input: string): SearchQuery {
  const text = input.trim();
  const m = /^([a-z]+):\s*(.*)$/i.exec(text);
  const field = m ? FIELD_PREFIXES[m[1]!.toLowerCase()] : undefined;
  return field ? { field, text: m![2]!.trim() } : { field: 'any', text };
}

/** Text that looks like the start of an IP address ("10.2", "10.20.3.4", "2001:db8"). */
export function looksLikeIp(text: string): boolean {
  return /^\d{1,3}\.[\d.]*$/.test(text) || /^[0-9a-f]{1,4}:[0-9a-f:]*$/i.test(text);
}

/** Text that looks like a session id: 8 or more letters, digits or dashes, with a digit. */
export function looksLikeSessionId(text: string): boolean {
  return /^[0-9a-z-]{8,}$/i.test(text) && /\d/.test(text);
}

/** A session's start on the report's own clock ("2026-11-23 14:05"), as the panel reads it. */
export function reportClock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
