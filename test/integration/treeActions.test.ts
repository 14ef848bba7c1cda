/**
 * The tree's own commands (copy id, copy name, Show Details, Retry) and the remaining palette
 * commands (Select Region…, Show Log).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  configure,
  csmsConfig,
  forgetRequests,
  harness,
  keepingSetting,
  requestsTo,
  resetAll,
  resetWithCredentials,
  run,
  SCRATCH_PROJECT_ID,
  SCRATCH_REGION,
  type Harness,
} from './harness';
import { textOfDocumentOpenedBy } from './documents';
import { describeTree, snapshotTree, typeNode, type TreeNode } from './treeSnapshot';

const RDS = 'RDS-FG';

suite('Tree actions', () => {
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

  function showDetails(node: TreeNode): Promise<string> {
    return textOfDocumentOpenedBy(() => run('csms.showDetails', node.element));
  }

  async function createdAgency(): Promise<TreeNode> {
    await run('csms.createAgency', RDS);
    const agency = (await rdsNode()).children.find((child) => child.icon === 'pass');
    assert.ok(agency, 'the create left no agency to act on');
    return agency;
  }

  test('Copy Agency Id puts the id on the clipboard', async () => {
    const agency = await createdAgency();
    await vscode.env.clipboard.writeText('something else');

    await run('csms.copyAgencyId', agency.element);

    assert.match(agency.description ?? '', /^[0-9a-f]{32}$/);
    assert.equal(await vscode.env.clipboard.readText(), agency.description);
  });

  test('Copy Agency Name puts the name on the clipboard', async () => {
    const agency = await createdAgency();
    await vscode.env.clipboard.writeText('something else');

    await run('csms.copyAgencyName', agency.element);

    assert.equal(await vscode.env.clipboard.readText(), agency.label);
  });

  test('Show Details opens the last exchange with no credential in it', async () => {
    const agency = await createdAgency();

    const text = await showDetails(await rdsNode());

    assert.match(text, /POST \S+\/v1\/csms\/agencies/);
    assert.match(text, /Request id: [0-9a-f]{32}/);
    assert.ok(text.includes(agency.description ?? '<no id>'), 'the response body is missing');
    const { accessKey, secretKey } = h.emulator;
    assertNoSecret(text, [accessKey, secretKey, ...signaturesSent(h)]);
  });

  test('Show Details hides the security token of temporary keys', async () => {
    await resetAll(h);
    await configure(h, 'temporary');
    await run('csms.createAgency', RDS);

    const text = await showDetails(await rdsNode());

    assert.ok(text.includes('/v1/csms/agencies'), text);
    const secrets = [h.emulator.secretKey, h.emulator.securityToken, ...signaturesSent(h)];
    assertNoSecret(text, secrets);
  });

  test('Show Details hides the IAM token', async () => {
    await resetAll(h);
    await configure(h, 'token');
    await run('csms.createAgency', RDS);

    const text = await showDetails(await rdsNode());

    assert.ok(text.includes('/v1/csms/agencies'), text);
    assertNoSecret(text, [h.emulator.token]);
  });

  test('Retry on an error node repeats the failed call and replaces the error', async () => {
    h.emulator.setScenario('error-404', { times: 1 });
    await run('csms.createAgency', RDS);
    const error = (await rdsNode()).children.find((child) => child.icon === 'error');
    assert.ok(error, 'the failed create left no error node');
    h.prompter.clear();

    await run('csms.retry', error.element);

    const node = await rdsNode();
    assert.deepEqual(
      node.children.map((child) => child.icon),
      ['pass', 'pass'],
      describeTree([node]),
    );
    assert.equal(requestsTo(h, 'POST').length, 2);
  });

  test('Select Region… sends the next calls to that region, whose tree is its own', async () => {
    await run('csms.createAgency', RDS);
    forgetRequests(h);
    h.prompter.answerPick('region', { region: SCRATCH_REGION });

    const tree = await keepingSetting('region', async () => {
      await run('csms.selectRegion');
      await run('csms.checkAgency', 'GaussDB-FG');
      assert.equal(csmsConfig().get('region'), SCRATCH_REGION);
      return snapshotTree(h.testing.agencies);
    });

    const [check] = requestsTo(h, 'GET');
    assert.equal(check?.headers['x-project-id'], SCRATCH_PROJECT_ID);
    assert.ok(!tree.some((node) => node.label === RDS), describeTree(tree));
  });

  test('Show Log runs without an error', async () => {
    forgetRequests(h);

    await run('csms.showLog');

    assert.deepEqual(h.prompter.messages, []);
    assert.deepEqual(h.emulator.requests, []);
  });
});

function signaturesSent(h: Harness): string[] {
  return h.emulator.requests
    .map((request) => /Signature=([0-9a-f]+)/i.exec(request.headers.authorization ?? '')?.[1])
    .filter((signature): signature is string => signature !== undefined);
}

function assertNoSecret(text: string, secrets: string[]): void {
  assert.ok(secrets.length > 0, 'no secret to search for');
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 4)}…) is shown`);
  }
}
