// The webview kit's DOM-free parts (media/shared): column widths of the virtualized table, the UI
// state store, and each page's check of saved state.
import * as assert from 'node:assert/strict';
import { sanitize as auditSanitize } from '../../../media/audit/uiState';
import { defaultState, sanitize as reportsSanitize } from '../../../media/reports/uiState';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, columnLayout, savedColumnWidths, splitTitle } from '../../../media/shared/columnLayout';
import { StateStore, savedUi } from '../../../media/shared/stateStore';
import type { VsCodeApi } from '../../../media/shared/vscodeApi';
import type { InitData } from '../../../src/protocol/reports';

/** A page's font where every character is 7 px wide (bold: 8 px). */
const measure = (text: string, bold: boolean) => text.length * (bold ? 8 : 7);

/** The webview's getState/setState, kept in memory. */
function memoryApi(state?: unknown): VsCodeApi & { state: unknown } {
  return {
    state,
    postMessage: () => undefined,
    getState() {
      return this.state;
    },
    setState(s: unknown) {
      this.state = s;
    },
  };
}

const init: InitData = {
  panel: { connectionId: 'c1', accountId: 'a1', accountName: 'Acme' },
  accountName: 'Acme',
  accountId: 'a1',
  connectionName: 'Production',
  todayPacific: '2026-11-18',
  months: [
    { key: '2026-11', label: 'November 2026', downloaded: false },
    { key: '2026-10', label: 'October 2026', downloaded: true },
  ],
};

describe('webview kit (media/shared)', () => {
  it('splits a column title into its name and unit', () => {
    assert.deepEqual(splitTitle('Latency (ms)'), ['Latency', '(ms)']);
    assert.deepEqual(splitTitle('User'), ['User', undefined]);
  });

  it('lays columns out: fixed, as wide as a sample value or the header, text at least its minimum and header', () => {
    const layout = columnLayout(
      [
        { title: 'Time', width: { px: 180 } },
        { title: 'Latency (ms)', width: { sample: () => '8,888' } },
        { title: 'Start', width: { sample: () => 'Dec 28, 2026, 10:58 PM' } },
        { title: 'User', width: { min: 140, grow: 1 } },
        { title: 'Identity provider', width: { min: 110, grow: 0.8 } },
      ],
      measure,
    );
    // Header = widest of name (bold) and unit + 10 px of sort arrow (both on its second line), + 8 px
    // of button padding; a sample + 10 px of cell padding.
    assert.equal(layout.template, '180px 64px 164px minmax(140px, 1fr) minmax(144px, 0.8fr)');
    assert.equal(layout.minWidth, 180 + 64 + 164 + 140 + 144);
    // The fixed widths, for sticky leading columns to know their left offsets.
    assert.deepEqual(layout.fixed, [180, 64, 164, null, null]);
  });

  it('gives a column the width the user chose, exact and within bounds, whatever its kind', () => {
    const columns = [
      { key: 'start', title: 'Start', width: { sample: () => 'Dec 28, 2026, 10:58 PM' } },
      { key: 'user', title: 'User', width: { min: 140, grow: 1 } },
      { key: 'state', title: 'State', width: { min: 40, grow: 0.6 } },
      { key: 'latency', title: 'Latency (ms)', width: { sample: () => '8,888' } },
    ];
    const layout = columnLayout(columns, measure, { user: 300.4, latency: 5, unknown: 99 });
    // User fixed at 300 px (it no longer grows), Latency at the narrowest a column can be; the others as they were.
    assert.equal(layout.template, `164px 300px minmax(48px, 0.6fr) ${MIN_COLUMN_WIDTH}px`);
    assert.deepEqual(layout.fixed, [164, 300, null, MIN_COLUMN_WIDTH]);
    assert.equal(layout.minWidth, 164 + 300 + 48 + MIN_COLUMN_WIDTH);
    assert.equal(columnLayout(columns, measure, { start: 1e9 }).fixed[0], MAX_COLUMN_WIDTH);
  });

  it('reads saved column widths: known keys with finite numbers only, clamped', () => {
    assert.deepEqual(
      savedColumnWidths({ user: 212.6, city: 1, state: 'wide', other: 80, latency: Number.NaN }, ['user', 'city', 'state', 'latency']),
      {
        user: 213,
        city: MIN_COLUMN_WIDTH,
      },
    );
    for (const bad of [undefined, null, 'x', 42, ['user'], { __proto__: { user: 90 } }])
      assert.deepEqual(savedColumnWidths(bad, ['user']), {}, JSON.stringify(bad));
  });

  it('restores the freshest saved state: the webview’s own, else the host’s copy', () => {
    assert.deepEqual(savedUi(memoryApi({ connectionId: 'c1', ui: { filter: 'local' } }), { ui: { filter: 'host' } }), { filter: 'local' });
    assert.deepEqual(savedUi(memoryApi(undefined), { ui: { filter: 'host' } }), { filter: 'host' });
    assert.equal(savedUi(memoryApi('garbage'), {}), undefined);
  });

  it('saves every change with the panel’s identity at once, and a copy to the host once changes stop', async () => {
    const api = memoryApi();
    let toHost: (ui: { filter: string }) => void = () => undefined;
    const hostGot = new Promise<{ filter: string }>((resolve) => (toHost = resolve));
    const hostCalls: { filter: string }[] = [];
    const store = new StateStore(api, { connectionId: 'c1', accountId: 'a1' }, { filter: '' }, (ui) => {
      hostCalls.push(ui);
      toHost(ui);
    });
    store.update((s) => (s.filter = 'al'));
    store.update((s) => (s.filter = 'alice'));
    assert.deepEqual(api.state, { connectionId: 'c1', accountId: 'a1', ui: { filter: 'alice' } });
    const sent = await hostGot;
    assert.deepEqual(hostCalls, [{ filter: 'alice' }], 'one save for a burst of changes');
    store.update((s) => (s.filter = 'bob'));
    assert.equal(sent.filter, 'alice', 'the host got a copy, not the live state');
  });

  it('reports page: keeps what is valid in saved state, defaults the rest', () => {
    const s = reportsSanitize(
      {
        tab: 'sessions',
        usage: { preset: 'custom', from: '2026-10-01', to: '2026-10-31', scope: 'all', dimension: 'nonsense' },
        sessions: { months: ['2026-10', '1999-01', 7], recent: true },
        sort: { column: 'latency', descending: false },
        filter: 'x'.repeat(500),
      },
      init,
    );
    assert.equal(s.tab, 'sessions');
    assert.deepEqual(s.usage, { preset: 'custom', from: '2026-10-01', to: '2026-10-31', scope: 'all', dimension: 'instance_type' });
    assert.deepEqual(s.sessions, { months: ['2026-10'], recent: true });
    assert.deepEqual(s.sort, { column: 'latency', descending: false });
    assert.equal(s.filter.length, 200);
    assert.deepEqual(reportsSanitize({ tab: 'billing', sort: { column: 'password' } }, init), defaultState(init));
    const drill = { kind: 'cell', key: 'n1-standard-4', weekday: 2, hour: 9, what: 'open' };
    assert.deepEqual(reportsSanitize({ tab: 'capacity', drill, capacityKey: 'n1-standard-4' }, init), {
      ...defaultState(init),
      tab: 'capacity',
      drill,
      capacityKey: 'n1-standard-4',
    });
    // A command's tab wins over the saved one, with or without saved state.
    assert.equal(reportsSanitize({ tab: 'usage' }, { ...init, tab: 'capacity' }).tab, 'capacity');
    // The Sessions table's column widths the user chose: kept for its columns only.
    assert.deepEqual(reportsSanitize({ sessionColumnWidths: { user: 200, city: 64.2, password: 3 } }, init).sessionColumnWidths, {
      user: 200,
      city: 64,
    });
    assert.equal(reportsSanitize({ sessionColumnWidths: 'wide' }, init).sessionColumnWidths, undefined);
    assert.equal(reportsSanitize(undefined, { ...init, tab: 'capacity' }).tab, 'capacity');
    assert.equal(reportsSanitize({ tab: 'usage' }, { ...init, tab: 'nonsense' as never }).tab, 'usage');
    for (const bad of [
      { ...drill, weekday: 0 },
      { ...drill, hour: 24 },
      { ...drill, what: 'ends' },
      { kind: 'span', key: '*', from: 5, to: 5 },
      { kind: 'span', key: '*', from: 0, to: Infinity },
      { kind: 'span', key: 1, from: 0, to: 60_000 },
      'drill',
    ])
      assert.equal(reportsSanitize({ drill: bad }, init).drill, null, JSON.stringify(bad));
  });

  it('audit page: keeps what is valid in saved state, defaults the rest', () => {
    assert.deepEqual(auditSanitize({ search: 'alice', kind: 'launch*', sort: { key: 'created', descending: true } }), {
      search: 'alice',
      kind: 'launch*',
      sort: { key: 'created', descending: true },
    });
    assert.deepEqual(auditSanitize({ search: 7, kind: 'k'.repeat(300), sort: { key: 1 } }), {
      search: '',
      kind: 'k'.repeat(200),
      sort: null,
    });
    assert.deepEqual(auditSanitize(undefined), { search: '', kind: '', sort: null });
  });
});
