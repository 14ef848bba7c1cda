/**
 * The emulator as a gateway: authentication (signatures, tokens, skew, projects, lockout), the
 * agency calls and their memory, IAM's project listing, headers, recording and control.
 */
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { sdkDate, sendWire, signWithSdk } from '../emulator/sdkSignedCall';
import {
  createAgencies,
  grantedStatus,
  jsonOf,
  pause,
  plainCall,
  signedCall,
} from './emulatorCalls';

const HEX32 = /^[0-9a-f]{32}$/;
const MINUTE = 60 * 1000;
const OTHER_PROJECT = { id: '9e8d7c6b5a4f43e2b1c0d9e8f7a6b5c4', name: 'cn-east-3' };
const TEMPORARY = {
  accessKey: 'TEMPAK0EMULATOR0TEST',
  secretKey: 'temporarySecretKeyForEmulatorTests000000',
  securityToken: 'temporary-security-token-for-tests',
  requireSecurityToken: true,
};

describe('emulator', function () {
  let emulator: Emulator;

  beforeEach(async function () {
    emulator = await startEmulator({
      lockoutWindowMs: 300,
      accounts: [TEMPORARY],
      projects: [OTHER_PROJECT],
    });
  });

  afterEach(async function () {
    await emulator.close();
  });

  describe('defaults', function () {
    it('listens on loopback with made-up credentials of the documented shapes', function () {
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
      assert.equal(emulator.region, 'cn-north-4');
      assert.match(emulator.projectId, HEX32);
      assert.match(emulator.accessKey, /^[A-Z0-9]{20}$/);
      assert.equal(emulator.secretKey.length, 40);
      assert.ok(emulator.securityToken.length > 0);
      assert.ok(emulator.token.length > 0);
    });

    it('takes credentials, region and project from its options', async function () {
      const custom = await startEmulator({
        region: 'ap-southeast-1',
        projectId: 'ffffffffffffffffffffffffffffffff',
        accessKey: 'CUSTOMACCESSKEY00001',
        secretKey: 'customSecretKey0000000000000000000000000',
        token: 'custom-token',
      });
      try {
        const response = await grantedStatus(custom);
        assert.equal(custom.region, 'ap-southeast-1');
        assert.equal(response.status, 200);
        assert.equal(
          custom.requests[0].headers['x-project-id'],
          'ffffffffffffffffffffffffffffffff',
        );
      } finally {
        await custom.close();
      }
    });
  });

  describe('agencies', function () {
    it('reports "false" before a create and "true" after it, for that type only', async function () {
      const before = await grantedStatus(emulator);
      const created = await createAgencies(emulator);
      const after = await grantedStatus(emulator);
      const otherType = await grantedStatus(emulator, 'GaussDB-FG');

      assert.deepEqual(jsonOf(before), { agency_granted: 'false' });
      assert.equal(created.status, 200);
      assert.deepEqual(jsonOf(after), { agency_granted: 'true' });
      assert.deepEqual(jsonOf(otherType), { agency_granted: 'false' });
    });

    it('creates two named agencies with 32-hex ids for RDS-FG, one for GaussDB-FG', async function () {
      const rds = jsonOf(await createAgencies(emulator)).agencies as Record<string, string>[];
      const gauss = jsonOf(await createAgencies(emulator, 'GaussDB-FG')).agencies as object[];

      assert.equal(rds.length, 2);
      for (const agency of rds) {
        assert.match(agency.agency_name, /^[a-z_]+_agency$/);
        assert.match(agency.agency_id, HEX32);
        assert.equal(agency.error_msg, undefined);
      }
      assert.equal(gauss.length, 1);
    });

    it('answers a second create with the agencies it already made', async function () {
      const first = jsonOf(await createAgencies(emulator));
      const second = jsonOf(await createAgencies(emulator));

      assert.deepEqual(second, first);
    });

    it('remembers agencies per project', async function () {
      await createAgencies(emulator);
      const other = await signedCall(emulator, 'GET', {
        query: [['secret_type', 'RDS-FG']],
        headers: { 'X-Project-Id': OTHER_PROJECT.id },
      });

      assert.equal(other.status, 200);
      assert.deepEqual(jsonOf(other), { agency_granted: 'false' });
    });

    it('answers 400 (CSMS error) to an unknown, missing or unreadable secret type', async function () {
      const answers = [
        await createAgencies(emulator, 'MySQL-FG'),
        await grantedStatus(emulator, 'MySQL-FG'),
        await signedCall(emulator, 'GET'),
        await signedCall(emulator, 'POST', { body: { type: 'RDS-FG' } }),
      ];

      for (const answer of answers) {
        const body = jsonOf(answer);
        assert.equal(answer.status, 400);
        assert.match(String(body.error_code), /^CSMS\.\d{4}$/);
        assert.match(String(body.error_msg), /secret_type/);
      }
    });
  });

  describe('authentication', function () {
    it('refuses a date more than 15 minutes behind, quoting both times', async function () {
      const sent = new Date(Date.now() - 16 * MINUTE);
      const response = await signedCall(emulator, 'GET', {
        query: [['secret_type', 'RDS-FG']],
        date: sent,
      });
      const body = jsonOf(response);

      assert.equal(response.status, 401);
      assert.equal(body.error_code, 'APIGW.0301');
      const message = String(body.error_msg);
      assert.match(message, /^Incorrect IAM authentication information: calc aksk signature fail/);
      assert.match(message, /signature expired/);
      assert.ok(message.includes(`signature time:${sdkDate(sent)}`), message);
      const serverTime = /server time:(\d{8}T\d{6}Z)/.exec(message)?.[1] ?? '';
      assert.ok(serverTime > sdkDate(new Date(sent.getTime() + 15 * MINUTE)), message);
    });

    it('refuses a date ahead of a server clock set back, whose Date shows it', async function () {
      emulator.setClockOffset(-20 * MINUTE);
      const response = await grantedStatus(emulator);

      assert.equal(response.status, 401);
      assert.match(String(jsonOf(response).error_msg), /signature expired/);
      const serverDate = Date.parse(String(response.headers.date));
      assert.ok(serverDate < Date.now() - 15 * MINUTE, String(response.headers.date));
    });

    it('accepts a date within 15 minutes of the server clock', async function () {
      emulator.setClockOffset(14 * MINUTE);

      assert.equal((await grantedStatus(emulator)).status, 200);
    });

    it('refuses a wrong secret key and an unknown access key as a signature failure', async function () {
      const wrongSecret = { accessKey: emulator.accessKey, secretKey: 'x'.repeat(40) };
      const unknownKey = { accessKey: 'UNKNOWNACCESSKEY0000', secretKey: emulator.secretKey };

      for (const keys of [wrongSecret, unknownKey]) {
        const response = await signedCall(emulator, 'GET', { keys });
        const body = jsonOf(response);
        assert.equal(response.status, 401);
        assert.equal(body.error_code, 'APIGW.0301');
        assert.match(String(body.error_msg), /verify aksk signature fail/);
      }
    });

    it('refuses a signed create whose body was changed on the way', async function () {
      const wire = signWithSdk(
        emulator.url,
        {
          method: 'POST',
          segments: ['v1', 'csms', 'agencies'],
          query: [],
          body: { secret_type: 'RDS-FG' },
          headers: { 'X-Project-Id': emulator.projectId },
          date: sdkDate(new Date()),
        },
        emulator,
      );
      const tampered = { ...wire, body: Buffer.from('{"secret_type":"RDS-FH"}') };
      const response = await sendWire(emulator.url, tampered);

      assert.equal(tampered.body.length, wire.body.length);
      assert.equal(response.status, 401);
      assert.match(String(jsonOf(response).error_msg), /verify aksk signature fail/);
    });

    it('refuses a request that carries neither a signature nor a token', async function () {
      const response = await plainCall(emulator, 'GET', '/v1/csms/agencies?secret_type=RDS-FG');

      assert.equal(response.status, 401);
      assert.equal(jsonOf(response).error_code, 'APIGW.0301');
    });

    it('accepts its IAM token without a project header and refuses any other', async function () {
      const target = '/v1/csms/agencies?secret_type=RDS-FG';
      const good = await plainCall(emulator, 'GET', target, { 'X-Auth-Token': emulator.token });
      const bad = await plainCall(emulator, 'GET', target, { 'X-Auth-Token': 'forged' });

      assert.equal(good.status, 200);
      assert.equal(bad.status, 401);
      assert.equal(jsonOf(bad).error_code, 'APIGW.0301');
      assert.match(String(jsonOf(bad).error_msg), /decrypt token fail/);
    });

    it('checks the security token of temporary keys', async function () {
      const project = { 'X-Project-Id': emulator.projectId };
      const call = (headers: Record<string, string>) =>
        signedCall(emulator, 'GET', {
          query: [['secret_type', 'RDS-FG']],
          keys: TEMPORARY,
          headers,
        });

      const withToken = await call({ ...project, 'X-Security-Token': TEMPORARY.securityToken });
      const wrongToken = await call({ ...project, 'X-Security-Token': emulator.securityToken });
      const noToken = await call(project);

      assert.equal(withToken.status, 200);
      assert.equal(wrongToken.status, 401);
      assert.equal(noToken.status, 401);
    });

    it('takes the default keys with or without their security token, not a wrong one', async function () {
      const project = { 'X-Project-Id': emulator.projectId };
      const call = (headers: Record<string, string>) =>
        signedCall(emulator, 'GET', { query: [['secret_type', 'RDS-FG']], headers });

      assert.equal((await call(project)).status, 200);
      const withToken = { ...project, 'X-Security-Token': emulator.securityToken };
      assert.equal((await call(withToken)).status, 200);
      const wrongToken = { ...project, 'X-Security-Token': 'not-the-token' };
      assert.equal((await call(wrongToken)).status, 401);
    });

    it('requires a known X-Project-Id on CSMS calls', async function () {
      const missing = await signedCall(emulator, 'GET', { headers: {} });
      const unknown = await signedCall(emulator, 'GET', {
        headers: { 'X-Project-Id': '00000000000000000000000000000000' },
      });

      assert.equal(missing.status, 401);
      assert.match(String(jsonOf(missing).error_msg), /X-Project-Id/);
      assert.equal(unknown.status, 401);
      assert.match(String(jsonOf(unknown).error_msg), /00000000000000000000000000000000/);
    });

    it('needs the date and host signed', async function () {
      const response = await signedCall(emulator, 'GET', { query: [['secret_type', 'RDS-FG']] });
      const authorization = String(emulator.requests[0].headers.authorization);

      assert.equal(response.status, 200);
      assert.match(authorization, /SignedHeaders=[^,]*host/);
      assert.match(authorization, /SignedHeaders=[^,]*x-sdk-date/);
    });
  });

  describe('lockout', function () {
    const wrongKeys = () => ({ accessKey: emulator.accessKey, secretKey: 'y'.repeat(40) });

    it('locks after five failures, a good signature included, until the window ends', async function () {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const failed = await signedCall(emulator, 'GET', { keys: wrongKeys() });
        assert.match(String(jsonOf(failed).error_msg), /verify aksk signature fail/);
      }

      const locked = await grantedStatus(emulator);
      assert.equal(locked.status, 401);
      assert.equal(jsonOf(locked).error_code, 'APIGW.0301');
      assert.match(String(jsonOf(locked).error_msg), /locked/);

      const otherKeys = { ...TEMPORARY };
      const other = await signedCall(emulator, 'GET', {
        query: [['secret_type', 'RDS-FG']],
        keys: otherKeys,
        headers: {
          'X-Project-Id': emulator.projectId,
          'X-Security-Token': TEMPORARY.securityToken,
        },
      });
      assert.equal(other.status, 200, 'another key pair is not locked');

      await pause(600);
      assert.equal((await grantedStatus(emulator)).status, 200);
    });

    it('starts counting again after a success', async function () {
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        await signedCall(emulator, 'GET', { keys: wrongKeys() });
      }
      assert.equal((await grantedStatus(emulator)).status, 200);

      for (let attempt = 1; attempt <= 4; attempt += 1) {
        await signedCall(emulator, 'GET', { keys: wrongKeys() });
      }
      assert.equal((await grantedStatus(emulator)).status, 200);
    });

    it('counts an expired signature as a failure too', async function () {
      const stale = new Date(Date.now() - 30 * MINUTE);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await signedCall(emulator, 'GET', { date: stale });
      }

      assert.match(String(jsonOf(await grantedStatus(emulator)).error_msg), /locked/);
    });

    it('is forgotten on reset()', async function () {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await signedCall(emulator, 'GET', { keys: wrongKeys() });
      }
      emulator.reset();

      assert.equal((await grantedStatus(emulator)).status, 200);
    });
  });

  describe('IAM projects', function () {
    it('lists the region project with id, domain and links, signed without a project', async function () {
      const response = await signedCall(emulator, 'GET', {
        segments: ['v3', 'projects'],
        query: [['name', 'cn-north-4']],
        headers: {},
      });
      const body = jsonOf(response);
      const projects = body.projects as Record<string, unknown>[];

      assert.equal(response.status, 200);
      assert.equal(projects.length, 1);
      assert.equal(projects[0].id, emulator.projectId);
      assert.equal(projects[0].name, 'cn-north-4');
      assert.match(String(projects[0].domain_id), HEX32);
      assert.equal(projects[0].enabled, true);
      assert.ok(typeof body.links === 'object' && body.links !== null);
    });

    it('finds nothing for an unknown region and each project by its own name', async function () {
      const call = (name: string) =>
        signedCall(emulator, 'GET', {
          segments: ['v3', 'projects'],
          query: [['name', name]],
          headers: {},
        });

      const unknown = jsonOf(await call('xx-nowhere-1')).projects as object[];
      const other = jsonOf(await call('cn-east-3')).projects as Record<string, unknown>[];

      assert.deepEqual(unknown, []);
      assert.deepEqual(
        other.map((project) => project.id),
        [OTHER_PROJECT.id],
      );
    });

    it('authenticates IAM calls too', async function () {
      const response = await plainCall(emulator, 'GET', '/v3/projects?name=cn-north-4');

      assert.equal(response.status, 401);
    });
  });

  describe('gateway behaviour', function () {
    it('gives every answer a 32-hex X-Request-Id and a Date', async function () {
      const answers = [
        await grantedStatus(emulator),
        await plainCall(emulator, 'GET', '/nowhere'),
        await signedCall(emulator, 'GET', { headers: {} }),
        await createAgencies(emulator, 'MySQL-FG'),
      ];

      for (const answer of answers) {
        assert.match(String(answer.headers['x-request-id']), HEX32);
        assert.ok(!Number.isNaN(Date.parse(String(answer.headers.date))));
      }
      const ids = new Set(answers.map((answer) => answer.headers['x-request-id']));
      assert.equal(ids.size, answers.length);
    });

    it('answers 404 APIGW.0101 for an unknown path or method, before authentication', async function () {
      const answers = [
        await plainCall(emulator, 'GET', '/v2/csms/agencies'),
        await plainCall(emulator, 'DELETE', '/v1/csms/agencies'),
        await plainCall(emulator, 'GET', '/v1/csms/agencies/'),
      ];

      for (const answer of answers) {
        assert.equal(answer.status, 404);
        assert.equal(jsonOf(answer).error_code, 'APIGW.0101');
        assert.equal(jsonOf(answer).request_id, answer.headers['x-request-id']);
      }
    });

    it('answers 413 to a body over 8 MiB instead of keeping it', async function () {
      const body = 'x'.repeat(8 * 1024 * 1024 + 1);
      const response = await plainCall(emulator, 'POST', '/v1/csms/agencies', {}, body);

      assert.equal(response.status, 413);
      assert.equal(jsonOf(response).error_code, 'APIGW.0201');
      assert.equal(emulator.requests[0].body, '');
    });

    it('records each request with its credentials, query, body and status', async function () {
      await createAgencies(emulator);
      await grantedStatus(emulator);
      const [create, status] = emulator.requests;

      assert.equal(emulator.requests.length, 2);
      assert.equal(create.method, 'POST');
      assert.equal(create.path, '/v1/csms/agencies');
      assert.deepEqual(JSON.parse(create.body), { secret_type: 'RDS-FG' });
      assert.match(create.headers.authorization, /^SDK-HMAC-SHA256 Access=/);
      assert.equal(create.status, 200);
      assert.deepEqual(status.query, { secret_type: 'RDS-FG' });
      assert.ok(!Number.isNaN(Date.parse(status.at)));
    });

    it('forgets requests, scenario, agencies and lockouts on reset()', async function () {
      await createAgencies(emulator);
      emulator.setScenario('error-500');
      emulator.reset();

      assert.equal(emulator.requests.length, 0);
      assert.deepEqual(jsonOf(await grantedStatus(emulator)), { agency_granted: 'false' });
    });

    it('ends a held keep-alive connection on close()', async function () {
      const agent = new Agent({ keepAlive: true });
      try {
        const socket = await holdKeepAliveConnection(emulator, agent);
        const socketClosed = once(socket, 'close');
        await emulator.close();
        await socketClosed;
      } finally {
        agent.destroy();
      }
    });
  });

  describe('control endpoint', function () {
    it('sets a scenario for a number of calls', async function () {
      const set = await plainCall(
        emulator,
        'POST',
        '/__emulator/scenario',
        { 'Content-Type': 'application/json' },
        JSON.stringify({ name: 'error-503-typo' }),
      );
      assert.equal(set.status, 400);

      const ok = await plainCall(
        emulator,
        'POST',
        '/__emulator/scenario',
        {},
        '{"name":"error-502","times":1}',
      );
      assert.equal(ok.status, 200);
      assert.equal((await grantedStatus(emulator)).status, 502);
      assert.equal((await grantedStatus(emulator)).status, 200);
    });

    it('clears a scenario with a null name', async function () {
      emulator.setScenario('error-500');
      await plainCall(emulator, 'POST', '/__emulator/scenario', {}, '{"name":null}');

      assert.equal((await grantedStatus(emulator)).status, 200);
    });

    it('lists recorded requests, leaving its own calls out', async function () {
      await grantedStatus(emulator);
      const listed = await plainCall(emulator, 'GET', '/__emulator/requests');
      const requests = JSON.parse(listed.body) as { path: string; status: number }[];

      assert.equal(listed.status, 200);
      assert.deepEqual(
        requests.map((entry) => [entry.path, entry.status]),
        [['/v1/csms/agencies', 200]],
      );
    });

    it('resets, and shifts the clock', async function () {
      await createAgencies(emulator);
      const reset = await plainCall(emulator, 'POST', '/__emulator/reset');
      const clock = await plainCall(
        emulator,
        'POST',
        '/__emulator/clock',
        {},
        '{"offsetMs":1800000}',
      );

      assert.equal(reset.status, 200);
      assert.equal(emulator.requests.length, 0);
      assert.equal(clock.status, 200);
      assert.match(String(jsonOf(await grantedStatus(emulator)).error_msg), /signature expired/);
    });

    it('answers 404 for an unknown control route', async function () {
      const response = await plainCall(emulator, 'GET', '/__emulator/nothing');

      assert.equal(response.status, 404);
    });
  });
});

/** Completes one exchange on a keep-alive connection and hands back its still-open socket. */
function holdKeepAliveConnection(emulator: Emulator, agent: Agent): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.url}/nowhere`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(req.socket as Socket));
    });
    req.on('error', reject);
    req.end();
  });
}
