/**
 * DuckDB for the benchmark: `@duckdb/node-api` is installed on first use into bench/.data/duckdb
 * (git-ignored, so `npm ci` stays lean), or reported as unavailable with the reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dataDir } from './data';

export const DUCKDB_VERSION = '1.5.6-r.1';
const folder = path.join(dataDir, 'duckdb');
const entry = path.join(folder, 'node_modules', '@duckdb', 'node-api', 'lib', 'index.js');

/** The path of DuckDB's module entry, installing it once; null (and why) when it cannot be had. */
export function ensureDuckDb(log: (line: string) => void): string | null {
  if (existsSync(entry)) return entry;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'bench-duckdb', private: true }));
    log(`installing @duckdb/node-api@${DUCKDB_VERSION} into ${path.relative(process.cwd(), folder)} (once) ...`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--no-save', `@duckdb/node-api@${DUCKDB_VERSION}`], {
      cwd: folder,
      stdio: 'ignore',
      timeout: 300_000,
    });
  } catch (e) {
    log(`duckdb:     not available (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); skipped`);
    return null;
  }
  return existsSync(entry) ? entry : null;
}
