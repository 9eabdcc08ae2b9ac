import * as assert from 'node:assert/strict';
import { clientIdProblem, SCHEMES } from '../../../src/core/signing';
import { loadSigningVectors } from '../../support/vectors';

describe('client ID shape (for the connection wizard)', () => {
  it('accepts every client id of the signing vectors, for every scheme', () => {
    for (const v of loadSigningVectors()) assert.equal(clientIdProblem(v.clientId, v.scheme), undefined, v.name);
  });

  it('refuses line breaks, spaces, control and non-ASCII characters, saying which and where', () => {
    const cases: [string, RegExp][] = [
      ['', /required/],
      ['   ', /required/],
      [' abc', /starts or ends/],
      ['abc\n', /starts or ends/],
      ['ab\r\ncd', /line break at position 3/],
      ['ab\u2028cd', /line break at position 3/],
      ['ab cd', /a space at position 3/],
      ['ab\u0000cd', /control character at position 3/],
      ['clïent', /non-ASCII character U\+00EF at position 3/],
      ['саша', /non-ASCII character U\+0441 at position 1/],
      ['x'.repeat(513), /longer than 512/],
    ];
    for (const scheme of SCHEMES)
      for (const [id, re] of cases) assert.match(clientIdProblem(id, scheme) ?? 'accepted', re, JSON.stringify(id));
  });

  it('refuses ":" only for the schemes that use it as a separator', () => {
    assert.equal(clientIdProblem('a:b', 'frame'), undefined);
    assert.match(clientIdProblem('a:b', 'basic') ?? '', /":"/);
    assert.match(clientIdProblem('a:b', 'janrain-signature') ?? '', /":"/);
  });
});
