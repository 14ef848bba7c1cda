// Regions, endpoints, secret types, hints and redaction: the tables the extension builds on.
import * as assert from 'node:assert/strict';
import { CsmsError, type HintKey } from '../../src/csms/errors';
import { hintText, HINTS } from '../../src/csms/hints';
import { redactHeaders, redactText } from '../../src/csms/redact';
import { csmsEndpointFor, iamEndpointFor, REGIONS } from '../../src/csms/regions';
import { KNOWN_SECRET_TYPES, secretTypeProblem } from '../../src/csms/secretTypes';

const DOCUMENTED_REGIONS = [
  'cn-north-4',
  'cn-north-1',
  'cn-north-2',
  'cn-east-2',
  'cn-east-3',
  'cn-south-1',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'la-south-2',
  'la-north-2',
  'sa-brazil-1',
  'af-south-1',
  'tr-west-1',
  'me-east-1',
];

describe('regions', () => {
  it('lists every documented region once, each with an English name', () => {
    const ids = REGIONS.map((region) => region.id);
    for (const id of DOCUMENTED_REGIONS) {
      assert.ok(ids.includes(id), `${id} is missing`);
    }
    assert.equal(new Set(ids).size, ids.length);
    for (const region of REGIONS) {
      assert.match(region.name, /^[A-Z][\x20-\x7e]+$/);
    }
  });

  it('builds the KMS and IAM endpoints of a region', () => {
    assert.equal(csmsEndpointFor('cn-north-4'), 'https://kms.cn-north-4.myhuaweicloud.com');
    assert.equal(iamEndpointFor('ap-southeast-3'), 'https://iam.ap-southeast-3.myhuaweicloud.com');
  });

  it('reaches Huawei Cloud Europe through the overrides, trailing slashes dropped', () => {
    const kms = 'https://kms.eu-west-101.myhuaweicloud.eu/';
    const iam = ' https://iam.eu-west-101.myhuaweicloud.eu ';
    assert.equal(csmsEndpointFor('eu-west-101', kms), 'https://kms.eu-west-101.myhuaweicloud.eu');
    assert.equal(iamEndpointFor('eu-west-101', iam), 'https://iam.eu-west-101.myhuaweicloud.eu');
  });

  it('refuses a region id that cannot be part of a host name', () => {
    assert.throws(
      () => csmsEndpointFor('evil.example.com/x'),
      (error: unknown) => {
        return error instanceof CsmsError && error.kind === 'configuration';
      },
    );
  });
});

describe('secret types', () => {
  it('knows RDS-FG and GaussDB-FG, each with what it is for', () => {
    assert.deepEqual(
      KNOWN_SECRET_TYPES.map((known) => known.type),
      ['RDS-FG', 'GaussDB-FG'],
    );
    for (const known of KNOWN_SECRET_TYPES) {
      assert.ok(known.description.length > 20);
    }
  });

  it('accepts letters, digits and "-" from 1 to 64 characters', () => {
    assert.equal(secretTypeProblem('RDS-FG'), undefined);
    assert.equal(secretTypeProblem('A'.repeat(64)), undefined);
    assert.match(secretTypeProblem('') ?? '', /Enter/);
    assert.match(secretTypeProblem('A'.repeat(65)) ?? '', /64/);
    for (const bad of ['RDS FG', 'RDS_FG', 'RDS/FG', 'RDS-FG\n', 'ÄDS']) {
      assert.match(secretTypeProblem(bad) ?? '', /letters, digits/);
    }
  });
});

describe('hints', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    const text = hintText('throttled', { seconds: 7 });
    assert.equal(text, 'Too many requests. Wait 7 seconds and try again.');
    assert.match(hintText('dnsFailure', {}), /\{host\}/);
  });

  it('is one or two plain sentences for every key', () => {
    for (const [key, text] of Object.entries(HINTS) as [HintKey, string][]) {
      const sentences = text.split(/[.!?](\s|$)/).filter((part) => part.trim().length > 1);
      assert.ok(sentences.length >= 1 && sentences.length <= 2, `${key}: ${text}`);
      assert.ok(text.length < 240, key);
    }
  });
});

describe('redaction', () => {
  it('masks credential headers whatever their case, and keeps the rest', () => {
    const headers = redactHeaders({
      authorization: 'SDK-HMAC-SHA256 Access=MADEUPAK, SignedHeaders=host, Signature=abc',
      'X-Auth-Token': 'made-up-token',
      'x-security-token': 'made-up-sts',
      'X-Project-Id': 'project-1',
    });
    assert.deepEqual(headers, {
      authorization: '***',
      'X-Auth-Token': '***',
      'x-security-token': '***',
      'X-Project-Id': 'project-1',
    });
  });

  it('masks each secret in text, the longer first, and any Access= or Signature=', () => {
    const text = redactText('key ABCD, key ABCDEF; Access=XYZ, Signature=0af1 done', [
      'ABCD',
      'ABCDEF',
      '',
    ]);
    assert.equal(text, 'key ***, key ***; Access=***, Signature=*** done');
  });
});
