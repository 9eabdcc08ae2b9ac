/**
 * The page's strings in the display language: the first import of every `<panel>.main.ts`, so the
 * bundle the host wrote into the page (src/protocol/l10n.ts) is in use before any other module runs
 * (imports run in order) and before anything renders. Every string a person reads is written
 * `l10n.t('…')` with '@vscode/l10n'; without a bundle (English) they are the strings in the code.
 */
import { PAGE_L10N_ID, parsePageL10n, useL10nBundle } from '../../src/protocol/l10n';

const page = parsePageL10n(document.getElementById(PAGE_L10N_ID)?.textContent);
useL10nBundle(page?.bundle);
