/**
 * The audit-trail page: Frame's `search` and `kind` filters, the table of loaded entries (paged
 * from Frame as its API pages, more as you scroll), the selected entry's JSON as received, and
 * Export CSV. Every value is text; colours come from the theme.
 */
import type { AuditLoadResult, AuditPanelState, AuditSort, AuditUiState } from '../../src/protocol/audit';
import { toRpcError, isCancelledRpc } from '../../src/protocol/rpc';
import { textField } from '../reports/controls';
import { h, replace, setText } from '../reports/dom';
import { formatInt } from '../reports/format';
import { LoadLifecycle } from '../reports/loadLifecycle';
import { markForTests } from '../reports/testSeam';
import type { VsCodeApi } from '../reports/vscodeApi';
import { button, emptyState, errorBanner, firstRequest, ProgressView, setDisabled } from '../reports/widgets';
import { AuditTable } from './auditTable';
import type { AuditRpc } from './rpc';

const MAX_TEXT = 200;

/** Saved state, checked field by field (another version may have written it). */
function sanitize(v: unknown): AuditUiState {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const sort = o.sort && typeof o.sort === 'object' ? (o.sort as Record<string, unknown>) : undefined;
  return {
    search: typeof o.search === 'string' ? o.search.slice(0, MAX_TEXT) : '',
    kind: typeof o.kind === 'string' ? o.kind.slice(0, MAX_TEXT) : '',
    sort:
      sort && typeof sort.key === 'string' && typeof sort.descending === 'boolean' ? { key: sort.key, descending: sort.descending } : null,
  };
}

export async function start(root: HTMLElement, api: VsCodeApi, rpc: AuditRpc): Promise<void> {
  const init = await firstRequest(
    root,
    emptyState('audit-loading', 'Loading the audit trail…', 'Reading the first page of entries from Frame.'),
    () => rpc.request('init', null),
    () => void start(root, api, rpc),
  );
  if (!init) return;
  const local = (api.getState() as { ui?: unknown } | undefined)?.ui;
  const ui = sanitize(local ?? init.ui);
  const save = () => {
    const state: AuditPanelState = { ...init.panel, ui };
    api.setState(state);
    void rpc.request('saveState', ui).catch(() => undefined);
  };

  const { scope } = init.panel;
  const banner = h('div', { class: 'banner-slot' });
  const tableBanner = h('div', { class: 'banner-slot' });
  const count = h('span', { class: 'table-count', 'data-testid': 'audit-count', 'aria-live': 'polite' });
  const progress = new ProgressView('audit-progress', () => void rpc.request('cancel', null).catch(() => undefined));
  const search = textField('User, email, identity provider or kind', ui.search, () => undefined, 'audit-search', 'Search');
  const kind = textField('e.g. launchpad', ui.kind, () => undefined, 'audit-kind', 'Kind (wildcard)');
  const apply = button('Search', () => void load(), { testId: 'audit-apply', title: 'Ask Frame for the entries matching these filters' });
  const exportButton = button('Export CSV', () => void exportCsv(), {
    secondary: true,
    testId: 'audit-export',
    title: 'Open the loaded entries as CSV in an editor tab',
  });
  const moreButton = button('Load more', () => void more(), {
    secondary: true,
    testId: 'audit-more',
    title: 'Ask Frame for the next page of entries',
  });
  const entryTitle = h('h3', { 'data-testid': 'audit-entry-title' }, 'Entry');
  const entryJson = h('pre', { class: 'audit-json', 'data-testid': 'audit-entry-json', tabindex: 0 });
  let selected: number | undefined;
  const openButton = button(
    'Open in Editor',
    () => selected !== undefined && void rpc.request('openEntry', { n: selected }).catch(() => undefined),
    {
      secondary: true,
      testId: 'audit-entry-open',
    },
  );
  const entryCard = h(
    'section',
    { class: 'card audit-entry', hidden: true, 'data-testid': 'audit-entry' },
    h('div', { class: 'table-toolbar' }, entryTitle, h('span', { class: 'muted small' }, 'As Frame sent it'), openButton),
    entryJson,
  );
  for (const field of [search, kind]) field.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && void load());

  let last: AuditLoadResult | undefined;
  let loadingMore = false;
  const table = new AuditTable({
    fetch: (q) => rpc.request('rows', q),
    onSortChange: (sort) => {
      ui.sort = sort;
      save();
    },
    onTotal: () => updateCount(),
    onError: (e, retry) => replace(tableBanner, e === undefined ? null : errorBanner('rows', toRpcError(e), retry)),
    onNearEnd: () => void more(true),
    onSelect: (row) => void select(row.n, row.cells[0] ?? ''),
  });
  const body = h('div', { class: 'audit-body' }, h('section', { class: 'card table-card' }, tableBanner, table.element), entryCard);
  const lifecycle = new LoadLifecycle({
    what: 'audit trail',
    banner,
    body,
    progress,
    busy: (busy) => {
      setDisabled(apply, busy);
      setDisabled(exportButton, busy || !last?.loaded);
    },
  });

  replace(
    root,
    h(
      'header',
      { class: 'page-header' },
      h('h1', { 'data-testid': 'audit-title' }, `Audit trail: ${scope.name}`),
      h('div', { class: 'muted' }, `${scope.kind === 'customer' ? 'Customer' : 'Organization'} ${scope.id} · ${init.connectionName}`),
    ),
    h(
      'section',
      { class: 'card audit-filters' },
      h(
        'div',
        { class: 'toolbar' },
        h('div', { class: 'field audit-field' }, h('label', {}, 'Search'), search),
        h('div', { class: 'field audit-field' }, h('label', {}, 'Kind'), kind),
        h('div', { class: 'field field-button' }, apply),
        h('div', { class: 'toolbar-spacer' }),
        h('div', { class: 'field field-button' }, exportButton),
      ),
      h(
        'p',
        { class: 'note audit-note' },
        'Frame does not document these entries, so the columns are the fields found in the first page; click a row for the entry as received. Times are UTC. Sorting applies to the entries loaded so far (newest first to start with).',
      ),
    ),
    h('div', { class: 'audit-status' }, count, moreButton),
    progress.element,
    banner,
    body,
  );
  markForTests('ready', 'true');

  function updateCount(): void {
    if (!last) return setText(count, '');
    const more = last.capped
      ? ' (the most kept here; narrow the filters for older ones)'
      : last.hasMore
        ? ' · more on Frame: scroll down or Load more'
        : ' · all of them';
    setText(count, `${formatInt(last.loaded)} entr${last.loaded === 1 ? 'y' : 'ies'} loaded${more}`);
    moreButton.hidden = !last.hasMore;
    setDisabled(exportButton, !last.loaded);
  }

  async function load(): Promise<void> {
    const filters = { search: (search.value ?? '').slice(0, MAX_TEXT), kind: (kind.value ?? '').slice(0, MAX_TEXT) };
    ui.search = filters.search;
    ui.kind = filters.kind;
    save();
    await lifecycle.run(
      'Reading the audit trail from Frame…',
      () => rpc.request('load', filters),
      (result) => {
        last = result;
        entryCard.hidden = true;
        selected = undefined;
        const keys = new Set(result.columns.map((c) => c.key));
        // Newest first to start with (a saved sort survives when its column is still there).
        if (!ui.sort || !keys.has(ui.sort.key)) {
          const time = result.columns.find((c) => c.time);
          ui.sort = time ? ({ key: time.key, descending: true } satisfies AuditSort) : null;
          save();
        }
        table.emptyText =
          filters.search || filters.kind
            ? 'No entries match these filters.'
            : 'Frame has no audit-trail entries here (for its default date range).';
        table.setColumns(result.columns, ui.sort);
        updateCount();
      },
      () => void load(),
    );
  }

  /** The next page from Frame (at the end of the table, or Load more). */
  async function more(quiet = false): Promise<void> {
    if (!last?.hasMore || loadingMore) return;
    loadingMore = true;
    setDisabled(moreButton, true);
    try {
      last = await rpc.request('more', null);
      table.invalidate();
      updateCount();
    } catch (e) {
      if (!quiet || !isCancelledRpc(e))
        replace(
          tableBanner,
          errorBanner('more', toRpcError(e), () => void more()),
        );
    } finally {
      loadingMore = false;
      setDisabled(moreButton, false);
    }
  }

  async function select(n: number, time: string): Promise<void> {
    selected = n;
    try {
      const { json } = await rpc.request('entry', { n });
      setText(entryTitle, time ? `Entry of ${time}` : `Entry ${n + 1}`);
      setText(entryJson, json);
      entryCard.hidden = false;
      entryCard.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      replace(tableBanner, errorBanner('entry', toRpcError(e)));
    }
  }

  async function exportCsv(): Promise<void> {
    try {
      await rpc.request('exportCsv', null);
    } catch (e) {
      replace(banner, errorBanner('export', toRpcError(e)));
    }
  }

  await load();
}
