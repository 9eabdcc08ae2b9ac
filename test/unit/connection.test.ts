// Saved connections as globalState gives them back: older ones (no readOnly) stay valid, the
// readOnly flag is kept, and nothing but the known fields survives.
import * as assert from 'node:assert/strict';
import { apiKindOf, isReadOnly, parseConnections } from '../../src/connections/connection';

describe('saved connections', () => {
  const old = { id: 'a', name: 'Old', baseUrl: 'https://api.fra.me/v1alpha', clientId: 'c', scheme: 'frame' };

  it('keeps connections saved before readOnly existed, as writable', () => {
    const [c] = parseConnections([old]);
    assert.deepEqual(c, old);
    assert.equal(isReadOnly(c!), false);
  });

  it('keeps the readOnly flag when it is a boolean, drops it otherwise', () => {
    const admin = { ...old, id: 'b', baseUrl: 'https://api.console.nutanix.com/v1' };
    const parsed = parseConnections([
      { ...admin, readOnly: true },
      { ...admin, id: 'c', readOnly: false },
      { ...admin, id: 'd', readOnly: 'yes' },
    ]);
    assert.deepEqual(
      parsed.map((c) => [c.id, c.readOnly]),
      [
        ['b', true],
        ['c', false],
        ['d', undefined],
      ],
    );
    assert.equal(apiKindOf(admin.baseUrl), 'admin');
  });

  it('keeps only the known fields (nothing secret can ride along) and skips malformed entries', () => {
    const parsed = parseConnections([{ ...old, secret: 's3cr3t', extra: 1 }, { id: 'x' }, null, 'text']);
    assert.deepEqual(parsed, [old]);
    assert.deepEqual(parseConnections('not a list'), []);
  });
});
