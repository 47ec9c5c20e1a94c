// Shared by the browser tests: bundles a report's webview code the way scripts/build.mjs does
// (in memory, so the tests need no prior build), launches Debian's Chromium headless, and
// records every console error, page error and CSP violation of a page.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function chromiumMissing(): string | false {
  return existsSync(CHROMIUM_PATH)
    ? false
    : `${CHROMIUM_PATH} is absent (apt-get install chromium); browser checks skipped`;
}

export async function bundleReport(kind: string): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [`webview/${kind}/main.ts`],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  /** "directive blocked-uri sample" per securitypolicyviolation event. */
  violations: string[];
}

/** Starts recording before any of the page's own scripts run. */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], violations: [] };
  page.on('console', (message) => {
    // Plotly reports blocked styles as warnings, so warnings that mention CSP count too.
    if (message.type() === 'error' || /CSP|Content Security Policy/i.test(message.text())) {
      problems.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  await page.exposeFunction('__reportViolation', (text: string) => problems.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportViolation(text: string): void }).__reportViolation;
      report(
        `${event.violatedDirective} ${event.blockedURI} ${event.sample} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return problems;
}

/**
 * Waits until `condition` holds, for what the page reports asynchronously (violation events,
 * console messages); fails after `limitMs`, a bound on a hang and never a race against the work.
 */
export async function untilReported(condition: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 20) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never reported: ${what}`);
}
