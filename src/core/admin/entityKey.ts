/**
 * A tree key for an entity read from a shape Frame never published (publish tasks, datacenters),
 * where the id may be missing: the id when there is one, else a digest of the entity as received.
 * Never a list index, so a node keeps its id (selection, expansion) when the list around it
 * changes; identical entities share a key, which the tree model then makes unique.
 */
import { jsonText } from '../api';

export function entityKey(id: string, raw: unknown): string {
  return id || `~${fnv1a(jsonText(raw === undefined ? null : raw))}`;
}

/** 32-bit FNV-1a of the text's UTF-16 code units, as 8 hex digits: short, stable, not secret. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
