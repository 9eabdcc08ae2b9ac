import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

// scripts/ensure-deps.js is plain Node (it runs before anything is installed or compiled).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { missingDependencies } = require(path.join(repoRoot, 'scripts', 'ensure-deps.js')) as {
  missingDependencies(repo?: string): string[];
};

describe('ensure-deps (npm test and npm run sandbox on a fresh clone)', () => {
  it('names every dependency and devDependency that node_modules lacks, scoped packages included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-deps-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ dependencies: { undici: '1', yauzl: '1' }, devDependencies: { '@types/node': '1', mocha: '1' } }),
      );
      assert.deepEqual(missingDependencies(dir), ['undici', 'yauzl', '@types/node', 'mocha']);
      for (const name of ['yauzl', '@types/node']) {
        fs.mkdirSync(path.join(dir, 'node_modules', name), { recursive: true });
        fs.writeFileSync(path.join(dir, 'node_modules', name, 'package.json'), '{}');
      }
      // A folder without package.json (an interrupted install) still counts as missing.
      fs.mkdirSync(path.join(dir, 'node_modules', 'mocha'), { recursive: true });
      assert.deepEqual(missingDependencies(dir), ['undici', 'mocha']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing missing in this checkout (the tests are running, so it is installed)', () => {
    assert.deepEqual(missingDependencies(repoRoot), []);
  });
});
