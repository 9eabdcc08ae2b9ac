// The day axis's labels (media/reports/axis.ts): as many as fit, never overlapping, never the
// same label twice, for one day, two days and long ranges alike.
import * as assert from 'node:assert/strict';
import { addDays, daysBetween } from '../../../src/protocol/reports';
import { dayTicks, LABEL_GAP_PX, type Tick } from '../../../media/reports/axis';
import { setLocale } from '../../../media/shared/format';

/** About the width of 12px UI text. */
const measure = (label: string) => label.length * 7;
const labels = (ticks: Tick[]) => ticks.map((t) => t.label);

function check(days: string[], width: number, ticks: Tick[]): void {
  const what = `${days.length} days from ${days[0]} at ${width}px: ${labels(ticks).join(' | ')}`;
  assert.ok(ticks.length >= 1, `no label: ${what}`);
  assert.equal(new Set(labels(ticks)).size, ticks.length, `a label repeats: ${what}`);
  const slot = width / days.length;
  ticks.forEach((t, k) => {
    assert.ok(Number.isInteger(t.index) && t.index >= 0 && t.index < days.length, `index ${t.index}: ${what}`);
    if (k === 0) return;
    const prev = ticks[k - 1]!;
    assert.ok(t.index > prev.index, `not in order: ${what}`);
    if (ticks.length > 1)
      assert.ok((t.index - prev.index) * slot >= (measure(t.label) + measure(prev.label)) / 2 + LABEL_GAP_PX, `labels overlap: ${what}`);
  });
}

describe('day axis labels (media/reports/axis.ts)', () => {
  before(() => setLocale('en-US'));

  it('labels a one-day range once (it used to repeat the day under every hour)', () => {
    const ticks = dayTicks(['2026-11-18'], 900, measure);
    assert.deepEqual(ticks, [{ index: 0, label: 'Nov 18' }]);
  });

  it('labels a two-day range with both days', () => {
    assert.deepEqual(labels(dayTicks(['2026-11-17', '2026-11-18'], 900, measure)), ['Nov 17', 'Nov 18']);
  });

  it('thins a month to every few days and a long range to months, evenly', () => {
    const month = daysBetween('2026-10-20', '2026-11-18');
    const ticks = dayTicks(month, 1100, measure);
    assert.ok(ticks.length >= 8 && ticks.length < 30, labels(ticks).join());
    const steps = new Set(ticks.slice(1).map((t, k) => t.index - ticks[k]!.index));
    assert.equal(steps.size, 1, 'evenly spaced');
    const year = daysBetween('2025-11-15', '2026-11-18');
    const monthly = dayTicks(year, 900, measure);
    assert.ok(
      monthly.every((t) => year[t.index]!.endsWith('-01')),
      'long ranges are labelled on the first of months',
    );
    // The year where the range crosses one: on the first label and on January.
    assert.equal(monthly[0]!.label, 'Dec 2025');
    assert.ok(labels(monthly).includes('Jan 2026'), labels(monthly).join());
  });

  it('never repeats or overlaps a label, for every range length up to 400 days and any width', () => {
    for (const end of ['2026-11-18', '2026-01-03', '2024-03-01']) {
      for (let n = 1; n <= 400; n += n < 20 ? 1 : 7) {
        const days = daysBetween(addDays(end, -(n - 1)), end);
        for (const width of [90, 240, 480, 900, 1400]) check(days, width, dayTicks(days, width, measure));
      }
    }
  });

  it('follows the locale', () => {
    setLocale('en-GB');
    try {
      assert.deepEqual(labels(dayTicks(['2026-11-17', '2026-11-18'], 900, measure)), ['17 Nov', '18 Nov']);
    } finally {
      setLocale('en-US');
    }
  });

  it('has nothing to label without days', () => {
    assert.deepEqual(dayTicks([], 900, measure), []);
  });
});
