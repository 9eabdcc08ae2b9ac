/**
 * Interns the values of one text column straight from the CSV bytes: a field is hashed and
 * compared as bytes, and decoded to a string only the first time a value is seen. A million rows
 * with 5,000 distinct users make 5,000 strings, not a million.
 */
import { FieldKind, decodeBytes, decodeRange } from './csvTokenizer';

export class ByteDictionary {
  /** Distinct values, by id. */
  readonly values: string[] = [];
  private readonly byText = new Map<string, number>();
  /** Open addressing: slot → (id + 1) of a byte key, 0 = empty. */
  private slots = new Int32Array(1024);
  private slotHash = new Uint32Array(1024);
  /** Byte keys (several may map to one id: the same text written two ways). */
  private keyStart = new Int32Array(256);
  private keyLength = new Int32Array(256);
  private keyId = new Int32Array(256);
  private keys = 0;
  private arena = new Uint8Array(16 * 1024);
  private arenaWords: DataView = new DataView(this.arena.buffer);
  private arenaUsed = 0;
  /** The bytes of the last lookups and a DataView on them: fields are hashed and compared four bytes a load. */
  private wordsOf: Uint8Array | undefined;
  private words: DataView = new DataView(new ArrayBuffer(0));

  get size(): number {
    return this.values.length;
  }

  /** Id of the field `b[s..e)` read as `kind`. */
  idOfBytes(b: Uint8Array, s: number, e: number, kind: number): number {
    if (kind !== FieldKind.Plain) return this.idOf(decodeRange(b, s, e, kind));
    // Four bytes a step (one load each, little-endian): a quarter of the multiplies of a byte-wise hash.
    if (b !== this.wordsOf) {
      this.wordsOf = b;
      this.words = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    const words = this.words;
    let h = 0x811c9dc5 ^ (e - s);
    let i = s;
    for (; i + 4 <= e; i += 4) h = Math.imul(h ^ words.getInt32(i, true), 0x01000193);
    for (; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    h = (h ^ (h >>> 15)) >>> 0;
    const slots = this.slots;
    const mask = slots.length - 1;
    const len = e - s;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = slots[slot]! - 1;
      if (k < 0) return this.addKey(b, s, e, h, slot);
      if (this.slotHash[slot] !== h || this.keyLength[k] !== len) continue;
      if (this.sameKey(k, b, s, len)) return this.keyId[k]!;
    }
  }

  /** Whether key `k` is the `len` bytes of `b` at `s` (four bytes a compare, then the rest). */
  private sameKey(k: number, b: Uint8Array, s: number, len: number): boolean {
    const at = this.keyStart[k]!;
    const arena = this.arenaWords;
    const words = this.words;
    let i = 0;
    for (; i + 4 <= len; i += 4) if (arena.getInt32(at + i, true) !== words.getInt32(s + i, true)) return false;
    for (; i < len; i++) if (this.arena[at + i] !== b[s + i]) return false;
    return true;
  }

  /** Id of a text value. */
  idOf(text: string): number {
    let id = this.byText.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(text);
      this.byText.set(text, id);
    }
    return id;
  }

  private addKey(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const id = this.idOf(decodeBytes(b, s, e));
    const len = e - s;
    if (this.arenaUsed + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      next.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = next;
      this.arenaWords = new DataView(next.buffer);
    }
    this.arena.set(b.subarray(s, e), this.arenaUsed);
    if (this.keys === this.keyId.length) {
      this.keyStart = grow(this.keyStart);
      this.keyLength = grow(this.keyLength);
      this.keyId = grow(this.keyId);
    }
    const k = this.keys++;
    this.keyStart[k] = this.arenaUsed;
    this.keyLength[k] = len;
    this.keyId[k] = id;
    this.arenaUsed += len;
    this.slots[slot] = k + 1;
    this.slotHash[slot] = h;
    if (this.keys * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    [this.slots, this.slotHash] = doubleSlots(this.slots, this.slotHash);
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

/**
 * An open-addressing table (slots hold key + 1, 0 is empty; linear probing on the hash) moved into
 * one twice the size: the slots and their hashes. Shared by the dictionaries over bytes.
 */
export function doubleSlots<H extends Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>>(
  slots: Int32Array<ArrayBuffer>,
  slotHash: H,
): [Int32Array<ArrayBuffer>, H] {
  const size = slots.length * 2;
  const grown = new Int32Array(size);
  const hashes = new (slotHash.constructor as new (length: number) => H)(size);
  const mask = size - 1;
  for (let old = 0; old < slots.length; old++) {
    const k = slots[old]!;
    if (k === 0) continue;
    const h = slotHash[old]!;
    let slot = h & mask;
    while (grown[slot] !== 0) slot = (slot + 1) & mask;
    grown[slot] = k;
    hashes[slot] = h;
  }
  return [grown, hashes];
}
