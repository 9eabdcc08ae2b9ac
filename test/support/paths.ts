import * as path from 'node:path';

/** The repository root (tests run compiled from out/test/...). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** ../shared beside the repository (the CI layout); SHARED_DIR overrides it. */
export function sharedDir(): string {
  return process.env.SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
}
