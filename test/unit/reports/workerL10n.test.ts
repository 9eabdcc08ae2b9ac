// Localization in the reader threads: a pool hands its workers the display language's strings
// (currentL10nBundle), so a message built in a worker reads in the same language as the host's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { currentL10nBundle, useL10nBundle } from '../../../src/core/l10n';
import { SessionReadPool } from '../../../src/core/reports';

const NOT_A_REPORT =
  'not a Frame session report: expected columns such as "username", "starttime", "session_duration" in the first line; {0}. Check that the URL points at a sessions CSV (an expired link returns an error page instead).';

describe('reports: worker threads translate with the host bundle', function () {
  this.timeout(60_000);
  let dir: string;
  let csv: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-l10n-'));
    csv = path.join(dir, 'other.csv');
    fs.writeFileSync(csv, 'name,price\r\nwidget,3\r\n');
  });
  after(() => {
    useL10nBundle(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function messageOf(threads: number): Promise<string> {
    const pool = new SessionReadPool(undefined, { threads });
    try {
      await pool.open({ csv });
    } catch (e) {
      return (e as Error).message;
    } finally {
      pool.close();
    }
    assert.fail('a CSV that is not a session report was read');
  }

  it('a worker writes its error with the strings the host was given, and in English again without them', async () => {
    useL10nBundle({ [NOT_A_REPORT]: 'ŉǿŧ ȧ ŝḗşşīǿƞ řḗƥǿřŧ: {0}', 'found {0}': 'ƒǿŭƞḓ {0}' });
    assert.ok(currentL10nBundle());
    const inWorker = await messageOf(2);
    assert.equal(inWorker, 'ŉǿŧ ȧ ŝḗşşīǿƞ řḗƥǿřŧ: ƒǿŭƞḓ "name", "price"');
    assert.equal(await messageOf(1), inWorker, 'the same text as when read in this thread');

    useL10nBundle(undefined);
    assert.equal(currentL10nBundle(), undefined);
    assert.match(await messageOf(2), /^not a Frame session report: expected columns .*; found "name", "price"\. Check/);
  });
});
