import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import * as fc from 'fast-check';
import { CsvScanner, CsvTokenizer, fieldText, tokenizeCsv } from '../../../src/core/reports/csvTokenizer';

/** Feeds `text` in the given pieces (string API). */
function tokenizePieces(pieces: string[]): string[][] {
  const rows: string[][] = [];
  const t = new CsvTokenizer((r) => rows.push(r));
  for (const p of pieces) t.write(p);
  t.end();
  return rows;
}

/** Splits `text` at the given sorted offsets. */
function splitAt(text: string, cuts: number[]): string[] {
  const out: string[] = [];
  let prev = 0;
  for (const c of cuts) {
    out.push(text.slice(prev, c));
    prev = c;
  }
  out.push(text.slice(prev));
  return out;
}

/** The oracle: csv-parse with options matching the tokenizer's behaviour. */
function oracle(text: string): string[][] {
  return parse(text, {
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    bom: true,
    skip_empty_lines: false,
  }) as string[][];
}

describe('reports/csvTokenizer: edge cases', () => {
  const cases: [name: string, input: string, expected: string[][]][] = [
    ['empty input', '', []],
    ['a single newline is one empty record', '\n', [['']]],
    [
      'simple rows with LF',
      'a,b\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'lone CR',
      'a,b\rc,d\r',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['mixed line ends', 'a\r\nb\nc\rd', [['a'], ['b'], ['c'], ['d']]],
    [
      'last line without newline',
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'BOM is dropped',
      '\uFEFFa,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['BOM only', '\uFEFF', []],
    [
      'empty fields',
      ',,\n,\n',
      [
        ['', '', ''],
        ['', ''],
      ],
    ],
    ['trailing delimiter at EOF', 'a,', [['a', '']]],
    ['quoted comma', '"a,b",c\n', [['a,b', 'c']]],
    ['quoted newlines of all kinds', '"x\r\ny\nz\rw",1\n', [['x\r\ny\nz\rw', '1']]],
    ['doubled quotes', '"he said ""hi""",""""\n', [['he said "hi"', '"']]],
    ['quoted empty field', '"",""\n', [['', '']]],
    ['empty line between rows', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['quoted field at EOF without newline', 'a,"b"', [['a', 'b']]],
    ['non-ASCII and astral characters', '"Zürich","Tōkyō 😀",São\n', [['Zürich', 'Tōkyō 😀', 'São']]],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.deepEqual(tokenizeCsv(input), expected);
      // The oracle agrees on every well-formed case.
      assert.deepEqual(oracle(input), expected);
    });
  }

  it('keeps a U+FEFF that begins a field; only the first one of the file is a BOM', () => {
    assert.deepEqual(tokenizePieces(['a,\uFEFFb\n\uFEFFc,"\uFEFFd",\uFEFF\n']), [
      ['a', '\uFEFFb'],
      ['\uFEFFc', '\uFEFFd', '\uFEFF'],
    ]);
    assert.deepEqual(tokenizePieces(['\uFEFF\uFEFFx,y\n']), [['\uFEFFx', 'y']]);
    assert.deepEqual(tokenizePieces(['h\n\uFEFFlong field past sixteen bytes\n']), [['h'], ['\uFEFFlong field past sixteen bytes']]);
  });

  it('splits between the two quotes of an escaped quote', () => {
    assert.deepEqual(tokenizePieces(['"a"', '"b",c\n']), [['a"b', 'c']]);
  });

  it('splits between CR and LF without an extra empty record', () => {
    assert.deepEqual(tokenizePieces(['a,b\r', '\nc\r', '', '\nd']), [['a', 'b'], ['c'], ['d']]);
  });

  it('joins a multi-byte UTF-8 character split across byte chunks', () => {
    const bytes = Buffer.from('"München",😀\n', 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const rows: string[][] = [];
      const t = new CsvTokenizer((r) => rows.push(r));
      t.writeBytes(bytes.subarray(0, cut));
      t.writeBytes(bytes.subarray(cut));
      t.end();
      assert.deepEqual(rows, [['München', '😀']], `cut at byte ${cut}`);
    }
  });

  it('drops an unterminated quoted last record and reports it', () => {
    const rows: string[][] = [];
    const t = new CsvTokenizer((r) => rows.push(r));
    t.write('a,b\n"c,d\n');
    t.end();
    assert.deepEqual(rows, [['a', 'b']]);
    assert.equal(t.malformedRecords, 1);
    assert.equal(t.records, 1);
    assert.match(t.issues[0]?.message ?? '', /unterminated/);
    assert.equal(t.issues[0]?.record, 2);
  });

  it('keeps stray quotes leniently and counts the record as malformed', () => {
    const rows: string[][] = [];
    const t = new CsvTokenizer((r) => rows.push(r));
    t.write('a"b,"c"d\nok\n');
    t.end();
    assert.deepEqual(rows, [['a"b', 'cd'], ['ok']]);
    assert.equal(t.malformedRecords, 1);
    assert.equal(t.issues.length, 2);
  });

  it('supports another delimiter and rejects a bad one', () => {
    assert.deepEqual(tokenizeCsv('a;"b;c"\n', { delimiter: ';' }), [['a', 'b;c']]);
    assert.throws(() => new CsvTokenizer(() => undefined, { delimiter: '"' }), RangeError);
  });

  it('refuses writes after end', () => {
    const t = new CsvTokenizer(() => undefined);
    t.end();
    assert.throws(() => t.write('x'), /after end/);
  });
});

describe('reports/csvTokenizer: property test against csv-parse', () => {
  // Fields full of the characters that make CSV hard, including astral ones.
  const fieldChar = fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', 'é', '東', '😀', '0', ';');
  const field = fc.array(fieldChar, { maxLength: 8 }).map((cs) => cs.join(''));
  const record = fc.array(field, { minLength: 1, maxLength: 5 });
  const lineEnd = fc.constantFrom('\r\n', '\n', '\r');

  /** Serializes; quoting is required for special fields and random for the others. */
  const csvDoc = fc
    .record({
      records: fc.array(fc.tuple(record, lineEnd, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 })), { maxLength: 6 }),
      finalNewline: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ records, finalNewline, bom }) => {
      let text = bom ? '\uFEFF' : '';
      records.forEach(([fields, end, quoteFlags], idx) => {
        const mustQuoteAll = fields.length === 1 && fields[0] === ''; // else it reads as an empty line
        text += fields
          .map((f, k) => {
            const needs = /[",\r\n]/.test(f) || mustQuoteAll;
            return needs || quoteFlags[k] ? '"' + f.replace(/"/g, '""') + '"' : f;
          })
          .join(',');
        if (idx < records.length - 1 || finalNewline) text += end;
      });
      return text;
    });

  it('gives the same records as csv-parse when split at every position', () => {
    fc.assert(
      fc.property(csvDoc, (text) => {
        const expected = oracle(text);
        assert.deepEqual(tokenizeCsv(text), expected);
        for (let cut = 0; cut <= text.length; cut++) {
          assert.deepEqual(tokenizePieces(splitAt(text, [cut])), expected, `cut at ${cut}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same records as csv-parse under random multi-splits, as text and as UTF-8 bytes', () => {
    fc.assert(
      fc.property(csvDoc, fc.array(fc.nat(), { maxLength: 12 }), (text, rawCuts) => {
        const expected = oracle(text);
        const cuts = [...new Set(rawCuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        assert.deepEqual(tokenizePieces(splitAt(text, cuts)), expected);

        const bytes = Buffer.from(text, 'utf8');
        const byteCuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const rows: string[][] = [];
        const t = new CsvTokenizer((r) => rows.push(r));
        let prev = 0;
        for (const c of [...byteCuts, bytes.length]) {
          t.writeBytes(bytes.subarray(prev, c));
          prev = c;
        }
        t.end();
        assert.deepEqual(rows, expected);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same records when the caller reuses one buffer for every chunk (the scanner copies what it keeps)', () => {
    fc.assert(
      fc.property(csvDoc, fc.integer({ min: 1, max: 9 }), (text, size) => {
        const bytes = Buffer.from(text, 'utf8');
        const rows: string[][] = [];
        const t = new CsvTokenizer((r) => rows.push(r));
        const reused = Buffer.alloc(size);
        for (let at = 0; at < bytes.length; at += size) {
          const n = bytes.copy(reused, 0, at, Math.min(bytes.length, at + size));
          t.writeBytes(reused.subarray(0, n));
          reused.fill(0x78); // what a reader does next: overwrite the buffer
        }
        t.end();
        assert.deepEqual(rows, oracle(text));
      }),
      { numRuns: 300 },
    );
  });

  it('splits one character at a time', () => {
    fc.assert(
      fc.property(csvDoc, (text) => {
        assert.deepEqual(tokenizePieces([...text.split('')]), oracle(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('reports/csvTokenizer: the quoted fast path (Frame reports quote every field)', () => {
  const fieldChar = fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', 'é', '😀', '0');
  const field = fc.array(fieldChar, { maxLength: 6 }).map((cs) => cs.join(''));
  const lineEnd = fc.constantFrom('\r\n', '\n', '\r');
  const quoted = (f: string) => '"' + f.replace(/"/g, '""') + '"';

  /** Frame's shape: every field quoted, doubled quotes and line breaks inside, any line end. */
  const frameDoc = fc
    .record({
      records: fc.array(fc.tuple(fc.array(field, { minLength: 1, maxLength: 5 }), lineEnd), { maxLength: 6 }),
      finalNewline: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ records, finalNewline, bom }) => {
      let text = bom ? '\uFEFF' : '';
      records.forEach(([fields, end], i) => {
        text += fields.map(quoted).join(',');
        if (i < records.length - 1 || finalNewline) text += end;
      });
      return text;
    });

  /** The same, then broken at a few places: a quote removed or added, bytes inserted, the end cut off. */
  const oddDoc = fc
    .tuple(frameDoc, fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', '"', 'x', ',', '\r', '\n', '""', 'cut')), { maxLength: 4 }))
    .map(([text, edits]) => {
      let t = text;
      for (const [at, edit] of edits) {
        const k = t.length ? at % t.length : 0;
        if (edit === 'drop') t = t.slice(0, k) + t.slice(k + 1);
        else if (edit === 'cut') t = t.slice(0, k);
        else t = t.slice(0, k) + edit + t.slice(k);
      }
      return t;
    });

  /** Everything a scanner reports, records as their fields, kinds, offsets and lengths. */
  /** `maxRecordBytes` small enough that the odd documents also exercise dropping a record too long. */
  function scan(bytes: Buffer, cuts: number[], quotedFastPath: boolean, maxRecordBytes = 1 << 20) {
    const records: unknown[] = [];
    const s = new CsvScanner(
      (r) => {
        const fields = [];
        for (let k = 0; k < r.count; k++) fields.push([fieldText(r, k), r.kinds[k]]);
        records.push({ fields, offset: r.offset, length: r.length });
      },
      { quotedFastPath, maxRecordBytes },
    );
    let prev = 0;
    for (const c of [...cuts, bytes.length]) {
      s.write(bytes.subarray(prev, c));
      prev = c;
    }
    s.end();
    return { records, count: s.records, malformed: s.malformedRecords, issues: s.issues };
  }

  const cutsOf = (raw: number[], n: number) => [...new Set(raw.map((c) => c % (n + 1)))].sort((a, b) => a - b);

  it('reads Frame-shaped CSV as csv-parse does, whole and split anywhere', () => {
    fc.assert(
      fc.property(frameDoc, fc.array(fc.nat(), { maxLength: 8 }), (text, raw) => {
        const bytes = Buffer.from(text, 'utf8');
        const fast = scan(bytes, cutsOf(raw, bytes.length), true);
        assert.deepEqual(
          fast.records.map((r) => (r as { fields: [string, number][] }).fields.map(([f]) => f)),
          oracle(text),
        );
        assert.equal(fast.malformed, 0);
      }),
      { numRuns: 500 },
    );
  });

  it('gives exactly what the general path gives on odd and broken input (records, offsets, kinds, issues)', () => {
    fc.assert(
      fc.property(oddDoc, fc.array(fc.nat(), { maxLength: 8 }), (text, raw) => {
        const bytes = Buffer.from(text, 'utf8');
        const cuts = cutsOf(raw, bytes.length);
        assert.deepEqual(scan(bytes, cuts, true), scan(bytes, cuts, false));
        assert.deepEqual(scan(bytes, cuts, true, 64), scan(bytes, cuts, false, 64));
        assert.deepEqual(scan(bytes, [], true), scan(bytes, [], false));
      }),
      { numRuns: 1000 },
    );
  });

  it('hands a record that mixes quoted and unquoted fields to the general path', () => {
    const text = '"a","b"\r\n"c",d,"e""f"\r\n"g" x,"h"\n"i"';
    const fast = scan(Buffer.from(text), [], true);
    assert.deepEqual(fast, scan(Buffer.from(text), [], false));
    assert.deepEqual(
      fast.records.map((r) => (r as { fields: [string, number][] }).fields.map(([f]) => f)),
      [['a', 'b'], ['c', 'd', 'e"f'], ['g x', 'h'], ['i']],
    );
    assert.equal(fast.malformed, 1, 'text after a closing quote');
  });
});
