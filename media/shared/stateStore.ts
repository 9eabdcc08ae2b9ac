/**
 * A page's UI state (a panel's `<Panel>UiState`): restored from vscode.getState() (the webview
 * was hidden and shown), else from the host's copy in the init answer (a window reload, through
 * the panel serializer), else the panel's defaults. The panel's `sanitize` checks saved state
 * field by field: an older extension version may have stored another shape. Every change is
 * saved to both: setState at once (with the panel's identity, which the serializer needs), the
 * host debounced.
 */
import { debounce } from './debounce';
import type { VsCodeApi } from './vscodeApi';

/** The saved UI state to start from: getState() first (it is the freshest), then the host's copy. */
export function savedUi(api: VsCodeApi, init: { ui?: unknown }): unknown {
  const local = api.getState();
  const ui = local && typeof local === 'object' ? (local as { ui?: unknown }).ui : undefined;
  return ui || init.ui;
}

/** Reads a saved value as an object (anything else: undefined), for a panel's `sanitize`. */
export function savedObject(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

export class StateStore<Ui> {
  private readonly pushToHost: () => void;

  constructor(
    private readonly api: VsCodeApi,
    /** Who the panel is for (`<Panel>Init.panel`): stored with the UI state for the serializer. */
    private readonly panel: object,
    readonly state: Ui,
    saveToHost: (ui: Ui) => void,
  ) {
    // The host writes it into the panel's serializer state: no need to do that on every keystroke.
    this.pushToHost = debounce(() => saveToHost(structuredClone(this.state)), 400);
  }

  /** Applies a change and saves it; setState is cheap and synchronous, so it runs at once. */
  update(change: (s: Ui) => void): void {
    change(this.state);
    this.api.setState({ ...this.panel, ui: this.state });
    this.pushToHost();
  }
}
