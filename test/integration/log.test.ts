/**
 * Runs last: the "CSMS" log, written at trace level through every test before it, must hold none
 * of the secrets those tests sent.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  harness,
  rememberSecrets,
  resetWithCredentials,
  run,
  SCRATCH_REGION,
  withSetting,
  type Harness,
} from './harness';

suite('Log', () => {
  let h: Harness;
  let log: string;
  /** A secret type no other test uses: once the log names it, every earlier line is written. */
  const marker = `Marker-${Date.now().toString(36)}`;

  suiteSetup(async () => {
    h = await harness();
    await resetWithCredentials(h);
    await withSetting('region', SCRATCH_REGION, () => run('csms.checkAgency', marker));
    rememberSecrets(h);
    log = await readLogUntil(h.testing.logUri, marker);
  });

  test('the log was written at trace level, up to the last request', () => {
    assert.match(log, /\[trace\].*\{"secret_type":"RDS-FG"\}/, 'no request body at trace level');
    assert.ok(log.includes(marker), 'the last request is not in the log');
  });

  test('the log holds no secret key, token, security token or signature', () => {
    const { emulator, secretsUsed } = h;
    assert.ok(secretsUsed.has(emulator.token), 'no test sent the IAM token');
    assert.ok(secretsUsed.has(emulator.securityToken), 'no test sent the security token');
    const signatures = [...secretsUsed].filter((secret) => /^[0-9a-f]{64}$/.test(secret));
    assert.ok(signatures.length > 0, 'no test sent a signature');

    for (const secret of [emulator.secretKey, ...secretsUsed]) {
      assert.ok(!log.includes(secret), `the log holds a secret (${secret.slice(0, 4)}…)`);
    }
  });

  test('the log never names the access key', () => {
    assert.ok(!log.includes(h.emulator.accessKey), 'the log holds the access key');
  });
});

/** The text of every log file under the extension's log folder, once it holds `marker`. */
async function readLogUntil(logUri: vscode.Uri, marker: string): Promise<string> {
  // The log channel writes its file in batches: give the last lines a moment to arrive.
  for (let attempt = 0; attempt < 50; attempt++) {
    const text = await readLogFiles(logUri);
    if (text.includes(marker)) {
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return readLogFiles(logUri);
}

async function readLogFiles(folder: vscode.Uri): Promise<string> {
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).catch(() => []);
  const texts: string[] = [];
  for (const [name, type] of entries) {
    const uri = vscode.Uri.joinPath(folder, name);
    if (type === vscode.FileType.Directory) {
      texts.push(await readLogFiles(uri));
    } else if (name.endsWith('.log')) {
      texts.push(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
    }
  }
  return texts.join('\n');
}
