// The signer must produce, byte for byte, the signature of Huawei Cloud's official Node SDK signer.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest';
import { canonicalUri, sdkDate, Signer, type SignableRequest } from '../../src/csms/signer';

const SEED = 20261203;
const UNRESERVED = 'abcXYZ019-._~';
const RESERVED = ':@!$&()*+,;=[]%';
const NON_ASCII = ['é', 'ü', '中', '文', '😀', 'Ω'];
const EVERYWHERE_IN_QUERY = ' /?#\'"<>^`{|}';

interface Case {
  method: 'GET' | 'POST';
  host: string;
  segments: string[];
  trailingSlash: boolean;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  accessKey: string;
  secretKey: string;
  securityToken?: string;
  date: Date;
}

function textOf(characters: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> {
  return fc.array(characters, { minLength: 1, maxLength }).map((parts) => parts.join(''));
}

const pathCharacter = fc.oneof(
  fc.constantFrom(...UNRESERVED),
  fc.constantFrom(...RESERVED),
  fc.constantFrom(...NON_ASCII),
);
const queryCharacter = fc.oneof(pathCharacter, fc.constantFrom(...EVERYWHERE_IN_QUERY));
const queryValue = fc.oneof(fc.constant(''), textOf(queryCharacter, 8));
const headerName = fc
  .stringMatching(/^x-[a-z][a-z0-9-]{0,12}$/)
  .filter((name) => !['x-sdk-date', 'x-security-token', 'x-auth-token'].includes(name));
const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/);
const upperAlnum = fc.stringMatching(/^[A-Z0-9]{20}$/);
const secretKey = fc.stringMatching(/^[A-Za-z0-9]{40}$/);

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  method: fc.constantFrom('GET' as const, 'POST' as const),
  host: fc.constantFrom('kms.cn-north-4.myhuaweicloud.com', '127.0.0.1:8443', 'iam.example.eu'),
  segments: fc.array(textOf(pathCharacter, 10), { minLength: 1, maxLength: 4 }),
  trailingSlash: fc.boolean(),
  query: fc.dictionary(
    textOf(queryCharacter, 6),
    fc.oneof(queryValue, fc.array(queryValue, { minLength: 2, maxLength: 3 })),
    { maxKeys: 4 },
  ),
  headers: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
  body: fc.option(
    fc.record({ secret_type: textOf(queryCharacter, 12), note: fc.string() }, { requiredKeys: [] }),
    { nil: undefined },
  ),
  accessKey: upperAlnum,
  secretKey,
  securityToken: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{16,120}$/), { nil: undefined }),
  date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z') }),
});

function pathOf(testCase: Case): string {
  return `/${testCase.segments.join('/')}${testCase.trailingSlash ? '/' : ''}`;
}

function requestHeaders(testCase: Case): Record<string, string> {
  const headers: Record<string, string> = { ...testCase.headers, 'X-Project-Id': 'p'.repeat(32) };
  if (testCase.body) {
    headers['Content-Type'] = 'application/json;charset=UTF-8';
  }
  return headers;
}

function oursFor(testCase: Case): Record<string, string> {
  const { accessKey, secretKey, securityToken } = testCase;
  const signer = new Signer({ kind: 'aksk', accessKey, secretKey, securityToken });
  const request: SignableRequest = {
    method: testCase.method,
    host: testCase.host,
    path: pathOf(testCase),
    query: testCase.query,
    headers: requestHeaders(testCase),
    body: testCase.body ? JSON.stringify(testCase.body) : undefined,
  };
  return signer.sign(request, testCase.date).headers;
}

function officialFor(testCase: Case): Record<string, string> {
  const headers: Record<string, string> = {
    ...requestHeaders(testCase),
    'X-Sdk-Date': sdkDate(testCase.date),
  };
  if (testCase.securityToken) {
    headers['X-Security-Token'] = testCase.securityToken;
  }
  const request = {
    method: testCase.method,
    endpoint: `https://${testCase.host}${pathOf(testCase)}`,
    headers,
    queryParams: structuredClone(testCase.query),
    data: testCase.body,
  } as unknown as IHttpRequest;
  const credential = { getAk: () => testCase.accessKey, getSk: () => testCase.secretKey };
  return AKSKSigner.sign(request, credential as never) as Record<string, string>;
}

describe('Signer', () => {
  it('signs 300 generated requests exactly as the official SDK signer does', () => {
    let compared = 0;
    fc.assert(
      fc.property(caseArbitrary, (testCase) => {
        assert.equal(oursFor(testCase).Authorization, officialFor(testCase).Authorization);
        compared += 1;
      }),
      { seed: SEED, numRuns: 300 },
    );
    assert.equal(compared, 300);
  });

  it('covers both methods, bodies, repeated keys, non-ASCII and reserved path characters', () => {
    const cases = fc.sample(caseArbitrary, { seed: SEED, numRuns: 300 });
    const paths = cases.map(pathOf).join('');

    assert.ok(cases.some((c) => c.method === 'GET') && cases.some((c) => c.method === 'POST'));
    assert.ok(cases.some((c) => c.body) && cases.some((c) => !c.body));
    assert.ok(cases.some((c) => Object.values(c.query).some(Array.isArray)));
    assert.ok(cases.some((c) => Object.keys(c.headers).length > 0));
    assert.ok(cases.some((c) => c.securityToken));
    for (const character of [...NON_ASCII, ...RESERVED]) {
      assert.ok(paths.includes(character), `no generated path holds ${character}`);
    }
  });

  it('sends the path and query exactly as signed, with the date in UTC', () => {
    const signer = new Signer({
      kind: 'aksk',
      accessKey: 'AK'.repeat(10),
      secretKey: 'S'.repeat(40),
    });
    const request = {
      method: 'GET',
      host: 'kms.cn-north-4.myhuaweicloud.com',
      path: '/v1/csms/agencies',
      query: { secret_type: 'RDS-FG', z: ['b', 'a b'] },
    };
    const signed = signer.sign(request, new Date('2021-12-17T06:43:03.999Z'));

    assert.equal(signed.pathAndQuery, '/v1/csms/agencies?secret_type=RDS-FG&z=a%20b&z=b');
    assert.equal(signed.headers['X-Sdk-Date'], '20211217T064303Z');
    assert.equal(signed.headers.Host, 'kms.cn-north-4.myhuaweicloud.com');
    assert.match(
      signed.headers.Authorization,
      /^SDK-HMAC-SHA256 Access=AKAKAKAKAKAKAKAKAKAK, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends header values trimmed and signs them as sent', () => {
    const date = new Date('2024-05-06T07:08:09Z');
    const spaced = new Signer({
      kind: 'aksk',
      accessKey: 'A'.repeat(20),
      secretKey: 'k'.repeat(40),
    });
    const request = { method: 'POST', host: 'h.example.com', path: '/v1/x', body: '{}' };
    const withSpaces = spaced.sign({ ...request, headers: { 'X-Project-Id': '  p1 ' } }, date);
    const withoutSpaces = spaced.sign({ ...request, headers: { 'X-Project-Id': 'p1' } }, date);

    assert.equal(withSpaces.headers['X-Project-Id'], 'p1');
    assert.equal(withSpaces.headers.Authorization, withoutSpaces.headers.Authorization);
  });

  it('encodes path characters the way the gateway decodes them, ending in a slash', () => {
    // The SDK hands such a path to url.parse, which pre-escapes a space or a quote and so signs
    // "%2520" while sending "%20"; the gateway decodes the path first, so we sign "%20".
    assert.equal(canonicalUri("/a b/it's/中"), '/a%20b/it%27s/%E4%B8%AD/');
    assert.equal(canonicalUri('/v1/csms/agencies/'), '/v1/csms/agencies/');
  });

  it('signs with keys longer than a hash block, and non-ASCII keys, as the SDK does', () => {
    const cases = fc.sample(caseArbitrary, { seed: SEED + 1, numRuns: 20 });
    const keys = ['k'.repeat(64), 'k'.repeat(65), 'x'.repeat(200), 'clé-秘密-🔑-ключ'];
    for (const [index, testCase] of cases.entries()) {
      const withKey = { ...testCase, secretKey: keys[index % keys.length] };
      assert.equal(oursFor(withKey).Authorization, officialFor(withKey).Authorization);
    }
  });

  it('sends an IAM token in X-Auth-Token and signs nothing', () => {
    const signer = new Signer({ kind: 'token', token: 'made-up-token' });
    const signed = signer.sign({ method: 'GET', host: 'h', path: '/v1/csms/agencies' }, new Date());

    assert.equal(signed.headers['X-Auth-Token'], 'made-up-token');
    assert.equal(signed.headers.Authorization, undefined);
    assert.equal(signed.headers['X-Sdk-Date'], undefined);
  });

  it('adds X-Security-Token for temporary keys and signs it', () => {
    const credentials = { accessKey: 'T'.repeat(20), secretKey: 's'.repeat(40) };
    const signer = new Signer({ kind: 'aksk', ...credentials, securityToken: 'made-up-sts' });
    const signed = signer.sign({ method: 'GET', host: 'h', path: '/' }, new Date());

    assert.equal(signed.headers['X-Security-Token'], 'made-up-sts');
    assert.match(signed.headers.Authorization, /SignedHeaders=host;x-sdk-date;x-security-token,/);
  });
});
