// Whatever a server or the network does, a call settles, and only ever with a result or a CsmsError.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as fc from 'fast-check';
import { CsmsClient } from '../../src/csms/client';
import { CsmsError } from '../../src/csms/errors';
import { HINTS } from '../../src/csms/hints';
import type { HttpAnswer, HttpRequest } from '../../src/csms/http';
import { LockoutGuard } from '../../src/csms/lockout';
import type { ClientOptions } from '../../src/csms/types';

const SEED = 5150;
const SECRET_KEY = 'PropertySecretKeyMadeUpForTests000000000';
const ACCESS_KEY = 'PROPERTYACCESSKEY001';
/** No single call may take longer than this; the client's own timeout is far shorter. */
const SETTLE_BOUND_MS = 3000;
const KINDS = ['configuration', 'network', 'timeout', 'cancelled', 'http', 'invalidResponse'];

type Operation = 'create' | 'granted' | 'discover';
type Outcome = { answer: HttpAnswer } | { thrown: unknown };

const validBodies = [
  '{"agencies":[{"agency_name":"csms_fgs_rds","agency_id":"a1b2"}]}',
  '{"agencies":[{"agency_name":"x","error_msg":"quota exceeded"},{"agency_name":"y","agency_id":"1"}]}',
  '{"agency_granted":"true"}',
  '{"agency_granted":"false","extra":{"nested":[1,2,3]}}',
  '{"projects":[{"id":"0a6c","name":"cn-north-4","enabled":true}]}',
  '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: signature expired, signature time:20211217T064303Z,server time:20211217T065804Z"}',
  '{"error":{"code":403,"message":"The account is frozen"}}',
];

/** A valid body with a few characters replaced, removed or inserted, or cut short. */
const mutatedBody = fc
  .tuple(
    fc.constantFrom(...validBodies),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('replace', 'delete', 'insert', 'cut'),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
      ),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  )
  .map(([body, edits]) =>
    edits.reduce((text, [at, edit, char]) => {
      const index = text.length === 0 ? 0 : at % text.length;
      if (edit === 'cut') {
        return text.slice(0, index);
      }
      const keep = edit === 'insert' ? index : index + 1;
      return text.slice(0, index) + (edit === 'delete' ? '' : char) + text.slice(keep);
    }, body),
  );

const jsonShaped = fc
  .oneof(
    fc.record({ agencies: fc.anything() }),
    fc.record({
      agencies: fc.array(
        fc.dictionary(
          fc.constantFrom('agency_name', 'agency_id', 'error_msg', 'x'),
          fc.jsonValue(),
        ),
      ),
    }),
    fc.record({ agency_granted: fc.jsonValue() }),
    fc.record({
      projects: fc.array(
        fc.record({ id: fc.jsonValue(), name: fc.constantFrom('cn-north-4', 'x') }),
      ),
    }),
    fc.record(
      { error_code: fc.jsonValue(), error_msg: fc.jsonValue(), error: fc.jsonValue() },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  )
  .map((value) => JSON.stringify(value) ?? '');

const body = fc.oneof(
  fc.constantFrom(...validBodies),
  mutatedBody,
  jsonShaped,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '<html><body>502</body></html>',
    'null',
    '[]',
    '"agencies"',
    '{',
    '1e999',
  ),
);

const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('0', '1', '-5', '99999999999999999999', 'Wed, 21 Oct 2015 07:28:00 GMT', 'soon'),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
);

const headers = fc.dictionary(
  fc.oneof(
    fc.constantFrom('date', 'retry-after', 'x-request-id', 'location', 'content-type'),
    fc.string({ maxLength: 12 }),
  ),
  headerValue,
  { maxKeys: 5 },
);

const status = fc.oneof(
  fc.constantFrom(200, 201, 204, 302, 400, 401, 403, 404, 429, 500, 502, 503, 504),
  fc.integer({ min: -1, max: 1000 }),
);

const thrown = fc.oneof(
  fc
    .constantFrom(
      'ECONNRESET',
      'ENOTFOUND',
      'ECONNREFUSED',
      'CERT_HAS_EXPIRED',
      'EHOSTUNREACH',
      'HPE_INVALID_CONSTANT',
      'ERR_BAD_RESPONSE',
    )
    .map((code) => Object.assign(new Error(code), { code })),
  fc.anything(),
);

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ status, headers, body }).map((answer) => ({ answer })) },
  { weight: 1, arbitrary: thrown.map((value) => ({ thrown: value })) },
);

interface Answering {
  client: CsmsClient;
  sent: HttpRequest[];
}

function clientAnswering(outcomes: Outcome[]): Answering {
  const sent: HttpRequest[] = [];
  const send = (request: HttpRequest): Promise<HttpAnswer> => {
    assert.ok(request.headers.Authorization);
    const next = outcomes[Math.min(sent.length, outcomes.length - 1)];
    sent.push(request);
    return 'answer' in next ? Promise.resolve(next.answer) : Promise.reject(next.thrown);
  };
  const options: ClientOptions = {
    region: 'cn-north-4',
    projectId: 'project-0001',
    endpoint: 'https://kms.cn-north-4.myhuaweicloud.com',
    credentials: { kind: 'aksk', accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    userAgent: 'csms-agencies-test/0.0.0',
    timeoutMs: 1000,
    retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 5 },
  };
  return { client: new CsmsClient(options, { lockout: new LockoutGuard(), send }), sent };
}

function run(client: CsmsClient, operation: Operation): Promise<unknown> {
  switch (operation) {
    case 'create':
      return client.createAgencies('RDS-FG');
    case 'granted':
      return client.isAgencyGranted('RDS-FG');
    case 'discover':
      return client.discoverProjectId('cn-north-4');
  }
}

/** Settles the call within the bound, or fails the property as a hang. */
async function settle(call: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the call did not settle')), SETTLE_BOUND_MS);
  });
  try {
    return { value: await Promise.race([call, hang]) };
  } catch (error) {
    assert.ok(!(error instanceof Error && error.message === 'the call did not settle'), 'hang');
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

function assertWellFormed(error: unknown): void {
  assert.ok(error instanceof CsmsError, `escaped: ${String(error)}`);
  assert.ok(KINDS.includes(error.kind), error.kind);
  assert.ok(error.hint.key in HINTS, error.hint.key);
  assert.ok(error.message.length < 1500, 'message too long');
  for (const text of [error.message, error.errorMsg ?? '', JSON.stringify(error.exchange ?? {})]) {
    assert.ok(!text.includes(SECRET_KEY) && !text.includes(ACCESS_KEY), 'credential leaked');
  }
}

/** The result must come from the last answer the client asked for, and that one was a 2xx. */
function assertResult(operation: Operation, value: unknown, consumed: Outcome[]): void {
  const last = consumed[consumed.length - 1];
  assert.ok('answer' in last && last.answer.status >= 200 && last.answer.status <= 299);
  const result = value as Record<string, unknown>;
  if (operation === 'create') {
    assert.ok(Array.isArray(result.agencies));
    for (const agency of result.agencies as Record<string, unknown>[]) {
      assert.equal(typeof agency.name, 'string');
    }
  } else if (operation === 'granted') {
    assert.equal(typeof result.granted, 'boolean');
  } else {
    assert.equal(typeof result.projectId, 'string');
  }
}

describe('response handling under random and mutated answers', () => {
  it('settles 5,000 calls with a typed result or a CsmsError, never anything else', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Operation>('create', 'granted', 'discover'),
        fc.array(outcome, { minLength: 1, maxLength: 2 }),
        async (operation, outcomes) => {
          runs += 1;
          const { client, sent } = clientAnswering(outcomes);
          const settled = await settle(run(client, operation));
          if ('error' in settled) {
            assertWellFormed(settled.error);
          } else {
            assertResult(operation, settled.value, outcomes.slice(0, sent.length));
          }
          assert.ok(operation !== 'create' || sent.length <= 1, 'a POST was sent twice');
        },
      ),
      { seed: SEED, numRuns: 5000 },
    );
    assert.equal(runs, 5000);
  });

  it('rejects a 2xx whose body is not the promised shape as an invalid response', async () => {
    const bodies = [
      '',
      '<html></html>',
      '{"agencies":{}}',
      '{"agencies":[{"agency_id":"1"}]}',
      '{"agencies":[{"agency_name":"a","agency_id":7}]}',
      '[]',
      '{',
    ];
    for (const text of bodies) {
      const { client } = clientAnswering([{ answer: { status: 200, headers: {}, body: text } }]);
      const { error } = await settle(client.createAgencies('RDS-FG'));

      assert.ok(error instanceof CsmsError, text);
      assert.equal(error.kind, 'invalidResponse', text);
      assert.match(error.message, /HTTP 200/);
    }
  });

  it('settles 200 calls against a loopback server writing random bytes', async () => {
    const replies: { bytes: string; close: boolean }[] = [];
    const server = net.createServer((socket) => {
      const reply = replies.shift() ?? { bytes: '', close: true };
      socket.on('error', () => undefined);
      socket.once('data', () => {
        socket.write(reply.bytes);
        if (reply.close) {
          socket.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const rawReply = fc.record({
      bytes: fc.oneof(
        fc.tuple(status, headers, body).map(([code, fields, text]) => rawHttp(code, fields, text)),
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
      close: fc.integer({ min: 0, max: 9 }).map((draw) => draw !== 0),
    });

    try {
      await fc.assert(
        fc.asyncProperty(rawReply, async (reply) => {
          replies.push(reply);
          const client = new CsmsClient(
            { ...loopbackOptions(endpoint), timeoutMs: 300, retry: { maxAttempts: 1 } },
            { lockout: new LockoutGuard() },
          );
          const settled = await settle(client.createAgencies('RDS-FG'));
          if ('error' in settled) {
            assertWellFormed(settled.error);
          }
          replies.length = 0;
        }),
        { seed: SEED, numRuns: 200 },
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

function loopbackOptions(endpoint: string): ClientOptions {
  return {
    region: 'cn-north-4',
    projectId: 'project-0001',
    endpoint,
    credentials: { kind: 'aksk', accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    userAgent: 'csms-agencies-test/0.0.0',
  };
}

function rawHttp(code: number, fields: Record<string, string>, text: string): string {
  const lines = [`HTTP/1.1 ${code} Whatever`];
  for (const [name, value] of Object.entries(fields)) {
    lines.push(`${name}: ${value}`);
  }
  lines.push(`Content-Length: ${Buffer.byteLength(text)}`, 'Connection: close', '', text);
  return lines.join('\r\n');
}
