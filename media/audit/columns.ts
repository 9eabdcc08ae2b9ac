/** The audit table's columns: the fields the host found in the entries, as wide as what they usually hold. */
import type { AuditColumnInfo, AuditRow } from '../../src/protocol/audit';
import type { ColumnWidth } from '../shared/columnLayout';
import type { ColumnSpec } from '../shared/virtualTable';

const WIDTHS: Record<string, ColumnWidth> = {
  Description: { min: 260, grow: 2.6 },
  User: { min: 140, grow: 1 },
  Email: { min: 180, grow: 1 },
  Kind: { min: 150, grow: 1 },
};
const OTHER: ColumnWidth = { min: 110, grow: 0.8 };

export function auditColumns(columns: readonly AuditColumnInfo[]): ColumnSpec<AuditRow>[] {
  return columns.map((c, k) => ({
    key: c.key,
    title: c.title,
    // Times sort newest first when first clicked.
    descendingFirst: c.time,
    width: c.time ? { px: 180 } : (WIDTHS[c.title] ?? OTHER),
    text: (row) => row.cells[k] ?? '',
    tooltip: (row) => row.tips?.[k] ?? undefined,
  }));
}
