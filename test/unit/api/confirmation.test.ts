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

  it('the name to type is the neutralised name; the prompt says what happens, where, and what to type, on one line', () => {
    const c = publishConfirmation({ id: 'acc-9', name: 'Render\u202E Farm\nAMER' }, 'Prod\nConnection: x');
    assert.equal(c.expected, 'Render Farm AMER');
    assert.doesNotMatch(c.prompt, BIDI_AND_BREAKS);
    assert.match(c.prompt, /^Production of "Render Farm AMER" will be replaced by the Sandbox image\. /);
    assert.match(c.prompt, /Account ID: acc-9 · Connection: Prod Connection: x\. Type the account's name to publish; Escape cancels\.$/);
    assert.equal(publishConfirmation({ id: 'id-1', name: '' }, 'c').expected, 'id-1', 'no name: its ID is typed');
  });
});

describe('publish confirmation: the name must be typed exactly', () => {
  const c = publishConfirmation({ id: 'acc-1', name: 'CAD Workstations EMEA' }, 'Production');

  it('accepts the name exactly, and says nothing before anything is typed (the prompt says what to type)', () => {
    assert.equal(c.check('CAD Workstations EMEA'), undefined);
    assert.equal(c.check(''), undefined);
  });

  it('anything else says what to type; a near miss says that case and spaces count', () => {
    assert.equal(c.check('CAD'), 'Type "CAD Workstations EMEA" exactly to publish its Sandbox; Escape cancels.');
    assert.equal(c.check('acc-1'), 'Type "CAD Workstations EMEA" exactly to publish its Sandbox; Escape cancels.', 'not the ID');
    for (const near of ['cad workstations emea', ' CAD Workstations EMEA', 'CAD Workstations EMEA '])
      assert.equal(
        c.check(near),
        'Type "CAD Workstations EMEA" exactly (letter case and spaces count) to publish its Sandbox; Escape cancels.',
        JSON.stringify(near),
      );
  });
});
