// UI smoke test: the real workbench in headless Chromium with the extension loaded on a temp
// copy of examples/penguins. Clicks the "ML Lifecycle" activity-bar item, checks the sidebar
// shows the five phases, expands one, clicks an item, runs "Train Models" from the command
// palette and checks the evaluation report it opens (charts drawn, no CSP violation in any
// frame), and saves a screenshot after each step to test-results/ui/. Each wait polls with a deadline (tree and tab state update async).
// Then runs scripts/test-ui-untrusted.mjs (restricted mode, its own server with Workspace Trust
// on) and ends with one line totalling both.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './code-server.mjs';
import { copyToTempWorkspace, startServer, workbenchUrl } from './vscode-server.mjs';
import { labelsOf, openLoggedWorkbenchPage, poller, rowLabel as label } from './ui-helpers.mjs';
import { launchBrowser } from './workbench-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const screenshots = join(root, 'test-results/ui');
const WAIT_MS = 60_000;
const CONTAINER_TITLE = 'ML Lifecycle';
const PHASES = [
  'Problem definition',
  'Data collection and preparation',
  'Model development and evaluation',
  'Deployment',
  'Monitoring and maintenance',
];

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await ensureCodeServer();
rmSync(screenshots, { recursive: true, force: true });
mkdirSync(screenshots, { recursive: true });

const started = Date.now();
const workspace = copyToTempWorkspace(join(root, 'examples/penguins'), 'ui');
const server = await startServer({ env: { MLCYCLE_DIAGNOSTICS: '1' } });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.stopNow();
    workspace.remove();
    process.exit(130);
  });
}
const browser = await launchBrowser();
const page = await openLoggedWorkbenchPage(browser);
const pollUntil = poller(page, WAIT_MS);
// Chromium logs every refused script, style or image of any frame (webviews included) this way.
const cspMessages = [];
page.on('console', (message) => {
  if (/Content Security Policy|Refused to (load|apply|execute|evaluate|connect)/i.test(message.text()))
    cspMessages.push(message.text());
});

const phaseRows = (view) => view.locator('.monaco-list-row[aria-level="1"]');

const steps = [
  [
    'the workbench opens the workspace with the extension loaded',
    async () => {
      await page.goto(workbenchUrl(server, { folder: workspace.dir, extensionDevelopmentPath: root }), {
        timeout: WAIT_MS,
      });
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: WAIT_MS });
      await page.screenshot({ path: join(screenshots, '01-workbench.png') });
    },
  ],
  [
    `the activity bar has "${CONTAINER_TITLE}" and clicking it shows the lifecycle tree`,
    async () => {
      const item = page.locator(`.part.activitybar .action-item a[aria-label^="${CONTAINER_TITLE}"]`);
      await item.waitFor({ timeout: WAIT_MS });
      await item.click();
      await page
        .locator('.part.sidebar .composite.title')
        .filter({ hasText: new RegExp(CONTAINER_TITLE, 'i') })
        .waitFor({ timeout: WAIT_MS });
      await pollUntil(
        'the first phase row',
        () => labelsOf(phaseRows(page.locator('.part.sidebar'))),
        (l) => l.includes(PHASES[0]),
      );
      await page.screenshot({ path: join(screenshots, '02-lifecycle-view.png') });
    },
  ],
  [
    'the tree shows the five phases',
    async () => {
      const sidebar = page.locator('.part.sidebar');
      // Phases start expanded and the list renders only visible rows: collapse each phase so
      // all five fit, clicking the twistie (a click on the row would also select it).
      await pollUntil(
        'all phases collapsed',
        async () => {
          const expanded = sidebar.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]');
          if (await expanded.count()) await expanded.first().locator('.monaco-tl-twistie').click();
          return sidebar.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]').count();
        },
        (n) => n === 0,
      );
      const titles = await pollUntil(
        'five phase rows',
        () => labelsOf(phaseRows(sidebar)),
        (l) => l.length >= PHASES.length,
      );
      for (const phase of PHASES)
        if (!titles.includes(phase)) throw new Error(`phase "${phase}" not in the tree: ${JSON.stringify(titles)}`);
      await page.screenshot({ path: join(screenshots, '03-phases.png') });
    },
  ],
  [
    `clicking "${PHASES[0]}" expands it to its checklist items`,
    async () => {
      const sidebar = page.locator('.part.sidebar');
      const phase = phaseRows(sidebar)
        .filter({ has: page.locator('.label-name', { hasText: PHASES[0] }) })
        .first();
      await phase.click();
      await pollUntil(
        'the phase to expand',
        () => phase.getAttribute('aria-expanded'),
        (v) => v === 'true',
      );
      const items = await pollUntil(
        'its items',
        () => labelsOf(sidebar.locator('.monaco-list-row[aria-level="2"]')),
        (l) => l.length > 0,
      );
      console.log(`[ui] "${PHASES[0]}" items: ${items.join('; ')}`);
      await page.screenshot({ path: join(screenshots, '04-phase-expanded.png') });
    },
  ],
  [
    'clicking a checklist item selects it and runs its action',
    async () => {
      const sidebar = page.locator('.part.sidebar');
      const item = sidebar.locator('.monaco-list-row[aria-level="2"]').first();
      const title = await label(item).textContent();
      const editorsBefore = await page.locator('.part.editor .tab').count();
      await item.click();
      await pollUntil(
        `"${title}" to be selected`,
        () => item.getAttribute('aria-selected'),
        (v) => v === 'true',
      );
      // The action opens a document, a report, a help page or a prompt: wait until something shows.
      await pollUntil(
        'the item action to show something',
        async () =>
          (await page.locator('.part.editor .tab').count()) > editorsBefore ||
          (await page
            .locator('.quick-input-widget:visible, .notifications-toasts .notification-toast:visible')
            .count()) > 0,
        (shown) => shown,
      );
      await page.waitForLoadState('networkidle').catch(() => {});
      await page.screenshot({ path: join(screenshots, '05-item-action.png') });
    },
  ],
  [
    '"ML Lifecycle: Train Models" from the command palette trains and opens the evaluation report',
    async () => {
      await page.keyboard.press('Escape');
      await page.locator('.part.editor').click({ position: { x: 400, y: 300 } });
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ timeout: WAIT_MS });
      await input.fill('>ML Lifecycle: Train Models');
      const pick = page
        .locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-label*="Train Models"]')
        .first();
      await pick.waitFor({ timeout: WAIT_MS });
      await page.keyboard.press('Enter');
      // Training the penguins spec takes seconds; the report opens beside the editor when it is done.
      await page.locator('.part.editor .tab', { hasText: 'evaluation' }).first().waitFor({ timeout: 180_000 });
      evaluationFrame = await pollUntil(
        'the evaluation report drawn in its webview',
        findEvaluationFrame,
        (frame) => frame !== undefined,
        120_000,
      );
      await page.screenshot({ path: join(screenshots, '06-evaluation-report.png') });
    },
  ],
  [
    'the evaluation report shows its models and charts, with not one CSP violation',
    async () => {
      const frame = evaluationFrame;
      const rows = await frame.locator('#eval-summary tbody tr').count();
      if (rows < 2) throw new Error(`the models table has ${rows} rows: a baseline and at least one model expected`);
      const charts = await pollUntil(
        'every chart drawn',
        () => frame.locator('[data-chart]').evaluateAll((list) => list.map((c) => c.dataset.drawn ?? 'pending')),
        (states) => states.length >= 5 && states.every((d) => d === 'true'),
      );
      const visible = await frame.locator('.js-plotly-plot').first().isVisible();
      if (!visible) throw new Error('the first chart is not visible');
      await frame.locator('#eval-model').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, '07-evaluation-charts.png') });
      console.log(`[ui] evaluation report: ${rows} models, ${charts.length} charts drawn`);
      if (cspMessages.length) throw new Error(`CSP violations: ${cspMessages.join('\n')}`);
    },
  ],
];

/** The webview frame that has drawn the evaluation report, if any (webviews are nested iframes). */
let evaluationFrame;
async function findEvaluationFrame() {
  for (const frame of page.frames()) {
    const drawn = await frame
      .evaluate(
        () => document.body?.dataset.reportKind === 'evaluation' && Number(document.body.dataset.renderCount ?? 0) > 0,
      )
      .catch(() => false);
    if (drawn) return frame;
  }
  return undefined;
}

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  for (const [index, [name, run]] of steps.entries()) {
    const stepStarted = Date.now();
    try {
      await run();
      passed++;
      console.log(`  ✔ ${name} (${Date.now() - stepStarted} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${name}\n    ${String(error.message).split('\n').join('\n    ')}`);
      await page.screenshot({ path: join(screenshots, `failure-${index + 1}.png`) }).catch(() => {});
      skipped = steps.length - index - 1;
      if (skipped > 0) console.log(`  - ${skipped} later step(s) skipped: they build on this one`);
      break;
    }
  }
} finally {
  await browser.close().catch(() => {});
  await server.stop();
  workspace.remove();
}
console.log(
  `\n[test-ui] ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s); screenshots in ${screenshots}`,
);

// Restricted mode: a child process, so its server, browser and signal handlers are its own.
// It reports its counts over IPC; a child that dies before reporting counts as one failure.
console.log('\n[test-ui] restricted mode (scripts/test-ui-untrusted.mjs)');
const untrusted = await new Promise((done) => {
  let counts;
  const child = spawn(process.execPath, [join(root, 'scripts/test-ui-untrusted.mjs'), '--no-build'], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message) => (counts = message));
  child.on('error', (error) => done({ passed: 0, failed: 1, skipped: 0, error: error.message }));
  child.on('exit', (code, signal) =>
    done(
      counts && code === (counts.failed ? 1 : 0)
        ? counts
        : {
            passed: counts?.passed ?? 0,
            failed: Math.max(1, counts?.failed ?? 0),
            skipped: counts?.skipped ?? 0,
            error: `exit ${signal ?? code}`,
          },
    ),
  );
});
const total = {
  passed: passed + untrusted.passed,
  failed: failed + untrusted.failed,
  skipped: skipped + untrusted.skipped,
};
console.log(
  `\n[test-ui] total: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}` +
    ` (trusted ${passed}/${passed + failed + skipped}, restricted mode ${untrusted.passed}/${untrusted.passed + untrusted.failed + untrusted.skipped}${untrusted.error ? `, ${untrusted.error}` : ''})` +
    ` in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(total.failed === 0 ? 0 : 1);
