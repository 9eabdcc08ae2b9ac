/**
 * The session report CSV (monthly `sessions` zips and `recent_sessions`): 25 documented columns,
 * two of them with spaces in their names. Shared by the parser, the aggregations and the simulator.
 */
export const SESSION_COLUMNS = [
  'username',
  'application',
  'geo_distance',
  'city',
  'starttime',
  'session_duration',
  'state',
  'avg_bandwidth',
  'avg_latency',
  'avg_video_bitrate',
  'avg_framerate',
  'resolution',
  'user_agent',
  'remote_ip',
  'system_type',
  'session_type',
  'additional_apps',
  'user_data',
  'account_email',
  'account_name',
  'account_id',
  'region',
  'country',
  'session id',
  'storage used',
] as const;

export type SessionColumn = (typeof SESSION_COLUMNS)[number];

/**
 * One session, typed. Numbers that are empty or unparsable in the CSV are `null` (never NaN);
 * text columns missing from a row are ''.
 */
export interface SessionRecord {
  username: string;
  application: string;
  /** Distance between the user and the datacenter, as reported (km). */
  geoDistance: number | null;
  city: string;
  /** Session start, epoch milliseconds (UTC). */
  startTime: number | null;
  /** Session length in seconds. */
  durationSeconds: number | null;
  state: string;
  /** Average bandwidth as reported (Mbps). */
  avgBandwidth: number | null;
  /** Average round-trip latency (ms). */
  avgLatency: number | null;
  avgVideoBitrate: number | null;
  /** Average frames per second. */
  avgFramerate: number | null;
  resolution: string;
  userAgent: string;
  remoteIp: string;
  systemType: string;
  sessionType: string;
  additionalApps: string;
  userData: string;
  accountEmail: string;
  accountName: string;
  accountId: string;
  region: string;
  country: string;
  sessionId: string;
  /** Storage used as reported (MB). */
  storageUsed: number | null;
}
