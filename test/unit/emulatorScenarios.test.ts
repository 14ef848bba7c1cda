/**
 * Each scenario switch answers as documented, for CSMS calls only, for as many calls as asked,
 * and never in place of a failed authentication.
 */
import * as assert from 'node:assert/strict';
import {
  SCENARIO_NAMES,
  startEmulator,
  type Emulator,
  type ScenarioName,
} from '../emulator/emulator';
import { createAgencies, grantedStatus, jsonOf, signedCall } from './emulatorCalls';

const HEX32 = /^[0-9a-f]{32}$/;

/** Each JSON error scenario, its status, and the shape of its code. */
const JSON_ERRORS: [ScenarioName, number, RegExp][] = [
  ['error-400', 400, /^CSMS\.\d{4}$/],
  ['error-401', 401, /^APIGW\.0301$/],
  ['error-403', 403, /^APIGW\.\d{4}$/],
  ['error-404', 404, /^APIGW\.0101$/],
  ['error-429', 429, /^APIGW\.0308$/],
  ['error-500', 500, /^CSMS\.\d{4}$/],
  ['error-502', 502, /^APIGW\.\d{4}$/],
  ['error-504', 504, /^APIGW\.\d{4}$/],
];

describe('emulator scenarios', function () {
  let emulator: Emulator;

  beforeEach(async function () {
    emulator = await startEmulator({ slowDelayMs: 60_000 });
  });

  afterEach(async function () {
    await emulator.close();
  });

  for (const [name, status, code] of JSON_ERRORS) {
    it(`${name}: ${status} with a JSON error_code and error_msg, and a request id`, async function () {
      emulator.setScenario(name);
      const answer = await createAgencies(emulator);
      const body = jsonOf(answer);

      assert.equal(answer.status, status);
      assert.match(String(body.error_code), code);
      assert.ok(String(body.error_msg).length >= 2);
      assert.match(String(answer.headers['x-request-id']), HEX32);
      assert.match(String(answer.headers['content-type']), /application\/json/);
    });
  }

  it('partial-failure: 200 where the last agency has an error_msg and no id', async function () {
    emulator.setScenario('partial-failure');
    const answer = await createAgencies(emulator);
    const [good, failed] = jsonOf(answer).agencies as Record<string, unknown>[];

    assert.equal(answer.status, 200);
    assert.match(String(good.agency_id), HEX32);
    assert.equal(good.error_msg, undefined);
    assert.equal(failed.agency_id, undefined);
    assert.ok(String(failed.agency_name).length > 0);
    assert.ok(String(failed.error_msg).length > 0);
  });

  it('partial-failure: leaves status calls alone and the type not granted', async function () {
    emulator.setScenario('partial-failure', { times: 1 });
    const before = await grantedStatus(emulator);
    const created = await createAgencies(emulator);
    const after = await grantedStatus(emulator);
    const agencies = jsonOf(created).agencies as Record<string, unknown>[];

    assert.deepEqual(jsonOf(before), { agency_granted: 'false' });
    assert.ok(agencies.some((agency) => agency.error_msg !== undefined));
    assert.deepEqual(jsonOf(after), { agency_granted: 'false' });
  });

  it('html-502: an nginx-like HTML page', async function () {
    emulator.setScenario('html-502');
    const answer = await grantedStatus(emulator);

    assert.equal(answer.status, 502);
    assert.match(String(answer.headers['content-type']), /^text\/html/);
    assert.match(answer.body, /<title>502 Bad Gateway<\/title>/);
    assert.match(answer.body, /nginx/);
  });

  it('empty-200: a 200 with no body at all', async function () {
    emulator.setScenario('empty-200');
    const answer = await createAgencies(emulator);

    assert.equal(answer.status, 200);
    assert.equal(answer.body, '');
    assert.equal(answer.headers['content-length'], '0');
  });

  it('invalid-json: a 200 whose body does not parse', async function () {
    emulator.setScenario('invalid-json');
    const answer = await createAgencies(emulator);

    assert.equal(answer.status, 200);
    assert.ok(answer.body.length > 0);
    assert.throws(() => JSON.parse(answer.body) as unknown, SyntaxError);
  });

  it('huge-body: a 200 of exactly 2 MiB', async function () {
    emulator.setScenario('huge-body');
    const answer = await createAgencies(emulator);

    assert.equal(answer.status, 200);
    assert.equal(Buffer.byteLength(answer.body), 2 * 1024 * 1024);
    assert.equal(answer.headers['content-length'], String(2 * 1024 * 1024));
  });

  it('rate-limited: 429 with Retry-After: 1', async function () {
    emulator.setScenario('rate-limited');
    const answer = await grantedStatus(emulator);

    assert.equal(answer.status, 429);
    assert.equal(answer.headers['retry-after'], '1');
    assert.equal(jsonOf(answer).error_code, 'APIGW.0308');
  });

  it('reset: the socket is destroyed mid-request and nothing is answered', async function () {
    emulator.setScenario('reset');

    await assert.rejects(createAgencies(emulator), /ECONNRESET|socket hang up/);
    assert.equal(emulator.requests.length, 1);
    assert.equal(emulator.requests[0].status, 0);
  });

  it('slow: answers normally after the given delay', async function () {
    emulator.setScenario('slow', { delayMs: 50 });
    const answer = await createAgencies(emulator);

    assert.equal(answer.status, 200);
    assert.equal((jsonOf(answer).agencies as object[]).length, 2);
  });

  it('slow: by default outlasts a short client timeout', async function () {
    emulator.setScenario('slow');
    const call = signedCall(emulator, 'GET', {
      query: [['secret_type', 'RDS-FG']],
      timeoutMs: 100,
    });

    await assert.rejects(call, /client timeout/);
  });

  it('slow: close() cancels the wait and does not hang', async function () {
    emulator.setScenario('slow');
    const pending = grantedStatus(emulator);
    await waitForRequests(emulator, 1);
    await emulator.close();

    await assert.rejects(pending, /ECONNRESET|socket hang up/);
  });

  it('applies for the given number of CSMS calls, then stops', async function () {
    emulator.setScenario('error-500', { times: 2 });
    const statuses = [];
    for (let call = 0; call < 3; call += 1) {
      statuses.push((await grantedStatus(emulator)).status);
    }

    assert.deepEqual(statuses, [500, 500, 200]);
  });

  it('applies until cleared when no count is given', async function () {
    emulator.setScenario('error-504');
    const first = await grantedStatus(emulator);
    const second = await grantedStatus(emulator);
    emulator.setScenario(undefined);
    const cleared = await grantedStatus(emulator);

    assert.deepEqual([first.status, second.status, cleared.status], [504, 504, 200]);
  });

  it('leaves IAM calls alone', async function () {
    emulator.setScenario('error-500');
    const iam = await signedCall(emulator, 'GET', {
      segments: ['v3', 'projects'],
      query: [['name', emulator.region]],
      headers: {},
    });

    assert.equal(iam.status, 200);
  });

  it('never replaces a failed authentication', async function () {
    emulator.setScenario('empty-200', { times: 1 });
    const keys = { accessKey: emulator.accessKey, secretKey: 'z'.repeat(40) };
    const refused = await signedCall(emulator, 'GET', { keys });
    const next = await grantedStatus(emulator);

    assert.equal(refused.status, 401);
    assert.equal(next.status, 200);
    assert.equal(next.body, '', 'the scenario is still armed for the next good call');
  });

  it('refuses a name it does not know', function () {
    assert.throws(() => emulator.setScenario('error-503' as ScenarioName), /error-503/);
  });

  it('lists every documented scenario by its exact name', function () {
    assert.deepEqual([...SCENARIO_NAMES].sort(), [
      'empty-200',
      'error-400',
      'error-401',
      'error-403',
      'error-404',
      'error-429',
      'error-500',
      'error-502',
      'error-504',
      'html-502',
      'huge-body',
      'invalid-json',
      'partial-failure',
      'rate-limited',
      'reset',
      'slow',
    ]);
  });
});

/** Polls the record (bounded) until the emulator has seen `count` requests. */
async function waitForRequests(emulator: Emulator, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && emulator.requests.length < count; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(emulator.requests.length, count);
}
