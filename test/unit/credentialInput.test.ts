// What the credential boxes say while a value is typed, and which values are kept from the
// SDK's environment variables and credentials file.
import * as assert from 'node:assert/strict';
import { checkCredentialInput, isSuspicious } from '../../src/credentials/credentialChecks';
import {
  credentialsFilePath,
  environmentCandidate,
  fileCandidates,
  findImportCandidates,
  parseIni,
} from '../../src/credentials/credentialImport';
import { cacheKey } from '../../src/credentials/projectIdCache';
import { fillPlaceholders as t } from '../../src/translate';

// Made-up keys of the usual shapes.
const AK = 'MADEUPACCESSKEY00001';
const SK = 'MadeUpSecretKeyForUnitTests0000000000001';

describe('credential input checks', () => {
  it('accepts keys of the usual shape without a word', () => {
    assert.equal(checkCredentialInput('accessKey', AK, t), undefined);
    assert.equal(checkCredentialInput('secretKey', SK, t), undefined);
    assert.equal(isSuspicious('accessKey', AK), false);
  });

  it('refuses only an empty value', () => {
    assert.equal(checkCredentialInput('token', '   ', t)?.severity, 'error');
    assert.equal(checkCredentialInput('securityToken', 'anything', t), undefined);
  });

  it('warns, without refusing, about an access key that is not 20 upper-case characters', () => {
    const problem = checkCredentialInput('accessKey', 'madeupaccesskey00001', t);

    assert.equal(problem?.severity, 'warning');
    assert.match(problem?.message ?? '', /20 upper-case letters and digits; this one has 20/);
    assert.equal(isSuspicious('accessKey', 'SHORT1'), true);
  });

  it('warns about a secret key that is not 40 characters', () => {
    const problem = checkCredentialInput('secretKey', SK.slice(1), t);

    assert.equal(problem?.severity, 'warning');
    assert.match(problem?.message ?? '', /this one has 39/);
  });

  it('says stray spaces will be removed, and judges the trimmed value', () => {
    assert.deepEqual(checkCredentialInput('accessKey', ` ${AK}\t`, t), {
      severity: 'info',
      message: 'Spaces around the value will be removed.',
    });
    assert.equal(isSuspicious('secretKey', `${SK} `), false);
  });
});

describe('credential import', () => {
  it('reads AK/SK, security token and project from the SDK environment variables', () => {
    const candidate = environmentCandidate({
      HUAWEICLOUD_SDK_AK: AK,
      HUAWEICLOUD_SDK_SK: ` ${SK} `,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'made-up-security-token',
      HUAWEICLOUD_SDK_PROJECT_ID: '0a6c3b8e5f7d4e2a9c1b4d6f8e0a2c4e',
    });

    assert.deepEqual(candidate, {
      source: 'environment',
      credentials: {
        kind: 'aksk',
        accessKey: AK,
        secretKey: SK,
        securityToken: 'made-up-security-token',
      },
      projectId: '0a6c3b8e5f7d4e2a9c1b4d6f8e0a2c4e',
    });
  });

  it('offers nothing from the environment without both keys', () => {
    assert.equal(environmentCandidate({ HUAWEICLOUD_SDK_AK: AK }), undefined);
    assert.equal(
      environmentCandidate({ HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: ' ' }),
      undefined,
    );
  });

  it('parses the credentials file: sections, comments, both separators, any key case', () => {
    const sections = parseIni(
      ['; comment', '# comment', '[basic]', 'AK = A1', 'sk: S1 ', '', '[global]', 'ak=A2'].join(
        '\r\n',
      ),
    );

    assert.deepEqual([...sections.keys()], ['basic', 'global']);
    assert.equal(sections.get('basic')?.get('ak'), 'A1');
    assert.equal(sections.get('basic')?.get('sk'), 'S1');
    assert.equal(sections.get('global')?.get('ak'), 'A2');
  });

  it('offers each file section that holds both keys, with its project id', () => {
    const text = `[basic]\nak = ${AK}\nsk = ${SK}\nproject_id = p1\n\n[global]\nak = ${AK}\n`;

    const candidates = fileCandidates(text);

    assert.deepEqual(candidates, [
      {
        source: 'file:basic',
        credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
        projectId: 'p1',
      },
    ]);
  });

  it('follows HUAWEICLOUD_SDK_CREDENTIALS_FILE and lists the environment first', async () => {
    const env = {
      HUAWEICLOUD_SDK_AK: AK,
      HUAWEICLOUD_SDK_SK: SK,
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/elsewhere/creds',
    };
    const read: string[] = [];

    const candidates = await findImportCandidates(env, '/home/someone', async (file) => {
      read.push(file);
      return `[basic]\nak=${AK}\nsk=${SK}\n`;
    });

    assert.deepEqual(read, ['/elsewhere/creds']);
    assert.deepEqual(
      candidates.map((candidate) => candidate.source),
      ['environment', 'file:basic'],
    );
    assert.equal(
      credentialsFilePath({}, '/home/someone'),
      '/home/someone/.huaweicloud/credentials',
    );
  });

  it('offers nothing when neither source exists', async () => {
    assert.deepEqual(await findImportCandidates({}, '/home/someone', async () => undefined), []);
  });
});

describe('project id cache key', () => {
  it('differs per region and access key but never holds the key itself', () => {
    const credentials = { kind: 'aksk' as const, accessKey: AK, secretKey: SK };
    const key = cacheKey('cn-north-4', credentials);

    assert.ok(!key.includes(AK) && !key.includes(SK));
    assert.notEqual(key, cacheKey('cn-east-3', credentials));
    assert.notEqual(
      key,
      cacheKey('cn-north-4', { ...credentials, accessKey: 'MADEUPACCESSKEY00002' }),
    );
    assert.equal(key, cacheKey('cn-north-4', { ...credentials, secretKey: 'rotated' }));
  });
});
