/**
 * Columns of the sessions table in the reports view (shared by the host's table and the webview). The
 * titles here are the English ones; the webview shows translated ones (media/reports/sessionsTable.ts).
 */
export const TABLE_COLUMNS = [
  { id: 'start', title: 'Start (report clock)', numeric: true },
  { id: 'user', title: 'User', numeric: false },
  { id: 'application', title: 'Application', numeric: false },
  { id: 'duration', title: 'Duration', numeric: true },
  { id: 'country', title: 'Country', numeric: false },
  { id: 'city', title: 'City', numeric: false },
  { id: 'latency', title: 'Latency (ms)', numeric: true },
  { id: 'bandwidth', title: 'Bandwidth (Mbps)', numeric: true },
  { id: 'framerate', title: 'Frame rate (fps)', numeric: true },
  { id: 'state', title: 'State', numeric: false },
] as const;

export type TableColumn = (typeof TABLE_COLUMNS)[number]['id'];

/** One table row, in TABLE_COLUMNS order: start is epoch ms (the report's clock read as UTC), duration seconds; null when unknown. */
export type TableRow = [
  start: number | null,
  user: string,
  application: string,
  duration: number | null,
  country: string,
  city: string,
  latency: number | null,
  bandwidth: number | null,
  framerate: number | null,
  state: string,
];

export interface TableSort {
  column: TableColumn;
  descending: boolean;
}
