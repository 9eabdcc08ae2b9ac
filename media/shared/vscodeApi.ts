/** The API VS Code injects into every webview (declared here: media/ must not import 'vscode'). */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** acquireVsCodeApi may be called only once per page, so it is cached. */
export function vscodeApi(): VsCodeApi {
  return (api ??= acquireVsCodeApi());
}
