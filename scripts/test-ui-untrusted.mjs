// UI test of restricted mode: the real workbench with Workspace Trust on, on a temp copy of
// examples/penguins that is untrusted (fresh user data, fresh browser storage). Answers the
// startup trust prompt "No, I don't trust the authors", checks the window is in Restricted
// Mode, that the ML Lifecycle sidebar still shows the lifecycle plus its "Restricted mode" row,
// that neither the command palette nor a click on a job item runs a job or writes a file, and
// that the "Restricted mode" row opens the Workspace Trust editor. Screenshots go to
// test-results/ui/untrusted-*.png. Every wait polls with a deadline.
//
//   node scripts/test-ui-untrusted.mjs [--no-build]
// `npm run test:ui` runs it after scripts/test-ui.mjs (which builds first, hence --no-build);
// when started that way it reports its counts to the parent over IPC.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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
const NOTICE = 'Restricted mode: jobs are off';
const PHASES = [
  'Problem definition',
  'Data collection and preparation',
  'Model development and evaluation',
  'Deployment',
  'Monitoring and maintenance',
];
// The VS Code 1.100 startup prompt (workspaceTrust.ts): message and the "don't trust" button.
const TRUST_QUESTION = 'Do you trust the authors of the files in this folder?';
const DONT_TRUST = "No, I don't trust the authors";
// Our own warning (src/extension/trust.ts requireTrust).
const REFUSAL = /runs a background job, which ML Lifecycle does only in a trusted workspace \(restricted mode\)/;
// Commands with `enablement: isWorkspaceTrusted` (package.json): the palette must not offer them.
const JOB_COMMANDS = [
  'Inspect Datasets',
  'Profile Dataset',
  'Draft Data Dictionary',
  'Draft Expectations from Profile',
  'Validate Data',
  'Train Models',
  'Evaluate Model on Dataset',
  'Predict with Model',
  'Generate Model Card',
];

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await ensureCodeServer();
mkdirSync(screenshots, { recursive: true });
for (const name of readdirSync(screenshots)) if (name.startsWith('untrusted-')) rmSync(join(screenshots, name));
const shot = (name) => page.screenshot({ path: join(screenshots, `untrusted-${name}.png`) });

const started = Date.now();
const workspace = copyToTempWorkspace(join(root, 'examples/penguins'), 'ui-untrusted');
const records = join(workspace.dir, '.mlcycle');
// No smoke-test driver: with it the workbench refuses every dialog, the trust prompt included.
const server = await startServer({ workspaceTrust: true, smokeTestDriver: false, env: { MLCYCLE_DIAGNOSTICS: '1' } });
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

const sidebar = page.locator('.part.sidebar');
const topRows = () => sidebar.locator('.monaco-list-row[aria-level="1"]');
// Toasts that finished fading in (a screenshot taken earlier shows them half transparent).
const toasts = page.locator('.notifications-toasts .notification-toast.notification-fade-in-done');

/** Every file and folder of the workspace with its size and mtime: what "writes nothing" compares. */
function listing(dir) {
  return readdirSync(dir, { recursive: true })
    .sort()
    .map((path) => {
      const stats = statSync(join(dir, path));
      return `${path} ${stats.isDirectory() ? 'dir' : stats.size} ${stats.mtimeMs}`;
    });
}
const untouched = listing(workspace.dir);

function assertNothingWritten(when) {
  if (existsSync(records))
    throw new Error(`${when}, ${records} exists: ${JSON.stringify(readdirSync(records, { recursive: true }))}`);
  const now = listing(workspace.dir);
  const changed = [
    ...now.filter((line) => !untouched.includes(line)),
    ...untouched.filter((line) => !now.includes(line)).map((line) => `gone: ${line}`),
  ];
  if (changed.length) throw new Error(`${when}, the workspace changed: ${JSON.stringify(changed)}`);
}

/** Texts of the visible notification toasts. */
async function toastTexts() {
  const texts = [];
  for (let i = 0; i < (await toasts.count()); i++)
    texts.push(
      (
        await toasts
          .nth(i)
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .trim(),
    );
  return texts;
}

const steps = [
  [
    'the workbench asks whether to trust the folder, and "No, I don\'t trust" puts it in Restricted Mode',
    async () => {
      await page.goto(workbenchUrl(server, { folder: workspace.dir, extensionDevelopmentPath: root }), {
        timeout: WAIT_MS,
      });
      const dialog = page.locator('.monaco-dialog-box').filter({ hasText: TRUST_QUESTION });
      await dialog.waitFor({ timeout: WAIT_MS });
      await shot('01-trust-prompt');
      await dialog.locator('.monaco-button').filter({ hasText: DONT_TRUST }).click();
      await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
      const status = page.locator('.part.statusbar .statusbar-item').filter({ hasText: 'Restricted Mode' });
      await status.waitFor({ timeout: WAIT_MS });
      const banner = page
        .locator('.part.banner')
        .filter({ hasText: 'Restricted Mode is intended for safe code browsing' });
      await banner.waitFor({ timeout: WAIT_MS });
      console.log(
        `[ui] status bar: "${(await status.innerText()).trim()}" (${await status
          .locator('a, [role="button"]')
          .first()
          .getAttribute('aria-label')
          .catch(() => null)})`,
      );
      await shot('02-restricted-mode');
    },
  ],
  [
    `the "${CONTAINER_TITLE}" view shows the five phases and the "${NOTICE}" row`,
    async () => {
      const item = page.locator(`.part.activitybar .action-item a[aria-label^="${CONTAINER_TITLE}"]`);
      await item.waitFor({ timeout: WAIT_MS });
      await item.click();
      await sidebar
        .locator('.composite.title')
        .filter({ hasText: new RegExp(CONTAINER_TITLE, 'i') })
        .waitFor({ timeout: WAIT_MS });
      const first = await pollUntil(
        'the notice and the first phase',
        () => labelsOf(topRows()),
        (l) => l.includes(NOTICE) && l.includes(PHASES[0]),
      );
      if (first[0] !== NOTICE) throw new Error(`the "${NOTICE}" row is not first: ${JSON.stringify(first)}`);
      await page.mouse.move(900, 600); // no activity-bar hover in the picture
      await shot('03-lifecycle-view');
      // Phases start expanded and the list renders only visible rows: collapse them so all fit.
      await pollUntil(
        'all phases collapsed',
        async () => {
          const expanded = sidebar.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]');
          if (await expanded.count()) await expanded.first().locator('.monaco-tl-twistie').click();
          return sidebar.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]').count();
        },
        (n) => n === 0,
      );
      const rows = await pollUntil(
        'the notice and five phase rows',
        () => labelsOf(topRows()),
        (l) => l.length >= PHASES.length + 1,
      );
      for (const phase of PHASES)
        if (!rows.includes(phase)) throw new Error(`phase "${phase}" not in the tree: ${JSON.stringify(rows)}`);
      console.log(`[ui] top-level rows: ${rows.join('; ')}`);
      await shot('04-phases-and-notice');
    },
  ],
  [
    "job commands are disabled: the view's Inspect Datasets button is greyed out, F1 offers no job command; nothing is written",
    async () => {
      // The view's own "Inspect Datasets" button is there but disabled (enablement isWorkspaceTrusted).
      const button = sidebar
        .locator(
          '.title-actions .action-item a[aria-label="Inspect Datasets"], .actions .action-item a[aria-label="Inspect Datasets"]',
        )
        .first();
      await button.waitFor({ timeout: WAIT_MS });
      const classes = await pollUntil(
        'the Inspect Datasets view button to be disabled',
        () => button.getAttribute('class'),
        (c) => /\bdisabled\b/.test(c ?? ''),
        10_000,
      );
      console.log(`[ui] Inspect Datasets view button: "${classes}"`);
      await page.locator('.part.editor').click({ position: { x: 400, y: 300 } });
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ timeout: WAIT_MS });
      const picks = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      const pickLabels = async () => {
        const texts = [];
        for (let i = 0; i < (await picks.count()); i++)
          texts.push((await picks.nth(i).getAttribute('aria-label')) ?? '');
        return texts;
      };
      await input.fill('>ML Lifecycle: ');
      // "Show Project Overview" has the same palette `when` (mlcycle.hasProject) as the job
      // commands: once it is offered, only their enablement can keep them out.
      const offered = await pollUntil('ML Lifecycle commands in the palette', pickLabels, (l) =>
        l.some((t) => t.includes('Show Project Overview')),
      );
      console.log(`[ui] palette offers: ${offered.join('; ')}`);
      const jobs = offered.filter((t) => JOB_COMMANDS.some((job) => t.includes(`ML Lifecycle: ${job}`)));
      if (jobs.length) throw new Error(`restricted mode, yet the palette offers job commands: ${JSON.stringify(jobs)}`);
      await input.fill('>ML Lifecycle: Inspect Datasets');
      const shown = await pollUntil(
        'the palette to filter',
        pickLabels,
        (l) => !l.some((t) => t.includes('Show Project Overview')),
      );
      await shot('05-palette');
      await page.keyboard.press('Escape');
      if (shown.some((t) => t.includes('Inspect Datasets')))
        throw new Error(`"Inspect Datasets" is offered: ${JSON.stringify(shown)}`);
      console.log(`[ui] typing "Inspect Datasets" offers only: ${JSON.stringify(shown)}`);
      assertNothingWritten('after F1 Inspect Datasets');
    },
  ],
  [
    'clicking "Datasets inspected and fingerprinted" (runs Inspect Datasets directly) refuses with a warning; nothing is written',
    async () => {
      // The item's action calls the command from the extension host, where enablement does not
      // apply: this is the guard in the job service (requireTrust) at work.
      const phase = topRows()
        .filter({ has: page.locator('.label-name', { hasText: PHASES[1] }) })
        .first();
      await phase.locator('.monaco-tl-twistie').click();
      await pollUntil(
        'the data phase to expand',
        () => phase.getAttribute('aria-expanded'),
        (v) => v === 'true',
      );
      const item = sidebar
        .locator('.monaco-list-row[aria-level="2"]')
        .filter({ has: page.locator('.label-name', { hasText: 'Datasets inspected and fingerprinted' }) })
        .first();
      await item.click();
      // Stop polling early if the job ran after all and wrote its record.
      const seen = await pollUntil(
        'the restricted-mode warning',
        toastTexts,
        (l) => l.some((t) => REFUSAL.test(t)) || existsSync(records),
      );
      await shot('06-job-refused');
      assertNothingWritten('after clicking the item');
      console.log(`[ui] warning: ${seen.find((t) => REFUSAL.test(t))}`);
    },
  ],
  [
    `clicking the "${NOTICE}" row opens the Workspace Trust editor`,
    async () => {
      await topRows()
        .filter({ has: page.locator('.label-name', { hasText: NOTICE }) })
        .first()
        .click();
      const editor = page.locator('.part.editor .workspace-trust-editor');
      await editor.waitFor({ timeout: WAIT_MS });
      await editor.filter({ hasText: 'In Restricted Mode' }).waitFor({ timeout: WAIT_MS });
      await page.locator('.part.editor .tab').filter({ hasText: 'Workspace Trust' }).waitFor({ timeout: WAIT_MS });
      await shot('07-workspace-trust-editor');
      assertNothingWritten('at the end');
    },
  ],
];

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
      await shot(`failure-${index + 1}`).catch(() => {});
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
  `\n[test-ui-untrusted] ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s); screenshots in ${screenshots}/untrusted-*.png`,
);
if (process.send) await new Promise((done) => process.send({ passed, failed, skipped }, done));
process.exit(failed === 0 ? 0 : 1);
