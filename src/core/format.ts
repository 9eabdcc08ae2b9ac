/** Formatting shared by messages on the host and the webview (through src/protocol). No imports but the strings' own. */
import * as l10n from '@vscode/l10n';

/** Seconds as "45 s", "12 min", "1 h 12 min", "2 d 3 h"; a dash when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return l10n.t('{0} s', s);
  const m = Math.round(s / 60);
  if (m < 60) return l10n.t('{0} min', m);
  const hours = Math.floor(m / 60);
  if (hours < 48) return m % 60 ? l10n.t('{0} h {1} min', hours, m % 60) : l10n.t('{0} h', hours);
  const d = Math.floor(hours / 24);
  return hours % 24 ? l10n.t('{0} d {1} h', d, hours % 24) : l10n.t('{0} d', d);
}
