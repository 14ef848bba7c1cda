// The buttons a failure's notification offers: a fix that fits, and never a Retry that could lock
// the access key.
import * as assert from 'node:assert/strict';
import {
  combinedErrorActions,
  endangersTheKey,
  errorActions,
} from '../../src/commands/errorActions';
import { CsmsError, type CsmsErrorKind, type HintKey } from '../../src/csms/errors';

function failure(kind: CsmsErrorKind, key: HintKey, status?: number): CsmsError {
  return new CsmsError('failed', { kind, status, hint: { key, args: {} } });
}

describe('error notification actions', () => {
  it('offers to configure credentials on a 401, and no retry', () => {
    const actions = errorActions(failure('http', 'wrongAkSk', 401), true);

    assert.deepEqual(actions, ['configureCredentials', 'showLog']);
  });

  it('offers region and settings on a 404 or a DNS failure', () => {
    assert.deepEqual(errorActions(failure('http', 'wrongRegionOrEndpoint', 404), true), [
      'selectRegion',
      'openSettings',
      'retry',
      'showLog',
    ]);
    assert.deepEqual(errorActions(failure('network', 'dnsFailure'), false), [
      'selectRegion',
      'openSettings',
      'showLog',
    ]);
  });

  it('offers Retry for passing trouble: 5xx, 429, timeouts, resets', () => {
    for (const error of [
      failure('http', 'badGateway', 502),
      failure('http', 'throttled', 429),
      failure('timeout', 'timeout'),
      failure('network', 'connectionReset'),
    ]) {
      assert.ok(errorActions(error, true).includes('retry'), error.hint.key);
    }
  });

  it('never offers Retry where it cannot help or could lock the key', () => {
    for (const error of [
      failure('http', 'forbidden', 403),
      failure('http', 'invalidSecretType', 400),
      failure('lockoutRisk', 'lockoutRisk'),
      failure('configuration', 'insecureEndpoint'),
    ]) {
      assert.ok(!errorActions(error, true).includes('retry'), error.hint.key);
    }
  });

  it('sends configuration problems to the settings', () => {
    assert.ok(errorActions(failure('configuration', 'badEndpoint'), true).includes('openSettings'));
    assert.ok(errorActions(failure('http', 'noProjectFound', 200), true).includes('openSettings'));
  });

  it('always offers the log, even for an error it does not know', () => {
    assert.deepEqual(errorActions(new Error('bug'), true), ['showLog']);
    assert.equal(errorActions(failure('http', 'serverError', 500), true).at(-1), 'showLog');
  });

  it('offers every fix that fits one of several failures, once and in the usual order', () => {
    const actions = combinedErrorActions(
      [failure('http', 'invalidSecretType', 400), failure('network', 'dnsFailure')],
      true,
    );

    assert.deepEqual(actions, ['selectRegion', 'openSettings', 'retry', 'showLog']);
  });

  it('offers no Retry for several failures when one of them could lock the key', () => {
    const actions = combinedErrorActions(
      [failure('http', 'serverError', 500), failure('http', 'wrongAkSk', 401)],
      true,
    );

    assert.deepEqual(actions, ['configureCredentials', 'showLog']);
  });

  it('tells the failures after which more requests would endanger the key pair', () => {
    assert.ok(endangersTheKey(failure('http', 'wrongAkSk', 401)));
    assert.ok(endangersTheKey(failure('http', 'forbidden', 403)));
    assert.ok(endangersTheKey(failure('lockoutRisk', 'lockoutRisk')));
    for (const error of [
      failure('http', 'invalidSecretType', 400),
      failure('http', 'serverError', 500),
      failure('invalidResponse', 'invalidResponse', 200),
      failure('timeout', 'timeout'),
      new Error('bug'),
    ]) {
      assert.ok(!endangersTheKey(error), String(error));
    }
  });
});
