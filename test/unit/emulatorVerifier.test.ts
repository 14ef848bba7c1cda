/**
 * The emulator's signature verifier against the official SDK signer: generated requests signed by
 * the SDK and carried over a real socket must verify, and each one-byte change must not.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { sendWire, signWithSdk, type CallSpec } from '../emulator/sdkSignedCall';
import { parseAuthorization, verifySignature, type ReceivedRequest } from '../emulator/verifier';

const KEYS = {
  accessKey: 'TESTAK7EMULATOR0NLY9',
  secretKey: 'testSecretKeyForTheVerifierOnly000000000',
};
const SEED = 20261203;
const RUNS = 240;

/** Reserved, unreserved and non-ASCII characters a path segment may hold. */
const PATH_CHARS = [...'abcXYZ019-._~:@!$&()*+,;=[]%', 'é', 'ß', '中', '文', '😀'];
/** Query text may hold anything, spaces and slashes included. */
const QUERY_CHARS = [...PATH_CHARS, ' ', '/', '?', '#', "'", '"', '<', '>', '^', '|', '{', '}'];
const HEADER_NAME_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789-'];
const HEADER_VALUE_CHARS = [...'abcXYZ0189-._~:;,=/()[]@!$%&*+?#"\'<>{}|^` '];

function textOf(chars: string[], minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...chars), { minLength, maxLength }).map((a) => a.join(''));
}

/** Header values without surrounding blanks, as any HTTP parser would trim those. */
const headerValue = textOf(HEADER_VALUE_CHARS, 1, 20).map((text) => `v${text.trim()}v`);

const callSpec: fc.Arbitrary<CallSpec> = fc.record({
  method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
  // A leading 'v1', as in every real path, so a path always has a letter to change.
  segments: fc.array(textOf(PATH_CHARS, 0, 8), { maxLength: 4 }).map((rest) => ['v1', ...rest]),
  query: fc.array(fc.tuple(textOf(QUERY_CHARS, 1, 6), textOf(QUERY_CHARS, 0, 8)), { maxLength: 5 }),
  body: fc.option(fc.dictionary(textOf(QUERY_CHARS, 1, 6), fc.jsonValue()), { nil: undefined }),
  headers: fc.dictionary(
    textOf(HEADER_NAME_CHARS, 1, 8).map((n) => `x-extra-${n}`),
    headerValue,
    {
      maxKeys: 4,
    },
  ),
  date: fc.constant('20261203T101010Z'),
});

/** A second, repeated key added to some cases, so repeated keys are always covered. */
const withRepeats = fc
  .tuple(callSpec, fc.boolean(), textOf(QUERY_CHARS, 0, 4))
  .map(([spec, repeat, value]): CallSpec => {
    const first = spec.query[0];
    if (!repeat || first === undefined) {
      return spec;
    }
    return { ...spec, query: [...spec.query, [first[0], value]] };
  });

type Mutation = 'body' | 'path' | 'query' | 'header' | 'date' | 'signature';

describe('emulator verifier against the official SDK signer', function () {
  let server: Server;
  let baseUrl: string;
  let received: ReceivedRequest[];

  before(async function () {
    received = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push({
          method: req.method ?? '',
          target: req.url ?? '',
          headers: req.headers,
          body,
        });
        res.end('captured');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async function () {
    await new Promise((resolve) => server.close(resolve));
  });

  async function carried(spec: CallSpec): Promise<ReceivedRequest> {
    const wire = signWithSdk(baseUrl, spec, KEYS);
    received.length = 0;
    await sendWire(baseUrl, wire);
    assert.equal(received.length, 1);
    return received[0];
  }

  it(`accepts ${RUNS} SDK-signed requests and rejects every one-byte mutation of each`, async function () {
    const tally = { verified: 0, rejected: 0, ...emptyCoverage() };

    await fc.assert(
      fc.asyncProperty(withRepeats, fc.nat(), async (spec, pick) => {
        const request = await carried(spec);
        const claim = parseAuthorization(String(request.headers.authorization));
        assert.ok(claim, 'the SDK Authorization header parses');
        assert.ok(verifySignature(request, claim, KEYS.secretKey), `verifies: ${request.target}`);
        tally.verified += 1;

        for (const mutation of MUTATIONS) {
          const mutated = mutate(request, mutation, pick);
          const mutatedClaim = parseAuthorization(String(mutated.headers.authorization));
          const accepted = mutatedClaim && verifySignature(mutated, mutatedClaim, KEYS.secretKey);
          assert.equal(accepted, false, `${mutation} mutation must be rejected: ${mutated.target}`);
          tally.rejected += 1;
        }

        countCoverage(spec, tally);
      }),
      { seed: SEED, numRuns: RUNS },
    );

    assert.equal(tally.verified, RUNS);
    assert.equal(tally.rejected, RUNS * MUTATIONS.length);
    assert.ok(tally.repeatedKeys > 20, `repeated keys covered (${tally.repeatedKeys})`);
    assert.ok(tally.bodies > 20, `bodies covered (${tally.bodies})`);
    assert.ok(tally.nonAscii > 20, `non-ASCII paths covered (${tally.nonAscii})`);
    assert.ok(tally.reserved > 20, `reserved path characters covered (${tally.reserved})`);
    assert.ok(
      tally.posts > 20 && tally.gets > 20,
      `both methods covered (${tally.gets}/${tally.posts})`,
    );
    assert.ok(tally.extraHeaders > 20, `extra headers covered (${tally.extraHeaders})`);
  });

  it('rejects a signature made with another secret key', async function () {
    const request = await carried(FIXED_SPEC);
    const claim = parseAuthorization(String(request.headers.authorization));

    assert.ok(claim);
    assert.equal(verifySignature(request, claim, KEYS.secretKey), true);
    assert.equal(verifySignature(request, claim, `${KEYS.secretKey.slice(0, -1)}1`), false);
  });

  it('rejects a claim that lists a header that was not sent', async function () {
    const request = await carried(FIXED_SPEC);
    const claim = parseAuthorization(String(request.headers.authorization));
    assert.ok(claim);

    const extra = { ...claim, signedHeaders: [...claim.signedHeaders, 'x-not-sent'] };
    assert.equal(verifySignature(request, extra, KEYS.secretKey), false);
  });

  it('parses the Authorization header leniently and refuses other schemes', function () {
    const claim = parseAuthorization(
      'SDK-HMAC-SHA256   Signature=abc ,Access=AK1,  SignedHeaders=host;x-sdk-date',
    );

    assert.deepEqual(claim, {
      accessKey: 'AK1',
      signedHeaders: ['host', 'x-sdk-date'],
      signature: 'abc',
    });
    assert.equal(parseAuthorization('AWS4-HMAC-SHA256 Credential=x'), undefined);
    assert.equal(parseAuthorization('SDK-HMAC-SHA256 Access=AK1, Signature=abc'), undefined);
    assert.equal(parseAuthorization(undefined), undefined);
  });
});

const MUTATIONS: Mutation[] = ['body', 'path', 'query', 'header', 'date', 'signature'];

const FIXED_SPEC: CallSpec = {
  method: 'POST',
  segments: ['v1', 'csms', 'agencies'],
  query: [['secret_type', 'RDS-FG']],
  body: { secret_type: 'RDS-FG' },
  headers: { 'X-Project-Id': '0123456789abcdef0123456789abcdef' },
  date: '20261203T101010Z',
};

/**
 * One byte changed where it changes meaning: a letter or digit becomes another of its kind, so an
 * escape such as `%2F` never turns into its lower-case twin, which would decode to the same text.
 * Only a GET (empty body) and a request without a query get a byte added instead.
 */
function mutate(request: ReceivedRequest, mutation: Mutation, pick: number): ReceivedRequest {
  const copy: ReceivedRequest = { ...request, headers: { ...request.headers } };
  const queryAt = request.target.indexOf('?');
  const pathEnd = queryAt < 0 ? request.target.length : queryAt;
  switch (mutation) {
    case 'body':
      copy.body = flipOneByte(request.body, pick);
      return copy;
    case 'path':
      copy.target = changeOneCharacter(request.target, 0, pathEnd, pick);
      return copy;
    case 'query':
      copy.target =
        queryAt < 0
          ? `${request.target}?q`
          : changeOneCharacter(request.target, queryAt + 1, request.target.length, pick);
      return copy;
    case 'header':
      return changeSignedHeader(copy, pick);
    case 'date':
      copy.headers['x-sdk-date'] = changeOneCharacter(
        String(request.headers['x-sdk-date']),
        0,
        15,
        pick,
      );
      return copy;
    case 'signature': {
      const authorization = String(request.headers.authorization);
      const at = authorization.indexOf('Signature=') + 'Signature='.length;
      copy.headers.authorization = changeOneCharacter(
        authorization,
        at,
        authorization.length,
        pick,
      );
      return copy;
    }
  }
}

function flipOneByte(body: Buffer, pick: number): Buffer {
  if (body.length === 0) {
    return Buffer.from(' ');
  }

  const copy = Buffer.from(body);
  copy[pick % copy.length] ^= 0x01;
  return copy;
}

/** Changes a signed header other than the date (which has its own mutation). */
function changeSignedHeader(request: ReceivedRequest, pick: number): ReceivedRequest {
  const claim = parseAuthorization(String(request.headers.authorization));
  const names = (claim?.signedHeaders ?? []).filter((name) => name !== 'x-sdk-date');
  const name = names[pick % names.length];
  const value = String(request.headers[name]);
  request.headers[name] = changeOneCharacter(value, 0, value.length, pick);
  return request;
}

/** Replaces one letter or digit in `text[start, end)` by the next one of its kind. */
function changeOneCharacter(text: string, start: number, end: number, pick: number): string {
  const positions: number[] = [];
  for (let i = start; i < end; i += 1) {
    if (/[A-Za-z0-9]/.test(text[i])) {
      positions.push(i);
    }
  }
  assert.ok(positions.length > 0, `something to change in ${text.slice(start, end)}`);

  const at = positions[pick % positions.length];
  return text.slice(0, at) + nextOfKind(text[at]) + text.slice(at + 1);
}

function nextOfKind(character: string): string {
  const alphabets = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
  const alphabet = alphabets.find((letters) => letters.includes(character)) ?? '';
  return alphabet[(alphabet.indexOf(character) + 1) % alphabet.length];
}

type Coverage = ReturnType<typeof emptyCoverage>;

function emptyCoverage() {
  return {
    repeatedKeys: 0,
    bodies: 0,
    nonAscii: 0,
    reserved: 0,
    gets: 0,
    posts: 0,
    extraHeaders: 0,
  };
}

function countCoverage(spec: CallSpec, tally: Coverage): void {
  const keys = spec.query.map(([key]) => key);
  const path = spec.segments.join('/');
  tally.repeatedKeys += new Set(keys).size < keys.length ? 1 : 0;
  tally.bodies += spec.body !== undefined ? 1 : 0;
  // eslint-disable-next-line no-control-regex
  tally.nonAscii += /[^\x00-\x7f]/.test(path) ? 1 : 0;
  tally.reserved += /[:@!$&()*+,;=[\]%]/.test(path) ? 1 : 0;
  tally.gets += spec.method === 'GET' ? 1 : 0;
  tally.posts += spec.method === 'POST' ? 1 : 0;
  tally.extraHeaders += Object.keys(spec.headers).length > 0 ? 1 : 0;
}
