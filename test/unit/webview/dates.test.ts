// The webview's date logic (media/reports/dates.ts): the month the Sessions tab starts with.
import * as assert from 'node:assert/strict';
import { defaultMonth } from '../../../media/reports/dates';

const months = (...keys: string[]) => keys.map((key) => ({ key, label: key, downloaded: false }));

describe('sessions default month (media/reports/dates.ts)', () => {
  it('starts with the last complete month, not the current one still filling up', () => {
    assert.equal(defaultMonth(months('2026-11', '2026-10', '2026-09'), '2026-11-18'), '2026-10');
    assert.equal(defaultMonth(months('2026-11', '2026-10'), '2026-11-01'), '2026-10');
  });

  it('takes the newest month when it is already complete (Frame has not listed this month yet)', () => {
    assert.equal(defaultMonth(months('2026-10', '2026-09'), '2026-11-02'), '2026-10');
  });

  it('takes the current month when it is the only one, and nothing when none is listed', () => {
    assert.equal(defaultMonth(months('2026-11'), '2026-11-18'), '2026-11');
    assert.equal(defaultMonth([], '2026-11-18'), undefined);
  });

  it('prefers the last complete month even when the current one is already downloaded', () => {
    const list = [
      { key: '2026-11', label: 'November 2026', downloaded: true },
      { key: '2026-10', label: 'October 2026', downloaded: false },
    ];
    assert.equal(defaultMonth(list, '2026-11-18'), '2026-10');
  });
});
