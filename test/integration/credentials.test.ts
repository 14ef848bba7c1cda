/**
 * Configure Credentials… and Clear Credentials: where the keys go, that they are checked at once,
 * and that the next requests carry them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  AGENCIES_PATH,
  configureAkSk,
  forgetRequests,
  harness,
  requestsTo,
  resetAll,
  run,
  type Harness,
} from './harness';
import { readSettingsFiles, settingsValues } from './settingsFiles';
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
    await configureAkSk(h);

    assert.deepEqual(h.prompter.unanswered(), []);
    assert.deepEqual(h.prompter.messagesOf('error'), []);
    const [info] = h.prompter.messagesOf('info');
    assert.match(info?.text ?? '', /credentials work/i, JSON.stringify(h.prompter.messages));
    assert.ok(info.text.includes(h.emulator.projectId), 'the message names no project');
  });

  test('no setting and no settings file holds the keys', async () => {
    await configureAkSk(h);

    const values = JSON.stringify(settingsValues());
    const files = await readSettingsFiles(h.testing.logUri);
    // The endpoint setting points at the emulator: finding it proves the search looked somewhere.
    assert.ok(values.includes(h.emulator.url), 'the csms settings were not read');
    assert.ok(
      files.some((file) => file.text.includes(h.emulator.url)),
      'no settings file found',
    );
    for (const secret of [h.emulator.accessKey, h.emulator.secretKey]) {
      assert.ok(!values.includes(secret), 'a csms setting holds a credential');
      for (const file of files) {
        assert.ok(!file.text.includes(secret), `${file.path} holds a credential`);
      }
    }
  });

  test('the stored access key signs the next request', async () => {
    await configureAkSk(h);
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
    h.prompter
      .answerPick('credentialMethod', { method: 'temporary' })
      .answerInput('accessKey', h.emulator.accessKey)
      .answerInput('secretKey', h.emulator.secretKey)
      .answerInput('securityToken', h.emulator.securityToken);

    await run('csms.configureCredentials');

    const boxes = h.prompter.prompts.filter((prompt) => prompt.id !== 'accessKey');
    const secretBoxes = boxes.filter((prompt) => prompt.kind === 'input');
    assert.deepEqual(
      secretBoxes.map((prompt) => prompt.id),
      ['secretKey', 'securityToken'],
    );
    for (const box of secretBoxes) {
      const options = box.options as vscode.InputBoxOptions;
      assert.equal(options.password, true, `${box.id} shows what is typed`);
      assert.equal(options.ignoreFocusOut, true, `${box.id} closes on a focus change`);
    }
  });

  test('temporary keys send their security token with every request', async () => {
    h.prompter
      .answerPick('credentialMethod', { method: 'temporary' })
      .answerInput('accessKey', h.emulator.accessKey)
      .answerInput('secretKey', h.emulator.secretKey)
      .answerInput('securityToken', h.emulator.securityToken);
    await run('csms.configureCredentials');

    await run('csms.checkAgency', 'RDS-FG');

    assert.deepEqual(h.prompter.messagesOf('error'), []);
    const sent = h.emulator.requests.map((request) => request.headers['x-security-token']);
    assert.ok(sent.length > 0, 'no request was sent');
    assert.deepEqual(new Set(sent), new Set([h.emulator.securityToken]));
  });

  test('an IAM token is verified and sent as X-Auth-Token, never signed', async () => {
    h.prompter
      .answerPick('credentialMethod', { method: 'token' })
      .answerInput('token', h.emulator.token);
    await run('csms.configureCredentials');

    await run('csms.checkAgency', 'RDS-FG');

    assert.deepEqual(h.prompter.messagesOf('error'), []);
    const [check] = requestsTo(h, 'GET');
    assert.ok(check, 'the check sent no request');
    assert.equal(check.headers['x-auth-token'], h.emulator.token);
    assert.equal(check.headers.authorization, undefined);
  });

  test('Clear Credentials returns the view to its welcome state and stops requests', async () => {
    await configureAkSk(h);
    await run('csms.createAgency', 'RDS-FG');
    assert.notDeepEqual(await snapshotTree(h.testing.agencies), []);

    await run('csms.clearCredentials');
    forgetRequests(h);
    await run('csms.checkAgency', 'RDS-FG');

    const tree = await snapshotTree(h.testing.agencies);
    assert.deepEqual(tree, [], describeTree(tree));
    assert.deepEqual(requestsTo(h, 'GET', AGENCIES_PATH), []);
  });
});
