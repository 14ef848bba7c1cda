/**
 * Check Agency Status… and Refresh Agencies: the tree shows what the server says now, and a
 * refresh only ever asks, never creates.
 */
import * as assert from 'node:assert/strict';
import {
  forgetRequests,
  harness,
  requestsTo,
  resetEmulator,
  resetWithCredentials,
  run,
  type Harness,
} from './harness';
import { describeTree, snapshotTree, typeNode } from './treeSnapshot';

const RDS = 'RDS-FG';
const GAUSS = 'GaussDB-FG';

suite('Check Agency Status and Refresh', () => {
  let h: Harness;

  suiteSetup(async () => {
    h = await harness();
  });

  setup(async () => {
    await resetWithCredentials(h);
  });

  function checkedTypes(): string[] {
    return requestsTo(h, 'GET').map((request) => String(request.query.secret_type));
  }

  test('a type never created is shown as not granted', async () => {
    await run('csms.checkAgency', RDS);

    assert.deepEqual(checkedTypes(), [RDS]);
    const node = typeNode(await snapshotTree(h.testing.agencies), RDS);
    assert.match(node.description ?? '', /^not granted/, describeTree([node]));
    assert.equal(node.icon, 'circle-slash');
  });

  test('a check replaces the status with what the server says now', async () => {
    await run('csms.createAgency', RDS);
    resetEmulator(h);

    await run('csms.checkAgency', RDS);

    const node = typeNode(await snapshotTree(h.testing.agencies), RDS);
    assert.match(node.description ?? '', /^not granted/, describeTree([node]));
    assert.equal(node.children.length, 2, 'the agencies already known were dropped');
  });

  test('a check that succeeds after a failed one shows granted and drops the error', async () => {
    await run('csms.createAgency', RDS);
    h.emulator.setScenario('error-403', { times: 1 });
    await run('csms.checkAgency', RDS);
    forgetRequests(h);

    await run('csms.checkAgency', RDS);

    assert.deepEqual(checkedTypes(), [RDS]);
    const node = typeNode(await snapshotTree(h.testing.agencies), RDS);
    assert.match(node.description ?? '', /^granted/, describeTree([node]));
    assert.deepEqual(
      node.children.map((child) => child.icon),
      ['pass', 'pass'],
    );
  });

  test('checking all known types asks for each of them', async () => {
    h.prompter.answerPick('checkScope', { scope: 'all' });

    await run('csms.checkAgency');

    assert.deepEqual(checkedTypes().sort(), [GAUSS, RDS]);
    const tree = await snapshotTree(h.testing.agencies);
    for (const secretType of [GAUSS, RDS]) {
      assert.match(typeNode(tree, secretType).description ?? '', /^not granted/);
    }
  });

  test('checking one type asks which one', async () => {
    h.prompter.answerPick('checkScope', { scope: 'one' }).answerPick('secretType', {
      secretType: GAUSS,
    });

    await run('csms.checkAgency');

    assert.deepEqual(checkedTypes(), [GAUSS]);
  });

  test('a check that fails shows a failed status and an error node', async () => {
    h.emulator.setScenario('error-403');

    await run('csms.checkAgency', RDS);

    const node = typeNode(await snapshotTree(h.testing.agencies), RDS);
    assert.match(node.description ?? '', /^failed/, describeTree([node]));
    assert.equal(node.children.filter((child) => child.icon === 'error').length, 1);
    assert.equal(h.prompter.messagesOf('error').length, 1);
  });

  test('Refresh Agencies re-checks every type shown and never creates', async () => {
    await run('csms.createAgency', RDS);
    await run('csms.checkAgency', GAUSS);
    forgetRequests(h);

    await run('csms.refresh');

    assert.deepEqual(requestsTo(h, 'POST'), []);
    assert.deepEqual(checkedTypes().sort(), [GAUSS, RDS]);
    const tree = await snapshotTree(h.testing.agencies);
    assert.match(typeNode(tree, RDS).description ?? '', /^granted/, describeTree(tree));
    assert.match(typeNode(tree, GAUSS).description ?? '', /^not granted/, describeTree(tree));
  });

  test('Refresh Agencies goes on past a type that fails and reports once at the end', async () => {
    const other = 'Zeta-FG';
    await run('csms.createAgency', RDS);
    await run('csms.checkAgency', GAUSS);
    h.prompter
      .answerPick('checkScope', { scope: 'one' })
      .answerPick('secretType', { other: true })
      .answerInput('otherSecretType', other);
    await run('csms.checkAgency');
    forgetRequests(h);
    h.prompter.clear();
    // The first type checked (GaussDB-FG, in the tree's order) meets a server error.
    h.emulator.setScenario('error-500', { times: 1 });

    await run('csms.refresh');

    assert.deepEqual(checkedTypes(), [GAUSS, RDS, other]);
    const tree = await snapshotTree(h.testing.agencies);
    assert.match(typeNode(tree, GAUSS).description ?? '', /^failed/, describeTree(tree));
    assert.match(typeNode(tree, RDS).description ?? '', /^granted/, describeTree(tree));
    assert.match(typeNode(tree, other).description ?? '', /^failed/, describeTree(tree));
    const otherError = typeNode(tree, other).children.find((child) => child.icon === 'error');
    assert.match(otherError?.description ?? '', /^400 CSMS\.0201/, describeTree(tree));
    const errors = h.prompter.messagesOf('error');
    assert.equal(errors.length, 1, JSON.stringify(h.prompter.messages));
    assert.match(errors[0].text, /2 of 3 secret types could not be checked/);
    assert.ok(errors[0].text.includes(GAUSS) && errors[0].text.includes(other), errors[0].text);
  });

  test('Refresh Agencies stops at a refused authentication to keep the key from a lockout', async () => {
    await run('csms.createAgency', RDS);
    await run('csms.checkAgency', GAUSS);
    forgetRequests(h);
    h.emulator.setScenario('error-401', { times: 1 });

    await run('csms.refresh');

    assert.deepEqual(checkedTypes(), [GAUSS]);
    const errors = h.prompter.messagesOf('error');
    assert.equal(errors.length, 1, JSON.stringify(h.prompter.messages));
    assert.ok(errors[0].actions.includes('Configure Credentials'), `${errors[0].actions}`);
    assert.ok(!errors[0].actions.includes('Retry'), `${errors[0].actions}`);
  });
});
