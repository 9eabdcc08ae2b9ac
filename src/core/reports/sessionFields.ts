/**
 * How the Session details card shows the documented columns of a session report: a label for
 * people, and the value with its unit where the report has one (durations as "48 min", latency in
 * ms, bandwidth in Mbps, storage in MB…). The column's own name and the raw value stay beside
 * them. Units are the ones Frame's reports use (see SessionRecord); the video bitrate's unit is not
 * stated anywhere, so none is added. `starttime` is shown as written: Frame does not state its
 * time zone, and this says so rather than guessing one.
 */
import { formatDuration } from '../format';

interface FieldSpec {
  label: string;
  /** A unit after the number (numbers are grouped: 1,234.5). */
  unit?: string;
  /** Fraction digits kept at most. */
  digits?: number;
  kind?: 'duration' | 'start' | 'number';
}

const FIELDS: Record<string, FieldSpec> = {
  username: { label: 'User' },
  application: { label: 'Application' },
  geo_distance: { label: 'Distance to the datacenter', unit: 'km', digits: 0, kind: 'number' },
  city: { label: 'City' },
  starttime: { label: 'Start', kind: 'start' },
  session_duration: { label: 'Duration', kind: 'duration' },
  state: { label: 'State' },
  avg_bandwidth: { label: 'Average bandwidth', unit: 'Mbps', digits: 2, kind: 'number' },
  avg_latency: { label: 'Average latency', unit: 'ms', digits: 0, kind: 'number' },
  avg_video_bitrate: { label: 'Average video bitrate (unit not stated)', digits: 2, kind: 'number' },
  avg_framerate: { label: 'Average frame rate', unit: 'fps', digits: 1, kind: 'number' },
  resolution: { label: 'Resolution' },
  user_agent: { label: 'User agent' },
  remote_ip: { label: 'Remote IP address' },
  system_type: { label: 'Instance type' },
  session_type: { label: 'Session type' },
  additional_apps: { label: 'Additional applications' },
  user_data: { label: 'User data' },
  account_email: { label: 'Account email' },
  account_name: { label: 'Account name' },
  account_id: { label: 'Account ID' },
  region: { label: 'Region' },
  country: { label: 'Country' },
  'session id': { label: 'Session ID' },
  'storage used': { label: 'Storage used', unit: 'MB', digits: 1, kind: 'number' },
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
  const value = raw.trim();
  if (!value) return { label: spec.label, shown: '' };
  switch (spec.kind) {
    case 'duration': {
      const seconds = Number(value);
      return { label: spec.label, shown: Number.isFinite(seconds) ? formatDuration(seconds) : value };
    }
    case 'start':
      return { label: spec.label, shown: `${value} (time zone as Frame leaves it: unstated)` };
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n)) return { label: spec.label, shown: value };
      const text = n.toLocaleString('en-US', { maximumFractionDigits: spec.digits ?? 2 });
      return { label: spec.label, shown: spec.unit ? `${text} ${spec.unit}` : text };
    }
    default:
      return { label: spec.label, shown: value };
  }
}
