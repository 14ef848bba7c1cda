/**
 * Create Service Agency…: what the tree and the notifications show after a success, a partial
 * failure, the gateway's refusals, a timeout and a cancel, and that a double click sends one create.
 */
import * as assert from 'node:assert/strict';
import {
  harness,
  requestsTo,
  resetWithCredentials,
  run,
  SCRATCH_REGION,
  waitUntil,
  withSetting,
  type Harness,
} from './harness';
import { contextMenu } from './contextMenu';
import { textOfDocumentOpenedBy } from './documents';
import { describeTree, plain, snapshotTree, typeNode, type TreeNode } from './treeSnapshot';

const RDS = 'RDS-FG';
const RDS_AGENCIES = ['csms_fgs_invoke_agency', 'fgs_csms_rds_rotation_agency'];
/** The emulator's `error_msg` for the agency that fails in its 'partial-failure' scenario. */
const QUOTA_ERROR = 'Failed to create the agency: the agency quota is used up.';
const TWENTY_MINUTES_MS = 20 * 60 * 1000;

suite('Create Service Agency', () => {
  let h: Harness;

  suiteSetup(async () => {
    h = await harness();
  });

  setup(async () => {
    await resetWithCredentials(h);
  });

  async function rdsNode(): Promise<TreeNode> {
    return typeNode(await snapshotTree(h.testing.agencies), RDS);
  }

  function errorChild(node: TreeNode): TreeNode {
    const errors = node.children.filter(
      (child) => child.icon === 'error' && /error/.test(child.contextValue ?? ''),
    );
    assert.equal(errors.length, 1, `expected one error node: ${describeTree([node])}`);
    return errors[0];
  }

  test('a full success shows both agencies with their ids, and nothing to worry about', async () => {
    h.prompter.answerPick('secretType', { secretType: RDS });

    await run('csms.createAgency');

    const node = await rdsNode();
    assert.deepEqual(
      node.children.map((child) => child.label),
      RDS_AGENCIES,
      describeTree([node]),
    );
    for (const agency of node.children) {
      assert.match(agency.description ?? '', /^[0-9a-f]{32}$/, `${agency.label} shows no id`);
      assert.equal(agency.icon, 'pass');
      assertMenu(agency, ['csms.copyAgencyId', 'csms.copyAgencyName', 'csms.showDetails']);
    }
    assert.match(node.description ?? '', /^granted/);
    assertMenu(node, ['csms.showDetails']);
    assert.equal(h.prompter.progressTitles.length, 1, 'the create showed no progress');
    assert.deepEqual(h.prompter.messagesOf('warning'), []);
    assert.deepEqual(h.prompter.messagesOf('error'), []);
  });

  test('the secret type given as an argument is created without asking', async () => {
    await run('csms.createAgency', RDS);

    const [post] = requestsTo(h, 'POST');
    assert.deepEqual(JSON.parse(post.body), { secret_type: RDS });
    assert.deepEqual(h.prompter.prompts, []);
  });

  test('"Other secret type…" refuses a value that is not letters, digits and dashes', async () => {
    h.prompter.answerPick('secretType', { other: true }).answerInput('otherSecretType', 'RDS FG;');

    await run('csms.createAgency');

    assert.deepEqual(
      h.prompter.refusedInputs.map((input) => input.value),
      ['RDS FG;'],
    );
    assert.deepEqual(requestsTo(h, 'POST'), []);
  });

  test('"Other secret type…" sends the type as typed and shows the 400 it gets', async () => {
    h.prompter.answerPick('secretType', { other: true }).answerInput('otherSecretType', 'Redis-FG');

    // In a region of its own, so that the refused type never shows in the other tests' tree.
    const tree = await withSetting('region', SCRATCH_REGION, async () => {
      await run('csms.createAgency');
      return snapshotTree(h.testing.agencies);
    });

    const [post] = requestsTo(h, 'POST');
    assert.deepEqual(JSON.parse(post.body), { secret_type: 'Redis-FG' });
    const error = errorChild(typeNode(tree, 'Redis-FG'));
    assert.match(error.description ?? '', /^400 CSMS\.0201: Invalid secret_type/);
  });

  test('a partial failure warns how many of how many, and shows the failed agency', async () => {
    h.emulator.setScenario('partial-failure');

    await run('csms.createAgency', RDS);

    const [warning] = h.prompter.messagesOf('warning');
    assert.ok(warning, `no warning among ${JSON.stringify(h.prompter.messages)}`);
    assert.match(warning.text, /\b1\b.* of .*\b2\b/);
    assert.ok(warning.actions.includes('Show Details'), `actions: ${warning.actions}`);

    const node = await rdsNode();
    assert.match(node.description ?? '', /^failed/, describeTree([node]));
    const failed = node.children.filter((child) => child.icon === 'error');
    const created = node.children.filter((child) => child.icon === 'pass');
    assert.equal(failed.length, 1, describeTree([node]));
    assert.equal(created.length, 1, describeTree([node]));
    assert.equal(failed[0].label, RDS_AGENCIES[1]);
    assert.equal(failed[0].description, QUOTA_ERROR);
    assert.ok(!contextMenu(failed[0].contextValue).includes('csms.copyAgencyId'));
  });

  test("the partial failure's Show Details opens the answer with the failed agency", async () => {
    h.emulator.setScenario('partial-failure');
    h.prompter.respondToMessages((message) =>
      message.severity === 'warning' ? 'Show Details' : undefined,
    );

    const text = await textOfDocumentOpenedBy(() => run('csms.createAgency', RDS));

    assert.ok(text.includes(QUOTA_ERROR), text);
  });

  test('a 401 from clock skew becomes an error node that explains the skew', async () => {
    h.emulator.setClockOffset(TWENTY_MINUTES_MS);

    await run('csms.createAgency', RDS);

    const [error] = h.prompter.messagesOf('error');
    assert.ok(error, `no error among ${JSON.stringify(h.prompter.messages)}`);
    assert.ok(error.actions.includes('Configure Credentials'), `actions: ${error.actions}`);
    assert.equal(requestsTo(h, 'POST').length, 1, 'a refused signature was sent again');

    const errorNode = errorChild(await rdsNode());
    assertMenu(errorNode, ['csms.retry']);
    const tooltip = errorNode.tooltip ?? '';
    assert.match(tooltip, /\b401\b/);
    assert.match(tooltip, /APIGW\.0301/);
    assert.match(tooltip, /\b(19|20) min\b.*\bbehind\b/);
    assert.match(tooltip, /Request id\W+[0-9a-f]{32}\b/, 'the tooltip lacks the request id');
  });

  test("the 401's Configure Credentials asks for the keys again", async () => {
    h.emulator.setClockOffset(TWENTY_MINUTES_MS);
    h.prompter.respondToMessages((message) =>
      message.severity === 'error' ? 'Configure Credentials' : undefined,
    );

    await run('csms.createAgency', RDS);

    assert.deepEqual(h.prompter.unanswered(), ['credentialMethod']);
  });

  test('a 404 from the gateway names the status and offers to fix the region', async () => {
    h.emulator.setScenario('error-404');

    await run('csms.createAgency', RDS);

    const [error] = h.prompter.messagesOf('error');
    assert.ok(error, `no error among ${JSON.stringify(h.prompter.messages)}`);
    const fixes = error.actions.filter((action) => /Select Region|Open Settings/.test(action));
    assert.ok(fixes.length > 0, `actions: ${error.actions}`);

    const node = errorChild(await rdsNode());
    assert.match(node.description ?? '', /404/);
    assert.match(node.tooltip ?? '', /APIGW\.0101/);
  });

  test('an HTML 502 is reported as an invalid response that quotes the status', async () => {
    h.emulator.setScenario('html-502');

    await run('csms.createAgency', RDS);

    const [error] = h.prompter.messagesOf('error');
    assert.ok(error, `no error among ${JSON.stringify(h.prompter.messages)}`);
    assert.match(error.text, /\b502\b/);
    assert.match(error.text, /no valid answer|invalid response/i);
    assert.ok(error.actions.includes('Retry'), `actions: ${error.actions}`);
    const node = errorChild(await rdsNode());
    assert.match(node.description ?? '', /^502\b/);
  });

  test('a create that outlives csms.requestTimeoutSeconds fails with a timeout', async () => {
    h.emulator.setScenario('slow', { delayMs: 5_000 });

    await withSetting('requestTimeoutSeconds', 1, () => run('csms.createAgency', RDS));

    const [error] = h.prompter.messagesOf('error');
    assert.ok(error, `no error among ${JSON.stringify(h.prompter.messages)}`);
    assert.match(error.text, /time(d)? ?out/i);
    assert.match(errorChild(await rdsNode()).tooltip ?? '', /time(d)? ?out/i);
  });

  test('a cancelled create says nothing and leaves the tree as it was', async () => {
    await run('csms.createAgency', 'GaussDB-FG');
    const before = plain(await snapshotTree(h.testing.agencies));
    h.prompter.clear();
    h.emulator.setScenario('slow', { delayMs: 5_000 });
    h.prompter.cancelNextProgress(() =>
      waitUntil('the create to reach the emulator', () => requestsTo(h, 'POST').length === 2),
    );

    await run('csms.createAgency', RDS);

    assert.deepEqual(h.prompter.messages, []);
    assert.deepEqual(plain(await snapshotTree(h.testing.agencies)), before);
  });

  test('a second create of the same type while one runs sends no second request', async () => {
    h.emulator.setScenario('slow', { delayMs: 1_000 });

    await Promise.all([run('csms.createAgency', RDS), run('csms.createAgency', RDS)]);

    assert.equal(requestsTo(h, 'POST').length, 1);
    const [info] = h.prompter.messagesOf('info');
    assert.match(info?.text ?? '', /already/, JSON.stringify(h.prompter.messages));
    assert.equal((await rdsNode()).children.length, RDS_AGENCIES.length);
  });
});

/** The node's context menu offers at least these commands. */
function assertMenu(node: TreeNode, commands: string[]): void {
  const menu = contextMenu(node.contextValue);
  const missing = commands.filter((command) => !menu.includes(command));
  assert.deepEqual(missing, [], `${node.label} (${node.contextValue}) offers only ${menu}`);
}
