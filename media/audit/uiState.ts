/** The audit-trail page's UI state (AuditUiState): saved state made valid field by field (the kit's StateStore restores and saves it). */
import type { AuditUiState } from '../../src/protocol/audit';
import { savedObject } from '../shared/stateStore';

/** The longest search or kind text kept (the host refuses longer ones too). */
export const MAX_TEXT = 200;

export function sanitize(saved: unknown): AuditUiState {
  const o = savedObject(saved) ?? {};
  const sort = savedObject(o.sort);
  return {
    search: typeof o.search === 'string' ? o.search.slice(0, MAX_TEXT) : '',
    kind: typeof o.kind === 'string' ? o.kind.slice(0, MAX_TEXT) : '',
    sort:
      sort && typeof sort.key === 'string' && typeof sort.descending === 'boolean' ? { key: sort.key, descending: sort.descending } : null,
  };
}
