// Opens the VS Code web workbench in Debian's headless Chromium through playwright-core, and
// wires the two page functions the workbench's smoke-test driver calls to report an extension
// test run: codeAutomationLog(level, message) and codeAutomationExit(code, logs).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.MLCYCLE_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser() {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/system-deps.sh (or set MLCYCLE_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', // CI runs as root
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A page with the automation hooks installed; navigate it to a workbench URL afterwards.
 * @param {import('playwright-core').Browser} browser
 * @param {object} hooks
 * @param {(level: string, message: string) => void} [hooks.onLog] test runner output
 * @param {(code: number, logs: {relativePath: string, contents: string}[]) => void} [hooks.onExit]
 * @param {(text: string, type: string) => void} [hooks.onConsole] workbench console (includes
 *   forwarded extension-host console output, prefixed "[Extension Host]")
 * @param {(message: string) => void} [hooks.onPageError] uncaught errors in the workbench page
 */
export async function openWorkbenchPage(browser, { onLog, onExit, onConsole, onPageError } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  if (onLog) await page.exposeFunction('codeAutomationLog', (level, message) => onLog(String(level), String(message)));
  if (onExit)
    await page.exposeFunction('codeAutomationExit', (code, logs) =>
      onExit(Number(code), Array.isArray(logs) ? logs : []),
    );
  if (onConsole) page.on('console', (message) => onConsole(message.text(), message.type()));
  if (onPageError) page.on('pageerror', (error) => onPageError(error.message));
  return page;
}
