// Series colours derived from the theme (media/shared/colors.ts): opaque, visible on the
// background, the same for the canvas and the DOM.
import * as assert from 'node:assert/strict';
import { composite, contrast, MIN_GRAPHIC_CONTRAST, parseColor, seriesPalette, toHex } from '../../../media/shared/colors';

/** VS Code's own defaults for charts.blue, orange, green, purple, yellow, red (orange is the find highlight: translucent). */
const THEMES = {
  'Dark Modern': {
    bg: '#181818',
    fg: '#cccccc',
    lines: 'rgba(204, 204, 204, 0.5)',
    colors: ['#59a4f9', '#ea5c0055', '#89d185', '#b180d7', '#cca700', '#f14c4c'],
  },
  'Light Modern': {
    bg: '#f8f8f8',
    fg: '#3b3b3b',
    lines: 'rgba(59, 59, 59, 0.5)',
    colors: ['#0063d3', '#ea5c0055', '#388a34', '#652d90', '#bf8803', '#e51400'],
  },
  'Dark High Contrast': {
    bg: '#000000',
    fg: '#ffffff',
    lines: 'rgba(255, 255, 255, 0.5)',
    colors: ['#59a4f9', '', '#89d185', '#b180d7', '#ffd370', '#f48771'],
  },
  'Light High Contrast': {
    bg: '#ffffff',
    fg: '#292929',
    lines: 'rgba(41, 41, 41, 0.5)',
    colors: ['#0063d3', '', '#374e06', '#652d90', '#895503', '#b5200d'],
  },
};

describe('series colours (media/shared/colors.ts)', () => {
  it('reads the colour forms VS Code and browsers write', () => {
    assert.deepEqual(parseColor('#ea5c0055'), { r: 234, g: 92, b: 0, a: 0x55 / 255 });
    assert.deepEqual(parseColor('#fff'), { r: 255, g: 255, b: 255, a: 1 });
    assert.deepEqual(parseColor('#0008'), { r: 0, g: 0, b: 0, a: 0x88 / 255 });
    assert.deepEqual(parseColor(' rgba(204, 204, 204, 0.5) '), { r: 204, g: 204, b: 204, a: 0.5 });
    assert.deepEqual(parseColor('rgb(10 20 30 / 50%)'), { r: 10, g: 20, b: 30, a: 0.5 });
    assert.deepEqual(parseColor('transparent'), { r: 0, g: 0, b: 0, a: 0 });
    for (const bad of ['', 'orange', '#12', 'rgb(1, 2)', undefined]) assert.equal(parseColor(bad), undefined, String(bad));
  });

  it('composites a translucent colour over the background (what the eye sees on the bars)', () => {
    const over = composite(parseColor('#ea5c0055')!, parseColor('#181818')!);
    assert.equal(over.a, 1);
    assert.equal(toHex(over), '#5e2f10');
  });

  for (const [name, t] of Object.entries(THEMES)) {
    it(`${name}: every series colour is opaque and has 3:1 contrast with the background`, () => {
      const p = seriesPalette({ colors: t.colors, other: t.lines, background: t.bg, foreground: t.fg });
      const bg = parseColor(t.bg)!;
      assert.ok(p.series.length >= 5, p.series.join());
      for (const c of [...p.series, p.other]) {
        assert.match(c, /^#[0-9a-f]{6}$/, 'opaque #rrggbb');
        assert.ok(contrast(parseColor(c)!, bg) >= MIN_GRAPHIC_CONTRAST, `${c} on ${t.bg}: ${contrast(parseColor(c)!, bg).toFixed(2)}`);
      }
      assert.equal(new Set(p.series).size, p.series.length, 'no colour twice');
    });
  }

  it('keeps colours that are already opaque and visible as they are', () => {
    const p = seriesPalette({ colors: ['#59a4f9', '#89d185'], other: undefined, background: '#181818', foreground: '#cccccc' });
    assert.deepEqual(p.series, ['#59a4f9', '#89d185']);
  });

  it("darkens the light theme's pale series (the translucent orange, the yellow) until they show on white", () => {
    const t = THEMES['Light Modern'];
    const p = seriesPalette({ colors: t.colors, other: t.lines, background: t.bg, foreground: t.fg });
    const paleOrange = toHex(composite(parseColor('#ea5c0055')!, parseColor(t.bg)!));
    assert.ok(contrast(parseColor(paleOrange)!, parseColor(t.bg)!) < 2, 'the orange is pale as given');
    assert.notEqual(p.series[1], paleOrange);
    const orange = parseColor(p.series[1])!;
    assert.ok(orange.r > orange.g && orange.g > orange.b, `still orange: ${p.series[1]}`);
  });

  it('falls back to the text colour when the theme gives no series colour', () => {
    const p = seriesPalette({ colors: ['', 'nonsense'], other: undefined, background: '#1f1f1f', foreground: '#cccccc' });
    assert.deepEqual(p.series, ['#cccccc']);
    assert.match(p.other, /^#[0-9a-f]{6}$/);
  });
});
