/**
 * The one way a webview page starts: the page's locale, its first request (`init`, with a loading
 * state meanwhile and Retry on failure), its UI state restored into a StateStore, then the
 * page object built and put in place. Every panel's `<panel>.main.ts` calls `mountPage`.
 */
import { replace } from './dom';
import { setLocale } from './format';
import { StateStore, savedUi } from './stateStore';
import { markForTests } from './testSeam';
import type { VsCodeApi } from './vscodeApi';
import { firstRequest } from './widgets';

/** What a page gets: the panel's init answer and its UI state. */
export interface PageContext<Init, Ui> {
  init: Init;
  store: StateStore<Ui>;
}

/** A built page: its top-level elements, and what it does once they are in place (load, activate a tab). */
export interface Page {
  readonly elements: readonly Node[];
  start(): void;
}

export interface PageSpec<Init extends { panel: object; ui?: unknown }, Ui> {
  root: HTMLElement;
  api: VsCodeApi;
  /** Shown while `init` runs (an emptyState). */
  loading: () => HTMLElement;
  init: () => Promise<Init>;
  saveState: (ui: Ui) => Promise<unknown>;
  /** The saved state made valid (defaults where it is not), see StateStore. */
  sanitize: (saved: unknown, init: Init) => Ui;
  page: (context: PageContext<Init, Ui>) => Page;
}

export async function mountPage<Init extends { panel: object; ui?: unknown }, Ui>(spec: PageSpec<Init, Ui>): Promise<void> {
  // One locale for every number and date on the page: the webview's, as its date inputs use (the
  // page's `lang` stays the display language the host wrote: the language of its words).
  const locale = setLocale(navigator.language);
  if (!document.documentElement.lang) document.documentElement.lang = locale;
  const init = await firstRequest(spec.root, spec.loading(), spec.init, () => void mountPage(spec));
  if (!init) return;
  const saveToHost = (ui: Ui) => void spec.saveState(ui).catch(() => undefined);
  const store = new StateStore(spec.api, init.panel, spec.sanitize(savedUi(spec.api, init), init), saveToHost);
  store.update(() => undefined); // write the restored state back, so both copies agree from now on
  const page = spec.page({ init, store });
  replace(spec.root, ...page.elements);
  markForTests('ready', 'true');
  page.start();
}
