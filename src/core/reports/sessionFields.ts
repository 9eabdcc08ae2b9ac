/**
 * How the Session details card shows the documented columns of a session report: a label for
 * people, and the value with its unit where the report has one (durations as "48 min", latency in
 * ms, bandwidth in Mbps, storage in MB…). The column's own name and the raw value stay beside
 * them. Units are the ones Frame's reports use (see SessionRecord); the video bitrate's unit is not
 * stated anywhere, so none is added. `starttime` is shown as written: Frame does not state its
 * time zone, and this says so rather than guessing one.
 */
import * as l10n from '@vscode/l10n';
import { formatDuration } from '../format';

interface FieldSpec {
  /** The label for people (a function: the strings are read once the display language is configured). */
  label: () => string;
  /** The number with its unit (numbers are grouped: 1,234.5). */
  withUnit?: (text: string) => string;
  /** Fraction digits kept at most. */
  digits?: number;
  kind?: 'duration' | 'start' | 'number';
}

const FIELDS: Record<string, FieldSpec> = {
  username: { label: () => l10n.t('User') },
  application: { label: () => l10n.t('Application') },
  geo_distance: {
    label: () => l10n.t('Distance to the datacenter'),
    withUnit: (n) => l10n.t('{0} km', n),
    digits: 0,
    kind: 'number',
  },
  city: { label: () => l10n.t('City') },
  starttime: { label: () => l10n.t('Start'), kind: 'start' },
  session_duration: { label: () => l10n.t('Duration'), kind: 'duration' },
  state: { label: () => l10n.t('State') },
  avg_bandwidth: { label: () => l10n.t('Average bandwidth'), withUnit: (n) => l10n.t('{0} Mbps', n), digits: 2, kind: 'number' },
  avg_latency: { label: () => l10n.t('Average latency'), withUnit: (n) => l10n.t('{0} ms', n), digits: 0, kind: 'number' },
  avg_video_bitrate: { label: () => l10n.t('Average video bitrate (unit not stated)'), digits: 2, kind: 'number' },
  avg_framerate: { label: () => l10n.t('Average frame rate'), withUnit: (n) => l10n.t('{0} fps', n), digits: 1, kind: 'number' },
  resolution: { label: () => l10n.t('Resolution') },
  user_agent: { label: () => l10n.t('User agent') },
  remote_ip: { label: () => l10n.t('Remote IP address') },
  system_type: { label: () => l10n.t('Instance type') },
  session_type: { label: () => l10n.t('Session type') },
  additional_apps: { label: () => l10n.t('Additional applications') },
  user_data: { label: () => l10n.t('User data') },
  account_email: { label: () => l10n.t('Account email') },
  account_name: { label: () => l10n.t('Account name') },
  account_id: { label: () => l10n.t('Account ID') },
  region: { label: () => l10n.t('Region') },
  country: { label: () => l10n.t('Country') },
  'session id': { label: () => l10n.t('Session ID') },
  'storage used': { label: () => l10n.t('Storage used'), withUnit: (n) => l10n.t('{0} MB', n), digits: 1, kind: 'number' },
};

export interface ShownField {
  /** For people: "Duration". */
  label: string;
  /** Readable, with its unit: "48 min", "35 ms"; '' when the report has nothing there. */
  shown: string;
}

/** The label and readable value of one column of a session (a column this module does not know: as received). */
export function showSessionField(column: string, raw: string): ShownField {
  const spec = FIELDS[column];
  if (!spec) return { label: column, shown: raw };
  const label = spec.label();
  const value = raw.trim();
  if (!value) return { label, shown: '' };
  switch (spec.kind) {
    case 'duration': {
      const seconds = Number(value);
      return { label, shown: Number.isFinite(seconds) ? formatDuration(seconds) : value };
    }
    case 'start':
      return { label, shown: l10n.t('{0} (time zone as Frame leaves it: unstated)', value) };
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n)) return { label, shown: value };
      const text = n.toLocaleString('en-US', { maximumFractionDigits: spec.digits ?? 2 });
      return { label, shown: spec.withUnit ? spec.withUnit(text) : text };
    }
    default:
      return { label, shown: value };
  }
}
