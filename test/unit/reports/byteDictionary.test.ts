import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteDictionary } from '../../../src/core/reports/byteDictionary';
import { FieldKind } from '../../../src/core/reports/csvTokenizer';

describe('reports/byteDictionary', () => {
  it('gives one id per distinct text, from bytes at any offset of any buffer, as a Map of the decoded text does (fast-check)', () => {
    // Few distinct values (the reports' shape), lengths around the 4-byte steps, multi-byte characters.
    const value = fc.oneof(
      fc.constantFrom(
        '',
        'a',
        'ab',
        'abc',
        'abcd',
        'abcde',
        'abcdefgh',
        'abcdefghi',
        'Malmö',
        'Zürich',
        '東京',
        'irossi15@corp.example',
        'irossi16@corp.example',
      ),
      fc.string({ maxLength: 13 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.nat(7)), { maxLength: 300 }), (fields) => {
        const dict = new ByteDictionary();
        const expected = new Map<string, number>();
        for (const [text, pad] of fields) {
          // Each field in a buffer of its own, at an odd offset: a word read must not depend on alignment.
          const bytes = Buffer.concat([Buffer.alloc(pad, 0x22), Buffer.from(text, 'utf8'), Buffer.alloc(3, 0x2c)]);
          const id = dict.idOfBytes(bytes, pad, bytes.length - 3, FieldKind.Plain);
          if (!expected.has(text)) expected.set(text, expected.size);
          assert.equal(id, expected.get(text), JSON.stringify(text));
          assert.equal(dict.values[id], text);
        }
        assert.equal(dict.size, expected.size);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps ids when its arena and table grow (thousands of distinct values, looked up again)', () => {
    const dict = new ByteDictionary();
    const big = Buffer.from(Array.from({ length: 5000 }, (_, i) => `user-${i}@example.com`).join(','), 'utf8');
    const bounds: [number, number][] = [];
    let at = 0;
    for (const part of big.toString('utf8').split(',')) {
      bounds.push([at, at + Buffer.byteLength(part)]);
      at += Buffer.byteLength(part) + 1;
    }
    const ids = bounds.map(([s, e]) => dict.idOfBytes(big, s, e, FieldKind.Plain));
    assert.deepEqual(ids, [...ids.keys()]);
    assert.deepEqual(
      bounds.map(([s, e]) => dict.idOfBytes(Buffer.from(big), s, e, FieldKind.Plain)),
      ids,
    );
    assert.equal(dict.values[4321], 'user-4321@example.com');
  });
});
