// The webview's side of the typed channel to the extension host. Inside VS Code it wraps
// acquireVsCodeApi(); in an exported file (no VS Code) it reads the embedded report and has
// nobody to talk to, so buttons that need the host are not shown.
import {
  EMBEDDED_REPORT_ID,
  isHostToWebview,
  isReportPayload,
  isWebviewState,
  type HostToWebview,
  type ReportPayload,
  type WebviewState,
  type WebviewToHost,
} from '../../src/protocol/webview';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface ReportHost {
  /** True in an exported file opened in a plain browser. */
  readonly standalone: boolean;
  post(message: WebviewToHost): void;
  /** The report to show before the host answers: the saved state, or the embedded report. */
  initialReport(): ReportPayload | undefined;
  saveState(state: WebviewState): void;
  onMessage(handler: (message: HostToWebview) => void): void;
}

function embeddedReport(): ReportPayload | undefined {
  const element = document.getElementById(EMBEDDED_REPORT_ID);
  if (!element?.textContent) return undefined;
  const value: unknown = JSON.parse(element.textContent);
  return isReportPayload(value) ? value : undefined;
}

function vscodeHost(api: VsCodeApi): ReportHost {
  return {
    standalone: false,
    post: (message) => api.postMessage(message),
    initialReport: () => {
      const state = api.getState();
      return isWebviewState(state) ? state.report : undefined;
    },
    saveState: (state) => api.setState(state),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent) => {
        // VS Code delivers the host's postMessage here; anything else is ignored.
        if (isHostToWebview(event.data)) handler(event.data);
      }),
  };
}

function standaloneHost(): ReportHost {
  return {
    standalone: true,
    post: () => undefined,
    initialReport: embeddedReport,
    saveState: () => undefined,
    onMessage: () => undefined,
  };
}

/** Call once per page: acquireVsCodeApi may only be called once. */
export function connectToHost(): ReportHost {
  return typeof acquireVsCodeApi === 'function' ? vscodeHost(acquireVsCodeApi()) : standaloneHost();
}
