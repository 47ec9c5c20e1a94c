// A report panel's page as VS Code loads it (buildPanelHtml: scripts by URL under the panel
// policy, media/report.css), in headless Chromium, with a stand-in for acquireVsCodeApi that
// records what the page posts and a dark theme on <html> as VS Code sets it. Shared by the
// browser tests of every report (profile, evaluation, compare).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildPanelHtml, createNonce } from '../../../src/extension/panels/html';
import type { HostToWebview, ReportKind, WebviewToHost } from '../../../src/protocol/webview';
import { bundleReport, launchChromium, REPO_ROOT, watchProblems, type PageProblems } from './browserHarness';

const fileUrl = (path: string) => pathToFileURL(path).href;

const FAKE_VSCODE_API = `
  window.__sent = [];
  window.acquireVsCodeApi = function () {
    return {
      postMessage(message) { window.__sent.push(message); },
      getState() { return JSON.parse(sessionStorage.getItem('vscode-state') || 'null'); },
      setState(state) { sessionStorage.setItem('vscode-state', JSON.stringify(state)); },
    };
  };
  document.addEventListener('DOMContentLoaded', function () {
    const root = document.documentElement.style;
    const theme = {
      '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
      '--vscode-editor-font-family': 'monospace',
      '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-editor-background': '#1f1f1f', '--vscode-editorWidget-border': '#454545',
      '--vscode-panel-border': '#2b2b2b', '--vscode-textLink-foreground': '#4daafc',
      '--vscode-charts-blue': '#3794ff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#b180d7', '--vscode-charts-yellow': '#cca700',
      '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-testing-iconPassed': '#73c991', '--vscode-testing-iconFailed': '#f14c4c',
      '--vscode-editorInfo-foreground': '#3794ff', '--vscode-badge-background': '#616161',
      '--vscode-badge-foreground': '#f8f8f8', '--vscode-focusBorder': '#0078d4',
      '--vscode-inputValidation-errorBackground': '#5a1d1d',
    };
    for (const [name, value] of Object.entries(theme)) root.setProperty(name, value);
    document.body.classList.add('vscode-dark');
  }, { capture: true, once: true });
`;

export interface ReportPage {
  page: Page;
  problems: PageProblems;
  sent(): Promise<WebviewToHost[]>;
  post(message: HostToWebview): Promise<void>;
}

export class ReportPageHarness {
  private dir = '';
  private readonly urls = new Map<ReportKind, string>();
  browser!: Browser;

  /** `titles`: the panel title per kind, as the extension gives it (default: the kind). */
  constructor(
    private readonly kinds: readonly ReportKind[],
    private readonly titles: Partial<Record<ReportKind, string>> = {},
  ) {}

  async start(): Promise<void> {
    const [browser, ...scripts] = await Promise.all([launchChromium(), ...this.kinds.map((k) => bundleReport(k))]);
    this.browser = browser;
    this.dir = mkdtempSync(join(tmpdir(), 'mlcycle-report-panel-'));
    this.kinds.forEach((kind, i) => {
      writeFileSync(join(this.dir, `${kind}.js`), scripts[i]);
      const html = buildPanelHtml({
        kind,
        title: this.titles[kind] ?? kind,
        nonce: createNonce(),
        cspSource: 'file:',
        reportScriptUri: fileUrl(join(this.dir, `${kind}.js`)),
        plotlyScriptUri: fileUrl(join(REPO_ROOT, 'node_modules/plotly.js-dist/plotly.js')),
        styleUris: [fileUrl(join(REPO_ROOT, 'media/report.css'))],
      });
      writeFileSync(join(this.dir, `${kind}.html`), html);
      this.urls.set(kind, fileUrl(join(this.dir, `${kind}.html`)));
    });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** A fresh page of `kind` that has said `ready`. */
  async open(kind: ReportKind, viewport = { width: 1200, height: 900 }): Promise<ReportPage> {
    const page = await this.browser.newPage({ viewport });
    const problems = await watchProblems(page);
    await page.addInitScript({ content: FAKE_VSCODE_API });
    await page.goto(this.urls.get(kind)!);
    await page.waitForFunction(() => (window as unknown as { __sent: unknown[] }).__sent.length > 0, null, {
      timeout: 30_000,
    });
    return {
      page,
      problems,
      sent: () => page.evaluate(() => (window as unknown as { __sent: WebviewToHost[] }).__sent),
      post: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    };
  }
}

/** Each chart of the page as `kind:drawn` (drawn is "true", "failed", or absent while drawing). */
export const drawnCharts = (page: Page) =>
  page
    .locator('[data-chart]')
    .evaluateAll((list) => list.map((c) => `${(c as HTMLElement).dataset.chart}:${(c as HTMLElement).dataset.drawn}`));

/** Sets a vscode-single-select's value as the reader would, with its change event. */
export async function setSelect(page: Page, id: string, value: string): Promise<void> {
  await page.evaluate(
    ([selector, v]) => {
      const element = document.getElementById(selector) as HTMLElement & { value: string };
      element.value = v;
      element.dispatchEvent(new Event('change'));
    },
    [id, value],
  );
}

/** Resolves once no chart of the page is still drawing. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-chart]:not([data-drawn])'), null, {
    timeout: 30_000,
  });
}
