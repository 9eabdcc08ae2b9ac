// Names in the publish confirmation and notifications (issue 18, class 7): an account's name
// cannot forge the "Account ID" / "Connection" lines of the only safeguard of the one write
// action, nor reorder them with bidi controls.
import * as assert from 'node:assert/strict';
import { publishConfirmation } from '../../../src/core/api';
import { oneLineText } from '../../../src/core/text';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BIDI_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

describe('publish confirmation: names neutralised', () => {
  it('a name with line breaks and a fake "Account ID / Connection" block stays on its line', () => {
    const name = 'Sandbox test\n\nAccount ID: 00000000-fake\nConnection: Staging (read-only)\u2028\u2029x';
    const { message, detail } = publishConfirmation({ id: 'real-id', name }, 'Production\r\nAccount ID: spoof');
    assert.doesNotMatch(message, BIDI_AND_BREAKS);
    const lines = detail.split('\n');
    assert.deepEqual(
      lines.filter((l) => /^(Account ID|Connection):/.test(l)),
      ['Account ID: real-id', 'Connection: Production Account ID: spoof'],
    );
    assert.equal(lines.length, 4, 'the sentence, a blank line, the two real lines');
  });

  it('bidi controls and zero-width characters are removed; a huge name is capped', () => {
    const { message } = publishConfirmation({ id: 'a', name: 'Prod\u202Etset\u202C\u2066\u200B' + 'x'.repeat(5000) }, 'c');
    assert.doesNotMatch(message, BIDI_AND_BREAKS);
    assert.ok(message.length < 260, String(message.length));
    assert.equal(oneLineText('  a\t\tb \u0085 c  '), 'a b c');
    assert.equal(
      publishConfirmation({ id: 'id-1', name: '\u202E\n' }, 'c').message,
      'Publish the Sandbox of "id-1"?',
      'nothing left: the id',
    );
  });
});
