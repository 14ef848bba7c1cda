// Opens Debian's Chromium through playwright-core. No browser is ever downloaded: the system
// one is used, with the background services that would reach the internet switched off.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CSMS_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium and returns { browser, page } for one workbench. */
export async function openBrowser({ origin, viewport = { width: 1280, height: 800 } }) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const context = await browser.newContext({ viewport });

  // The copy commands write through the browser's clipboard, which asks for permission.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  return { browser, page };
}

/** The workbench URL for a folder on the server, with an optional smoke-test `payload`. */
export function workbenchUrl(server, folder, payload) {
  const remote = (file) => `vscode-remote://127.0.0.1:${server.port}${file}`;
  const url = new URL(server.url);
  url.searchParams.set('folder', remote(folder));
  if (payload) {
    const pairs = Object.entries(payload).map(([key, value]) => [
      key,
      key.endsWith('Path') ? remote(value) : value,
    ]);
    url.searchParams.set('payload', JSON.stringify(pairs));
  }
  return url.toString();
}
