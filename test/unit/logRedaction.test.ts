// The log at its most detailed level must never show a credential, whatever the line holds.
import * as assert from 'node:assert/strict';
import { MaskingLogger } from '../../src/log/maskingLogger';
import { SecretMasker } from '../../src/log/secretMasker';
import type { Logger } from '../../src/csms/types';

const AK = 'MADEUPACCESSKEY00001';
const SK = 'MadeUpSecretKeyForUnitTests0000000000001';
const SECURITY_TOKEN = 'made-up-security-token-0001';
const IAM_TOKEN = 'MIImade-up-iam-token-0001';

/** A log that keeps every line at every level, as a trace-level log file would. */
function traceLog(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  const logger = {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
  };
  return { logger, lines };
}

describe('log redaction', () => {
  it('writes no key, token or credential header at trace level', () => {
    const masker = new SecretMasker();
    masker.remember({ kind: 'aksk', accessKey: AK, secretKey: SK, securityToken: SECURITY_TOKEN });
    masker.remember({ kind: 'token', token: IAM_TOKEN });
    const { logger, lines } = traceLog();
    const log = new MaskingLogger(logger, masker);

    log.info(`POST https://kms.example/v1/csms/agencies 200 31 ms access key ${AK}`);
    log.debug(`Authorization: SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host, Signature=0f9e8d`);
    log.debug(`{"X-Auth-Token":"${IAM_TOKEN}","x-security-token":"${SECURITY_TOKEN}"}`);
    log.trace(`request body {"sk":"${SK}"} and again ${SK.toLowerCase()}${SK}`);
    log.error(`failed with ${IAM_TOKEN}`);
    log.warn(`X-Subject-Token: unknown-value-from-iam`);

    const written = lines.join('\n');
    for (const secret of [AK, SK, SECURITY_TOKEN, IAM_TOKEN, '0f9e8d', 'unknown-value-from-iam']) {
      assert.ok(!written.includes(secret), `the log shows ${secret.slice(0, 6)}…`);
    }
    assert.equal(lines.length, 6);
    assert.match(written, /POST https:\/\/kms\.example\/v1\/csms\/agencies 200 31 ms/);
  });

  it('masks a secret that contains another secret as a whole', () => {
    const masker = new SecretMasker();
    masker.rememberValues(['abcdef', 'abcdefghijkl']);

    assert.equal(masker.mask('x abcdefghijkl y abcdef'), 'x *** y ***');
  });

  it('leaves ordinary words alone: very short values are not treated as secrets', () => {
    const masker = new SecretMasker();
    masker.rememberValues(['a', 'the', undefined, '']);

    assert.equal(masker.mask('the agency was created'), 'the agency was created');
  });
});
