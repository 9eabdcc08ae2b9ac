// The layers of ARCHITECTURE.md over the whole of src/, from the imports the compiler reads
// (the lint checks a few of them by path; this checks them all, and the circles the lint cannot see).
import * as assert from 'node:assert/strict';
import { ALLOWED_UPWARD, circles, importGraph, layerOf, upwardArrows } from '../support/importGraph';

describe('import layers (src/)', () => {
  const arrows = importGraph();

  it('reads the imports (a sanity check of the reader itself)', () => {
    const from = (file: string) => arrows.filter((a) => a.from === file).map((a) => a.to);
    assert.ok(from('src/extension.ts').includes('src/views/index.ts'), 'a folder import resolves to its index');
    assert.deepEqual(
      arrows.filter((a) => a.from === 'src/lazyEngine.ts').map((a) => [a.to, a.typeOnly]),
      [
        ['src/engine.ts', true],
        ['src/requestEngine.ts', true],
        ['src/engine.ts', false],
        ['src/requestEngine.ts', false],
      ],
      '`import type` and the lazy require() are both seen',
    );
    assert.ok(arrows.length > 300);
  });

  it('places every file of src/ in a layer', () => {
    for (const a of arrows) for (const file of [a.from, a.to]) assert.doesNotThrow(() => layerOf(file), file);
  });

  it('has no import circle', () => {
    assert.deepEqual(circles(arrows), []);
  });

  it('finds a circle where there is one (the finder itself)', () => {
    const arrow = (from: string, to: string) => ({ from, to, typeOnly: false });
    assert.deepEqual(circles([arrow('a', 'b'), arrow('b', 'c'), arrow('c', 'a'), arrow('c', 'd')]), [['a', 'b', 'c']]);
    assert.deepEqual(circles([arrow('a', 'a')]), [['a']]);
  });

  it('runs no arrow back up a layer except the engine loader naming the engine’s types', () => {
    const up = upwardArrows(arrows);
    const named = [...new Set(up.map((a) => `${a.from} -> ${a.to}`))];
    assert.deepEqual(named, ALLOWED_UPWARD);
    // The loader's require() is the lazy load itself (resolved at run time, in the other bundle).
    assert.ok(up.every((a) => a.typeOnly || a.from === 'src/lazyEngine.ts'));
  });
});
