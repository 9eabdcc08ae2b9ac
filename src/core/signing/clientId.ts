/**
 * The shape of a client ID, checked where people type one (the connection wizard, Edit
 * Connection) so that a pasted line break or a look-alike character is caught with a clear message
 * instead of failing every request. The transport checks every header again before sending.
 */
import type { Scheme } from './signer';

const MAX_LENGTH = 512;

/** Why `id` cannot be a client ID (for the scheme, when given), or undefined when it can. */
export function clientIdProblem(id: string, scheme?: Scheme): string | undefined {
  if (id.trim() === '') return 'The client ID is required.';
  if (id.length > MAX_LENGTH) return `The client ID is longer than ${MAX_LENGTH} characters; paste only the ID.`;
  if (id.trim() !== id) return 'The client ID starts or ends with a space or line break; paste it again without them.';
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    const what =
      c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85
        ? 'a line break'
        : c === 0x20 || c === 0x09
          ? 'a space'
          : c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)
            ? 'a control character'
            : `the non-ASCII character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    return `The client ID contains ${what} at position ${i + 1}. Client IDs are letters, digits and punctuation only: copy it again from the Frame console.`;
  }
  // Both schemes put the id before a ':' (Signature id:sig, Basic base64(id:secret)).
  if ((scheme === 'janrain-signature' || scheme === 'basic') && id.includes(':'))
    return 'The client ID contains ":", which this signing scheme uses as a separator: check that only the ID was pasted.';
  return undefined;
}
