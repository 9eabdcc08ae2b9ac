// Installs the project's npm dependencies when they are missing, so that `npm test` and
// `npm run sandbox` each work alone on a fresh clone (before this, a missing node_modules died
// with a raw `spawn …/tsc ENOENT`). A complete install is a no-op: only package.json's own
// dependencies are looked for, in well under a second.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

/** The dependencies (and devDependencies) of package.json that node_modules does not hold. */
function missingDependencies(repo = REPO) {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  return names.filter((name) => !fs.existsSync(path.join(repo, 'node_modules', name, 'package.json')));
}

/** Runs `npm ci` (the lockfile's exact versions) when anything is missing; exits on failure. */
function ensureDependencies(label) {
  const missing = missingDependencies();
  if (missing.length === 0) return;
  const some = missing.slice(0, 3).join(', ') + (missing.length > 3 ? `, … (${missing.length} in all)` : '');
  console.log(`[${label}] npm dependencies missing (${some}): running npm ci once…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0 || missingDependencies().length > 0) {
    console.error(`[${label}] npm ci did not complete (${r.error ? r.error.message : `exit ${r.status}`}); run it by hand and try again.`);
    process.exit(1);
  }
}

module.exports = { ensureDependencies, missingDependencies };
