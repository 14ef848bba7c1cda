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
