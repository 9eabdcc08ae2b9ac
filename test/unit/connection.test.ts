// Saved connections as globalState gives them back: older ones (no readOnly, no apiKind) stay
// valid, the readOnly flag and the API kind are kept, and nothing but the known fields survives.
import * as assert from 'node:assert/strict';
import { apiKindOf } from '../../src/core/api';
import { isReadOnly, needsMigration, parseConnections } from '../../src/connections/connection';

describe('saved connections', () => {
  const old = { id: 'a', name: 'Old', baseUrl: 'https://api.fra.me/v1alpha', clientId: 'c', scheme: 'frame' };

  it('keeps connections saved before readOnly existed, as writable', () => {
    const [c] = parseConnections([{ ...old, apiKind: 'web' }]);
    assert.deepEqual(c, { ...old, apiKind: 'web' });
    assert.equal(isReadOnly(c!), false);
  });

  it('gives connections saved before apiKind existed the kind their base URL says, once', () => {
    const saved = [
      old,
      { ...old, id: 'b', baseUrl: 'https://api.console.nutanix.com/v1/' },
      { ...old, id: 'c', baseUrl: 'https://example.com/registration' },
      { ...old, id: 'd', baseUrl: 'not a url' },
      { ...old, id: 'e', baseUrl: 'https://api.fra.me/v1alpha/accounts/', apiKind: 'unknown' },
    ];
    assert.equal(needsMigration(saved), true);
    const migrated = parseConnections(saved);
    assert.deepEqual(
      migrated.map((c) => [c.id, c.apiKind]),
      [
        ['a', 'web'],
        ['b', 'admin'],
        ['c', 'other'],
        ['d', 'other'],
        ['e', 'web'],
      ],
    );
    // Written back, they need nothing more, and a recorded kind is kept as it is.
    assert.equal(needsMigration(migrated), false);
    assert.deepEqual(parseConnections(migrated), migrated);
    assert.equal(parseConnections([{ ...old, apiKind: 'other' }])[0]!.apiKind, 'other');
  });

  it('reads the API kind from the normalized base URL (the one normaliser, normalizeBaseUrl)', () => {
    assert.equal(apiKindOf('https://api.fra.me/v1alpha/accounts/'), 'web');
    assert.equal(apiKindOf('https://api.console.nutanix.com/V1//'), 'admin');
    assert.equal(apiKindOf('http://127.0.0.1:8080/v1'), 'admin');
    // URLs no client would accept are for no API at all.
    assert.equal(apiKindOf('http://example.com/v1'), 'other');
    assert.equal(apiKindOf('https://api.fra.me/v1alpha?x=1'), 'other');
    assert.equal(apiKindOf(''), 'other');
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
    assert.ok(parsed.every((c) => c.apiKind === 'admin'));
  });

  it('keeps only the known fields (nothing secret can ride along) and skips malformed entries', () => {
    const parsed = parseConnections([{ ...old, secret: 's3cr3t', extra: 1 }, { id: 'x' }, null, 'text']);
    assert.deepEqual(parsed, [{ ...old, apiKind: 'web' }]);
    assert.deepEqual(parseConnections('not a list'), []);
  });
});
