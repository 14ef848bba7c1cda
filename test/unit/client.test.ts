// The client against the local emulator: what a user sees for each answer CSMS or its gateway gives.
import * as assert from 'node:assert/strict';
import { CsmsClient } from '../../src/csms/client';
import { LockoutGuard } from '../../src/csms/lockout';
import type { ClientOptions, Credentials } from '../../src/csms/types';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { rejectionOf, recordingLogger } from './callAssertions';

const USER_AGENT = 'csms-agencies-test/0.0.0';
const MINUTE = 60 * 1000;

describe('CsmsClient against the emulator', () => {
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ slowDelayMs: 3000 });
  });

  after(async () => {
    await emulator.close();
  });

  beforeEach(() => {
    emulator.reset();
  });

  function keys(): Extract<Credentials, { kind: 'aksk' }> {
    return { kind: 'aksk', accessKey: emulator.accessKey, secretKey: emulator.secretKey };
  }

  function clientWith(overrides: Partial<ClientOptions> = {}, lockout = new LockoutGuard()) {
    const options: ClientOptions = {
      region: emulator.region,
      projectId: emulator.projectId,
      endpoint: emulator.url,
      iamEndpoint: emulator.url,
      credentials: keys(),
      userAgent: USER_AGENT,
      timeoutMs: 5000,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1500 },
      ...overrides,
    };
    return new CsmsClient(options, { lockout });
  }

  function csmsRequests() {
    return emulator.requests.filter((request) => request.path.startsWith('/v1/csms/'));
  }

  describe('success', () => {
    it('creates the agencies of a type, then reports them granted', async () => {
      const client = clientWith();
      const before = await client.isAgencyGranted('RDS-FG');
      const created = await client.createAgencies('RDS-FG');
      const after = await client.isAgencyGranted('RDS-FG');

      assert.equal(before.granted, false);
      assert.ok(created.agencies.length > 0);
      for (const agency of created.agencies) {
        assert.ok(agency.name && agency.id && !agency.errorMessage, JSON.stringify(agency));
      }
      assert.equal(after.granted, true);
    });

    it('sends a signed POST with the project, the JSON body and the User-Agent', async () => {
      const created = await clientWith().createAgencies('GaussDB-FG');
      const [request] = csmsRequests();

      assert.equal(request.method, 'POST');
      assert.equal(request.body, '{"secret_type":"GaussDB-FG"}');
      assert.equal(request.headers['x-project-id'], emulator.projectId);
      assert.equal(request.headers['user-agent'], USER_AGENT);
      assert.equal(request.headers['content-type'], 'application/json;charset=UTF-8');
      assert.match(request.headers.authorization, /^SDK-HMAC-SHA256 Access=/);
      assert.equal(created.requestId, created.exchange.requestId);
      assert.ok(created.requestId);
    });

    it('keeps the credentials out of the exchange it returns', async () => {
      const created = await clientWith().createAgencies('RDS-FG');
      const text = JSON.stringify(created.exchange);

      assert.equal(created.exchange.requestHeaders.Authorization, '***');
      assert.ok(!text.includes(emulator.accessKey) && !text.includes(emulator.secretKey));
    });

    it('works with temporary keys and their security token', async () => {
      const credentials: Credentials = { ...keys(), securityToken: emulator.securityToken };
      const status = await clientWith({ credentials }).isAgencyGranted('RDS-FG');

      assert.equal(status.granted, false);
      assert.equal(csmsRequests()[0].headers['x-security-token'], emulator.securityToken);
    });

    it('sends an IAM token as X-Auth-Token, with no signature', async () => {
      const credentials: Credentials = { kind: 'token', token: emulator.token };
      await clientWith({ credentials, projectId: undefined }).createAgencies('RDS-FG');
      const [request] = csmsRequests();

      assert.equal(request.headers['x-auth-token'], emulator.token);
      assert.equal(request.headers.authorization, undefined);
    });

    it('keeps the agencies that failed in a 200 as failures', async () => {
      emulator.setScenario('partial-failure');
      const created = await clientWith().createAgencies('RDS-FG');
      const failed = created.agencies.filter((agency) => agency.errorMessage);
      const succeeded = created.agencies.filter((agency) => agency.id && !agency.errorMessage);

      assert.equal(failed.length, 1);
      assert.ok(succeeded.length >= 1);
      assert.ok(failed[0].name);
    });
  });

  describe('errors from CSMS and its gateway', () => {
    it('400: names the secret type that was refused', async () => {
      emulator.setScenario('error-400');
      const error = await rejectionOf(clientWith().createAgencies('RDS-FG'));

      assert.equal(error.kind, 'http');
      assert.equal(error.status, 400);
      assert.equal(error.errorCode, 'CSMS.0201');
      assert.deepEqual(error.hint, { key: 'invalidSecretType', args: { secretType: 'RDS-FG' } });
      assert.equal(error.requestId, error.exchange?.requestId);
      assert.ok(error.requestId);
    });

    it('401 for a wrong secret key: wrong AK/SK, never retried', async () => {
      const credentials: Credentials = { ...keys(), secretKey: 'W'.repeat(40) };
      const error = await rejectionOf(clientWith({ credentials }).isAgencyGranted('RDS-FG'));

      assert.equal(error.status, 401);
      assert.equal(error.errorCode, 'APIGW.0301');
      assert.equal(error.hint.key, 'wrongAkSk');
      assert.equal(csmsRequests().length, 1);
    });

    it('401 for a signature out of the clock window: clock skew with its size', async () => {
      emulator.setClockOffset(20 * MINUTE);
      const error = await rejectionOf(clientWith().isAgencyGranted('RDS-FG'));

      assert.equal(error.hint.key, 'clockBehind');
      assert.equal(error.hint.args.minutes, 20);
      assert.ok(Math.abs((error.clockSkewMs ?? 0) - 20 * MINUTE) < 5000, `${error.clockSkewMs}`);
    });

    it('401 for a token the gateway refuses: bad token', async () => {
      const credentials: Credentials = { kind: 'token', token: 'made-up-expired-token' };
      const error = await rejectionOf(clientWith({ credentials }).isAgencyGranted('RDS-FG'));

      assert.equal(error.status, 401);
      assert.equal(error.hint.key, 'badToken');
    });

    it('401 scenario: the wrong-AK/SK hint and the request id', async () => {
      emulator.setScenario('error-401');
      const error = await rejectionOf(clientWith().isAgencyGranted('RDS-FG'));

      assert.equal(error.hint.key, 'wrongAkSk');
      assert.ok(error.requestId);
      assert.equal(csmsRequests().length, 1);
    });

    it('403: a missing permission, never retried', async () => {
      emulator.setScenario('error-403');
      const error = await rejectionOf(clientWith().isAgencyGranted('RDS-FG'));

      assert.equal(error.status, 403);
      assert.deepEqual(error.hint, { key: 'forbidden', args: { region: emulator.region } });
      assert.equal(csmsRequests().length, 1);
    });

    it('404 / APIGW.0101: wrong region or endpoint, naming both', async () => {
      emulator.setScenario('error-404');
      const error = await rejectionOf(clientWith().createAgencies('RDS-FG'));

      assert.equal(error.errorCode, 'APIGW.0101');
      assert.deepEqual(error.hint, {
        key: 'wrongRegionOrEndpoint',
        args: { region: emulator.region, endpoint: emulator.url },
      });
    });

    it('500: a server error, not retried', async () => {
      emulator.setScenario('error-500');
      const error = await rejectionOf(clientWith().isAgencyGranted('RDS-FG'));

      assert.equal(error.hint.key, 'serverError');
      assert.equal(csmsRequests().length, 1);
    });

    for (const [scenario, key] of [
      ['error-502', 'badGateway'],
      ['error-504', 'gatewayTimeout'],
      ['error-429', 'throttled'],
    ] as const) {
      it(`${scenario}: a GET is tried three times in all, a POST once`, async () => {
        emulator.setScenario(scenario);
        const client = clientWith();
        const read = await rejectionOf(client.isAgencyGranted('RDS-FG'));
        const readAttempts = csmsRequests().length;
        const create = await rejectionOf(client.createAgencies('RDS-FG'));

        assert.equal(read.hint.key, key);
        assert.equal(create.hint.key, key);
        assert.equal(readAttempts, 3);
        assert.equal(csmsRequests().length - readAttempts, 1);
      });
    }

    it('429 with Retry-After: a GET waits and succeeds, a POST reports the wait', async () => {
      emulator.setScenario('rate-limited', { times: 1 });
      const status = await clientWith().isAgencyGranted('RDS-FG');
      emulator.setScenario('rate-limited', { times: 1 });
      const error = await rejectionOf(clientWith().createAgencies('RDS-FG'));

      assert.equal(status.granted, false);
      assert.equal(csmsRequests().length, 3);
      assert.deepEqual(error.hint, {
        key: 'throttled',
        args: { seconds: 1, retryAfterSeconds: 1 },
      });
    });

    it('HTML 502: the gateway error, quoting the page', async () => {
      emulator.setScenario('html-502');
      const error = await rejectionOf(clientWith().createAgencies('RDS-FG'));

      assert.equal(error.kind, 'http');
      assert.equal(error.hint.key, 'badGateway');
      assert.match(error.message, /HTTP 502/);
      assert.match(error.message, /502 Bad Gateway/);
    });
  });

  describe('answers that are not what the API promises', () => {
    for (const [scenario, problem] of [
      ['empty-200', /body is empty; body \(empty\)/],
      ['invalid-json', /not valid JSON; body "\{\\"agencies\\": \[\{\\"agency_name/],
      ['huge-body', /1 MiB/],
    ] as const) {
      it(`${scenario}: an invalid response that says what was wrong`, async () => {
        emulator.setScenario(scenario);
        const error = await rejectionOf(clientWith().createAgencies('RDS-FG'));

        assert.equal(error.kind, 'invalidResponse');
        assert.equal(error.hint.key, 'invalidResponse');
        assert.match(error.message, problem);
      });
    }

    it('empty 200 on a status check: invalid, quoting the status', async () => {
      emulator.setScenario('empty-200');
      const error = await rejectionOf(clientWith().isAgencyGranted('RDS-FG'));

      assert.equal(error.kind, 'invalidResponse');
      assert.equal(error.status, 200);
      assert.match(error.message, /HTTP 200/);
      assert.ok(error.requestId);
    });
  });

  describe('timeouts, cancellation and broken connections', () => {
    it('gives up on a slow answer after the total timeout', async () => {
      emulator.setScenario('slow', { delayMs: 3000 });
      const error = await rejectionOf(clientWith({ timeoutMs: 300 }).createAgencies('RDS-FG'));

      assert.equal(error.kind, 'timeout');
      assert.deepEqual(error.hint, { key: 'timeout', args: { seconds: 0.3 } });
    });

    it('stops when the caller cancels, and says cancelled', async () => {
      emulator.setScenario('slow', { delayMs: 3000 });
      const controller = new AbortController();
      const pending = clientWith().createAgencies('RDS-FG', controller.signal);
      setTimeout(() => controller.abort(), 100);
      const error = await rejectionOf(pending);

      assert.equal(error.kind, 'cancelled');
      assert.equal(error.hint.key, 'cancelled');
    });

    it('sends nothing when the signal was cancelled before the call', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(clientWith().createAgencies('RDS-FG', controller.signal));

      assert.equal(error.kind, 'cancelled');
      assert.equal(emulator.requests.length, 0);
    });

    it('reset connection: a network error; a GET is retried, a POST is not', async () => {
      emulator.setScenario('reset');
      const client = clientWith();
      const read = await rejectionOf(client.isAgencyGranted('RDS-FG'));
      const readAttempts = csmsRequests().length;
      const create = await rejectionOf(client.createAgencies('RDS-FG'));

      assert.equal(read.kind, 'network');
      assert.equal(read.hint.key, 'connectionReset');
      assert.equal(create.hint.key, 'connectionReset');
      assert.equal(readAttempts, 3);
      assert.equal(csmsRequests().length, 4);
    });

    it('connection refused: a network error naming the host', async () => {
      const closed = await startEmulator();
      const endpoint = closed.url;
      await closed.close();
      const error = await rejectionOf(clientWith({ endpoint }).isAgencyGranted('RDS-FG'));

      assert.equal(error.kind, 'network');
      assert.deepEqual(error.hint, {
        key: 'connectionRefused',
        args: { host: new URL(endpoint).host },
      });
    });
  });

  describe('configuration refused before sending', () => {
    it('needs a project id for access-key calls', async () => {
      const error = await rejectionOf(
        clientWith({ projectId: undefined }).createAgencies('RDS-FG'),
      );

      assert.equal(error.kind, 'configuration');
      assert.deepEqual(error.hint, { key: 'missingProjectId', args: { region: emulator.region } });
      assert.equal(emulator.requests.length, 0);
    });

    it('refuses plain http to anything but loopback', async () => {
      const endpoint = 'http://kms.cn-north-4.myhuaweicloud.com';
      const error = await rejectionOf(clientWith({ endpoint }).createAgencies('RDS-FG'));

      assert.equal(error.kind, 'configuration');
      assert.deepEqual(error.hint, { key: 'insecureEndpoint', args: { endpoint } });
    });

    it('refuses an endpoint that is not a URL', async () => {
      const error = await rejectionOf(
        clientWith({ endpoint: 'kms here' }).createAgencies('RDS-FG'),
      );

      assert.equal(error.kind, 'configuration');
      assert.equal(error.hint.key, 'badEndpoint');
    });

    it('refuses a malformed secret type without sending it', async () => {
      const error = await rejectionOf(clientWith().createAgencies('RDS FG;drop'));

      assert.equal(error.kind, 'configuration');
      assert.equal(error.hint.key, 'invalidSecretType');
      assert.equal(emulator.requests.length, 0);
    });
  });

  describe('the lockout guard on the wire', () => {
    it('sends five failing signatures, then refuses the sixth without sending it', async () => {
      const credentials: Credentials = { ...keys(), secretKey: 'W'.repeat(40) };
      const client = clientWith({ credentials });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        assert.equal((await rejectionOf(client.isAgencyGranted('RDS-FG'))).status, 401);
      }
      const refused = await rejectionOf(client.isAgencyGranted('RDS-FG'));

      assert.equal(refused.kind, 'lockoutRisk');
      assert.equal(csmsRequests().length, 5);
    });

    it('is shared by clients that share the guard', async () => {
      const guard = new LockoutGuard();
      const credentials: Credentials = { ...keys(), secretKey: 'W'.repeat(40) };
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await rejectionOf(clientWith({ credentials }, guard).isAgencyGranted('RDS-FG'));
      }
      const refused = await rejectionOf(clientWith({}, guard).createAgencies('RDS-FG'));

      assert.equal(refused.kind, 'lockoutRisk');
      assert.equal(csmsRequests().length, 5);
    });
  });

  describe('project discovery', () => {
    it('finds the one project named after the region', async () => {
      const found = await clientWith({ projectId: undefined }).discoverProjectId(emulator.region);
      const [request] = emulator.requests;

      assert.equal(found.projectId, emulator.projectId);
      assert.equal(found.projectName, emulator.region);
      assert.equal(request.path, '/v3/projects');
      assert.deepEqual(request.query, { name: emulator.region });
      assert.equal(request.headers['x-project-id'], undefined);
    });

    it('explains that no project matches, and creates none', async () => {
      const error = await rejectionOf(clientWith().discoverProjectId('la-south-2'));

      assert.deepEqual(error.hint, { key: 'noProjectFound', args: { region: 'la-south-2' } });
      assert.deepEqual(
        emulator.requests.map((request) => request.method),
        ['GET'],
      );
    });

    it('explains that several projects match', async () => {
      const projects = [
        { id: 'aaaa1111bbbb2222cccc3333dddd4444', name: 'cn-east-3' },
        { id: 'eeee5555ffff6666aaaa7777bbbb8888', name: 'cn-east-3' },
      ];
      const several = await startEmulator({ projects });
      try {
        const client = clientWith({ iamEndpoint: several.url });
        const error = await rejectionOf(client.discoverProjectId('cn-east-3'));

        assert.deepEqual(error.hint, {
          key: 'severalProjectsFound',
          args: { region: 'cn-east-3', count: 2 },
        });
      } finally {
        await several.close();
      }
    });
  });

  describe('the log', () => {
    it('writes one info line per request and never a credential, even at trace', async () => {
      const lines: string[] = [];
      const logger = recordingLogger(lines);
      const infos: string[] = [];
      const client = clientWith({ logger: { ...logger, info: (line) => infos.push(line) } });

      await client.createAgencies('RDS-FG');
      await client.isAgencyGranted('RDS-FG');
      const text = [...lines, ...infos].join('\n');

      assert.equal(infos.length, 2);
      assert.match(
        infos[0],
        /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/csms\/agencies 200 [\d.]+ ms request id \S+$/,
      );
      assert.ok(lines.some((line) => line.startsWith('Response body: {"agencies"')));
      for (const secret of [emulator.accessKey, emulator.secretKey]) {
        assert.ok(!text.includes(secret));
      }
    });

    it('masks the access key that the gateway echoes in its lockout text', async () => {
      const credentials: Credentials = { ...keys(), secretKey: 'W'.repeat(40) };
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await rejectionOf(clientWith({ credentials }).isAgencyGranted('RDS-FG'));
      }
      const lines: string[] = [];
      const logger = recordingLogger(lines);
      const error = await rejectionOf(clientWith({ logger }).isAgencyGranted('RDS-FG'));
      const text = [...lines, error.message, error.errorMsg, JSON.stringify(error.exchange)].join();

      assert.match(error.errorMsg ?? '', /locked/);
      assert.ok(!text.includes(emulator.accessKey));
      assert.ok(!text.includes(emulator.secretKey));
    });
  });
});
