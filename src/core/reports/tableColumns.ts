/**
 * Columns of the sessions table in the reports view (shared by the host's table and the webview). The
 * titles here are the English ones; what people read is `tableColumnTitle(id)` (below).
 */
import * as l10n from '@vscode/l10n';

export const TABLE_COLUMNS = [
  { id: 'start', title: 'Start (UTC)', numeric: true },
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

/**
 * A column's title in the display language (TABLE_COLUMNS keeps the English ones: a table built at
 * module load would be read before the page's strings are configured).
 */
export function tableColumnTitle(id: TableColumn): string {
  switch (id) {
    case 'start':
      return l10n.t('Start (UTC)');
    case 'user':
      return l10n.t('User');
    case 'application':
      return l10n.t('Application');
    case 'duration':
      return l10n.t('Duration');
    case 'country':
      return l10n.t('Country');
    case 'city':
      return l10n.t('City');
    case 'latency':
      return l10n.t('Latency (ms)');
    case 'bandwidth':
      return l10n.t('Bandwidth (Mbps)');
    case 'framerate':
      return l10n.t('Frame rate (fps)');
    case 'state':
      return l10n.t('State');
  }
}

/** One table row, in TABLE_COLUMNS order: start is epoch ms (UTC), duration seconds; null when unknown. */
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
