// Helpers shared by the UI tests (test-ui.mjs, test-ui-untrusted.mjs): a workbench page whose
// extension-host output reaches our log, tree-row labels, and polling with a deadline.
import { openWorkbenchPage } from './workbench-browser.mjs';

/** Opens a workbench page that echoes extension-host lines and mlcycle errors to our console. */
export function openLoggedWorkbenchPage(browser) {
  return openWorkbenchPage(browser, {
    onConsole: (text, type) => {
      if (text.includes('[Extension Host]'))
        console.log(
          text
            .replace(/%c/g, '')
            .replace(/(\s*color:\s*\S*)+\s*$/, '')
            .trim(),
        );
      else if (type === 'error' && /mlcycle/i.test(text)) console.error(`[workbench error] ${text}`);
    },
    onPageError: (message) => console.error(`[workbench page error] ${message}`),
  });
}

export const rowLabel = (row) => row.locator('.label-name').first();

/** The label text of every row a locator matches, in order. */
export async function labelsOf(rows) {
  const count = await rows.count();
  const texts = [];
  for (let i = 0; i < count; i++) texts.push((await rowLabel(rows.nth(i)).textContent())?.trim() ?? '');
  return texts;
}

/** A `pollUntil(what, read, accept, timeoutMs?)` for `page`: reads until accepted or the deadline passes. */
export function poller(page, defaultTimeoutMs) {
  return async function pollUntil(what, read, accept, timeoutMs = defaultTimeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      last = await read();
      if (accept(last)) return last;
      if (Date.now() > deadline)
        throw new Error(
          `timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last)}`,
        );
      await page.waitForTimeout(200);
    }
  };
}
