import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRequestFile, withDependencies } from '../../../src/core/requests';
import { repoRoot } from '../../support/paths';

/** Running one request from the Test Explorer first runs the requests it references (chain.ts). */
describe('request files: which requests a request needs first', () => {
  it('follows references through other requests and file variables, in file order', () => {
    const file = parseRequestFile(fs.readFileSync(path.join(repoRoot, 'test/fixtures/requests/chained.frame.http'), 'utf8'));
    assert.deepEqual(withDependencies(file, [0]), [0]);
    assert.deepEqual(withDependencies(file, [1]), [0, 1]);
    // The third reads "accounts" in its URL and "members" in an assertion's expected value.
    assert.deepEqual(withDependencies(file, [2]), [0, 1, 2]);
    const viaVariable = parseRequestFile(
      [
        '@id = {{first.response.body.$.id}}',
        '@path = /accounts/{{id}}',
        '# @name first',
        'GET /one',
        '###',
        'GET /unrelated',
        '###',
        'GET {{path}}',
        'X-Trace: {{first.response.headers.X-Id}}',
      ].join('\n'),
    );
    assert.deepEqual(viaVariable.diagnostics, []);
    assert.deepEqual(withDependencies(viaVariable, [2]), [0, 2]);
    assert.deepEqual(withDependencies(viaVariable, [1, 2]), [0, 1, 2]);
  });

  it('ends on variables that refer to each other, and ignores out-of-range indexes', () => {
    const file = parseRequestFile('@a = {{b}}\n@b = {{a}}\nGET /x/{{a}}\n');
    assert.ok(file.diagnostics.length > 0);
    assert.deepEqual(withDependencies(file, [0, 5, -1]), [0]);
  });
});
