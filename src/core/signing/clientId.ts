/**
 * The shape of a client ID, checked where people type one (the connection wizard, Edit
 * Connection) so that a pasted line break or a look-alike character is caught with a clear message
 * instead of failing every request. The transport checks every header again before sending.
 */
import * as l10n from '@vscode/l10n';
import type { Scheme } from './signer';

const MAX_LENGTH = 512;

/** Why `id` cannot be a client ID (for the scheme, when given), or undefined when it can. */
export function clientIdProblem(id: string, scheme?: Scheme): string | undefined {
  if (id.trim() === '') return l10n.t('The client ID is required.');
  if (id.length > MAX_LENGTH) return l10n.t('The client ID is longer than {0} characters; paste only the ID.', MAX_LENGTH);
  if (id.trim() !== id) return l10n.t('The client ID starts or ends with a space or line break; paste it again without them.');
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    const what =
      c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85
        ? l10n.t('a line break')
        : c === 0x20 || c === 0x09
          ? l10n.t('a space')
          : c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)
            ? l10n.t('a control character')
            : l10n.t('the non-ASCII character U+{0}', c.toString(16).toUpperCase().padStart(4, '0'));
    return l10n.t({
      message:
        'The client ID contains {0} at position {1}. Client IDs are letters, digits and punctuation only: copy it again from the Frame console.',
      args: [what, i + 1],
      comment: ['{0} is a character described in words, e.g. "a line break".'],
    });
  }
  // Both schemes put the id before a ':' (Signature id:sig, Basic base64(id:secret)).
  if ((scheme === 'janrain-signature' || scheme === 'basic') && id.includes(':'))
    return l10n.t('The client ID contains ":", which this signing scheme uses as a separator: check that only the ID was pasted.');
  return undefined;
}
