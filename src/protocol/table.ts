/**
 * What every virtualized table of a panel asks its host for: a page of rows in the current sort
 * (and the panel's own filters). The webview's table (media/shared/virtualTable.ts) is written
 * against these; each panel's protocol names its row type.
 */

/** A column and a direction (a panel with its own sort shape maps it to this one). */
export interface ColumnSort {
  key: string;
  descending: boolean;
}

/** A page of rows from `offset`, and how many rows match in all. */
export interface TablePage<Row> {
  total: number;
  offset: number;
  rows: Row[];
}
