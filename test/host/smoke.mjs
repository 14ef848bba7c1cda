// UI smoke test, as a person would use the extension: the packaged build installed in the VS Code
// server, driven through the command palette in Chromium against the emulator. It saves the
// README's screenshot to media/screenshot.png and ends with an "N passed, N failed" line.
// Usage: node test/host/smoke.mjs --vsix <file> [--screenshot <png>]
import path from 'node:path';
import { parseArgs } from 'node:util';

import { openBrowser, workbenchUrl } from './browser.mjs';
import { repoRoot } from './install.mjs';
import { startLocalEmulator, startPackagedServer } from './packagedRun.mjs';

const STEP_TIMEOUT_MS = 30_000;

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string', default: path.join(repoRoot, 'csms-agencies.vsix') },
    screenshot: { type: 'string', default: path.join(repoRoot, 'media', 'screenshot.png') },
  },
});

const cleanups = [];
const results = [];

async function stopAll() {
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch(() => undefined);
  }
}

process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));

// The emulator runs in this process, so the test sets its scenario directly; the credentials the
// person types are the emulator's made-up ones.
async function startWorkbench(emulator) {
  const { server, folders } = await startPackagedServer('smoke', {
    emulatorPort: emulator.port,
    vsix: options.vsix,
    cleanups,
  });

  const { browser, page } = await openBrowser({
    origin: server.url,
    viewport: { width: 1400, height: 860 },
  });
  cleanups.push(() => browser.close());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(workbenchUrl(server, folders.workspace));
  return page;
}

const FAILURE_SHOT = path.join(repoRoot, '.vscode-test', 'smoke-failure.png');

/** Runs one check; after a failure the later checks, which build on it, are not attempted. */
async function check(page, name, action) {
  if (results.some((result) => !result.ok)) {
    results.push({ name, ok: false, reason: 'not run: an earlier check failed' });
    return;
  }
  try {
    await action();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    results.push({ name, ok: false, reason });
    console.log(`  ✘ ${name}: ${reason}`);
    await page.screenshot({ path: FAILURE_SHOT }).catch(() => undefined);
    console.log(`    what the page showed: ${FAILURE_SHOT}`);
  }
}

// Keys reach the workbench only once it has focus; a click on the empty editor area gives it.
async function openPalette(page) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.locator('.part.editor').click();
    await page.keyboard.press('F1');
    if (await input.isVisible()) return input;
    await input.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    if (await input.isVisible()) return input;
  }
  throw new Error('F1 did not open the command palette');
}

// Text is typed into whatever has focus, as a person would: the quick input widget holds more
// than one <input> (a password box among them), so no single element is addressed.
async function runCommand(page, title) {
  await openPalette(page);
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function pick(page, label) {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
}

// Input boxes reuse one widget: the title tells which value is being asked for.
async function typeInto(page, title, text) {
  await page.locator('.quick-input-title', { hasText: title }).waitFor();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

// Headless Chromium's workbench files new notifications in the notification centre without a
// toast, so the centre is opened (once; the bell toggles it) and searched, as a person would.
async function expectNotification(page, text) {
  const centre = page.locator('.notifications-center.visible');
  if (!(await centre.isVisible())) {
    await page.locator('.statusbar-item[aria-label^="Notifications"]').click();
  }
  await page.locator('.notifications-center.visible', { hasText: text }).waitFor();
}

async function expectInSideBar(page, text) {
  await page.locator('.part.sidebar', { hasText: text }).waitFor();
}

// The failed agency's message is its description, cut off in a side bar of default width: the
// sash is dragged as a person would, so that the screenshot shows the message whole.
async function widenSideBar(page, width = 760) {
  const box = await page.locator('.part.sidebar').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 10 });
  await page.mouse.up();

  // Away from the sash, which stays highlighted while the pointer rests on it.
  await page.mouse.move(box.x + width + 300, y);
  const widened = await page.locator('.part.sidebar').boundingBox();
  if (widened.width < width - 50) {
    throw new Error(`the side bar is ${Math.round(widened.width)} px wide, not ${width}`);
  }
}

async function main() {
  const emulator = await startLocalEmulator(cleanups);
  const page = await startWorkbench(emulator);

  await check(page, 'the workbench opens with the CSMS view container', async () => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar [aria-label^="CSMS"]').first().waitFor();
  });

  await check(page, 'Configure Credentials… takes typed access keys, and they work', async () => {
    await runCommand(page, 'CSMS: Configure Credentials…');
    await pick(page, 'Access key (AK/SK)');
    await typeInto(page, 'Access key (AK)', emulator.accessKey);
    await typeInto(page, 'Secret key (SK)', emulator.secretKey);
    await expectNotification(page, 'The credentials work');
  });

  await check(
    page,
    'Create Service Agency… RDS-FG warns that one agency of two failed',
    async () => {
      emulator.setScenario('partial-failure', { times: 1 });
      await runCommand(page, 'CSMS: Create Service Agency…');
      await pick(page, 'RDS-FG');
      await expectNotification(page, '1 of 2 service agencies for RDS-FG failed');
    },
  );

  await check(page, 'the side bar tree shows both agencies', async () => {
    await expectInSideBar(page, 'csms_fgs_invoke_agency');
    await expectInSideBar(page, 'fgs_csms_rds_rotation_agency');
  });

  await check(page, "the failed agency shows the service's message", async () => {
    await expectInSideBar(page, 'the agency quota is used up');
  });

  await check(page, 'the side bar widens to show the whole message', () => widenSideBar(page));

  await check(page, `a screenshot is saved to ${path.relative(repoRoot, options.screenshot)}`, () =>
    page.screenshot({ path: options.screenshot }),
  );
}

function report() {
  const passed = results.filter((result) => result.ok).length;
  for (const result of results.filter((each) => !each.ok)) {
    console.log(`  failed: ${result.name} (${result.reason})`);
  }
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return passed === results.length && results.length > 0 ? 0 : 1;
}

let code = 1;
try {
  console.log('[smoke] CSMS extension, as a person would use it');
  await main();
  code = report();
} catch (error) {
  console.error(`[smoke] FAILED: ${error instanceof Error ? error.message : error}`);
  report();
}
await stopAll();
process.exit(code);
