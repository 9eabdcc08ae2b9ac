import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedDir } from './paths';

/** One entry of ../shared/vectors/signing.json (computed independently from the API documents). */
export interface SigningVector {
  name: string;
  scheme: 'frame' | 'janrain-signature' | 'basic';
  clientId: string;
  clientSecret: string;
  timestamp: number;
  method: string;
  path: string;
  params?: Record<string, string>;
  expectedHeaders: Record<string, string>;
}

export function loadSigningVectors(): SigningVector[] {
  return JSON.parse(fs.readFileSync(path.join(sharedDir(), 'vectors', 'signing.json'), 'utf8')) as SigningVector[];
}
