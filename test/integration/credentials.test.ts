/**
 * Configure Credentials… and Clear Credentials: where the keys go, that they are checked at once,
 * and that the next requests carry them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  configure,
  forgetRequests,
  harness,
  requestsTo,
  resetAll,
  run,
  withSetting,
  type Harness,
} from './harness';
import { readProfileFiles, settingsValues } from './profileFiles';
import { snapshotTree, describeTree } from './treeSnapshot';

suite('Credentials', () => {
  let h: Harness;

  suiteSetup(async () => {
    h = await harness();
  });

  setup(async () => {
    await resetAll(h);
  });

  test('access keys are verified at once and the user is told they work', async () => {
    await configure(h, 'aksk');

    assert.deepEqual(h.prompter.messagesOf('error'), []);
    const [info] = h.prompter.messagesOf('info');
    assert.match(info?.text ?? '', /credentials work/i, JSON.stringify(h.prompter.messages));
    assert.ok(info.text.includes(h.emulator.projectId), 'the message names no project');
  });

  test('the keys are in no setting and no file of the profile', async () => {
    await configure(h, 'aksk');

    const values = JSON.stringify(settingsValues());
    const files = await readProfileFiles(h.testing.logUri);
    // The endpoint setting points at the emulator: finding it proves the search looked somewhere.
    assert.ok(values.includes(h.emulator.url), 'the csms settings were not read');
    assert.ok(
      files.some((file) => file.text.includes(h.emulator.url)),
      'no settings file found',
    );
    for (const secret of [h.emulator.accessKey, h.emulator.secretKey]) {
      assert.ok(!values.includes(secret), 'a csms setting holds a credential');
      const holders = files.filter((file) => file.text.includes(secret)).map((file) => file.path);
      assert.deepEqual(holders, [], 'files hold a credential');
    }
  });

  test('the stored access key signs the next request', async () => {
    await configure(h, 'aksk');
    forgetRequests(h);

    await run('csms.checkAgency', 'RDS-FG');

    const [check] = requestsTo(h, 'GET');
    assert.ok(check, 'the check sent no request');
    assert.match(
      check.headers.authorization ?? '',
      new RegExp(`Access=${h.emulator.accessKey}\\b`),
    );
  });

  test('secrets are typed into password boxes that survive a focus change', async () => {
    await configure(h, 'temporary');
    await configure(h, 'token');

    const inputs = h.prompter.prompts.filter((prompt) => prompt.kind === 'input');
    const secretBoxes = inputs.filter((prompt) => prompt.id !== 'accessKey');
    assert.deepEqual(
      secretBoxes.map((prompt) => prompt.id),
      ['secretKey', 'securityToken', 'token'],
    );
    for (const box of secretBoxes) {
      const options = box.options as vscode.InputBoxOptions;
      assert.equal(options.password, true, `${box.id} shows what is typed`);
      assert.equal(options.ignoreFocusOut, true, `${box.id} closes on a focus change`);
    }
  });

  test('temporary keys send their security token with every request', async () => {
    await configure(h, 'temporary');

    await run('csms.checkAgency', 'RDS-FG');

    assert.deepEqual(h.prompter.messagesOf('error'), []);
    const sent = h.emulator.requests.map((request) => request.headers['x-security-token']);
    assert.ok(sent.length > 0, 'no request was sent');
    assert.deepEqual(new Set(sent), new Set([h.emulator.securityToken]));
  });

  test('an IAM token is verified and sent as X-Auth-Token, never signed', async () => {
    await configure(h, 'token');

    await run('csms.checkAgency', 'RDS-FG');

    assert.deepEqual(h.prompter.messagesOf('error'), []);
    assert.match(h.prompter.messagesOf('info')[0]?.text ?? '', /credentials work/i);
    const [check] = requestsTo(h, 'GET');
    assert.ok(check, 'the check sent no request');
    assert.equal(check.headers['x-auth-token'], h.emulator.token);
    assert.equal(check.headers.authorization, undefined);
  });

  /** Types made-up AK/SK keys the emulator does not know, and notes the SK for the log search. */
  function typeUnknownKeys(accessKey: string): { accessKey: string; secretKey: string } {
    const secretKey = `MadeUpSecretFor${accessKey}`.padEnd(40, 'x');
    h.secretsUsed.add(secretKey);
    h.prompter
      .answerPick('credentialMethod', { method: 'aksk' })
      .answerInput('accessKey', accessKey)
      .answerInput('secretKey', secretKey);
    return { accessKey, secretKey };
  }

  /** The access keys that signed `requests`: all of them since the last `forgetRequests`. */
  function signingKeys(requests = h.emulator.requests): string[] {
    const keys = requests.map(
      (request) => /Access=([^,\s]+)/.exec(request.headers.authorization ?? '')?.[1],
    );
    return [...new Set(keys.filter((key): key is string => key !== undefined))];
  }

  test('refused keys are not saved, and the previous keys still sign the next request', async () => {
    await configure(h, 'aksk');
    h.prompter.clear();
    typeUnknownKeys('MADEUPREFUSEDKEY0001');
    h.prompter.respondToMessages((message) =>
      message.actions.includes('Keep Previous') ? 'Keep Previous' : undefined,
    );

    await run('csms.configureCredentials');

    const [refusal] = h.prompter.messagesOf('error');
    assert.match(refusal?.text ?? '', /refused the new credentials/, JSON.stringify(refusal));
    assert.match(refusal.text, /previous credentials stay in use/);
    assert.deepEqual(refusal.actions, ['Save Anyway', 'Keep Previous']);
    assert.deepEqual(h.prompter.messagesOf('info'), [], 'they were said to work');

    forgetRequests(h);
    h.prompter.clear();
    await run('csms.checkAgency', 'RDS-FG');

    assert.equal(requestsTo(h, 'GET').length, 1, 'the check sent no request');
    assert.deepEqual(signingKeys(), [h.emulator.accessKey]);
    assert.deepEqual(h.prompter.messagesOf('error'), []);
  });

  test('Save Anyway keeps refused keys, and they sign the next request', async () => {
    await configure(h, 'aksk');
    h.prompter.clear();
    const { accessKey } = typeUnknownKeys('MADEUPSAVEDKEY000002');
    h.prompter.respondToMessages((message) =>
      message.actions.includes('Save Anyway') ? 'Save Anyway' : undefined,
    );

    await run('csms.configureCredentials');
    forgetRequests(h);
    h.prompter.clear();
    await run('csms.checkAgency', 'RDS-FG');

    assert.deepEqual(signingKeys(), [accessKey]);
  });

  test('a cancelled check keeps the previous keys and says nothing', async () => {
    await configure(h, 'aksk');
    h.prompter.clear();
    typeUnknownKeys('MADEUPCANCELKEY00003');
    h.prompter.cancelNextProgress(() => Promise.resolve());

    await run('csms.configureCredentials');

    assert.deepEqual(h.prompter.messages, []);
    forgetRequests(h);
    await run('csms.checkAgency', 'RDS-FG');

    // Only the check's own request: the cancelled one may still reach the emulator late.
    const checks = requestsTo(h, 'GET');
    assert.equal(checks.length, 1, 'the check sent no request');
    assert.deepEqual(signingKeys(checks), [h.emulator.accessKey]);
  });

  test('keys that could not be checked are offered for saving, and saved on request', async () => {
    await withSetting('projectId', h.emulator.projectId, async () => {
      // With the project id set, the check is a CSMS status call, which the server fails.
      h.emulator.setScenario('error-500', { times: 1 });
      h.prompter.respondToMessages((message) =>
        message.actions.includes('Save Anyway') ? 'Save Anyway' : undefined,
      );

      await configure(h, 'aksk');

      const [warning] = h.prompter.messagesOf('warning');
      assert.match(
        warning?.text ?? '',
        /could not be checked/,
        JSON.stringify(h.prompter.messages),
      );
      assert.deepEqual(warning.actions, ['Save Anyway', 'Discard']);
      forgetRequests(h);
      await run('csms.checkAgency', 'RDS-FG');
    });

    const [check] = requestsTo(h, 'GET');
    assert.ok(check, 'the check sent no request: the keys were not saved');
    assert.match(
      check.headers.authorization ?? '',
      new RegExp(`Access=${h.emulator.accessKey}\\b`),
    );
  });

  test('Clear Credentials returns the view to its welcome state and stops requests', async () => {
    await configure(h, 'aksk');
    await run('csms.createAgency', 'RDS-FG');
    assert.notDeepEqual(await snapshotTree(h.testing.agencies), []);

    await run('csms.clearCredentials');
    forgetRequests(h);
    await run('csms.checkAgency', 'RDS-FG');

    const tree = await snapshotTree(h.testing.agencies);
    assert.deepEqual(tree, [], describeTree(tree));
    assert.deepEqual(requestsTo(h, 'GET'), []);
  });
});
