// The guard must stop the attempt that could lock a key pair, and only that.
import * as assert from 'node:assert/strict';
import { CsmsError } from '../../src/csms/errors';
import { LockoutGuard } from '../../src/csms/lockout';

const KEY = 'MADEUPACCESSKEY00001';
const OTHER_KEY = 'MADEUPACCESSKEY00002';
const MINUTE = 60 * 1000;

function guardAt(start = Date.parse('2026-01-01T00:00:00Z')) {
  const clock = { now: start };
  return { clock, guard: new LockoutGuard(() => clock.now) };
}

function failTimes(guard: LockoutGuard, key: string, times: number): void {
  for (let i = 0; i < times; i += 1) {
    guard.check(key);
    guard.recordFailure(key);
  }
}

describe('LockoutGuard', () => {
  it('lets five failed attempts through and refuses the sixth, saying why and until when', () => {
    const { guard } = guardAt();
    failTimes(guard, KEY, 5);

    assert.throws(
      () => guard.check(KEY),
      (error: unknown) => {
        assert.ok(error instanceof CsmsError);
        assert.equal(error.kind, 'lockoutRisk');
        assert.equal(error.hint.key, 'lockoutRisk');
        assert.equal(error.hint.args.count, 5);
        assert.equal(error.hint.args.until, '2026-01-01T00:05:00.000Z');
        assert.match(error.message, /failed in a row/);
        assert.match(error.message, /2026-01-01T00:05:00.000Z/);
        return true;
      },
    );
  });

  it('allows an attempt again five minutes after the last failure, not before', () => {
    const { clock, guard } = guardAt();
    failTimes(guard, KEY, 5);

    clock.now += 5 * MINUTE - 1;
    assert.throws(() => guard.check(KEY), CsmsError);
    clock.now += 1;
    assert.doesNotThrow(() => guard.check(KEY));
  });

  it('re-arms at once when the attempt after the window fails again', () => {
    const { clock, guard } = guardAt();
    failTimes(guard, KEY, 5);
    clock.now += 5 * MINUTE;
    failTimes(guard, KEY, 1);

    assert.throws(() => guard.check(KEY), CsmsError);
  });

  it('resets the count on a success', () => {
    const { guard } = guardAt();
    failTimes(guard, KEY, 4);
    guard.recordSuccess(KEY);
    failTimes(guard, KEY, 4);

    assert.equal(guard.failureCount(KEY), 4);
    assert.doesNotThrow(() => guard.check(KEY));
  });

  it('counts each access key on its own', () => {
    const { guard } = guardAt();
    failTimes(guard, KEY, 5);

    assert.doesNotThrow(() => guard.check(OTHER_KEY));
    assert.throws(() => guard.check(KEY), CsmsError);
  });

  it('is one instance for the whole process', () => {
    assert.equal(LockoutGuard.shared(), LockoutGuard.shared());
  });
});
