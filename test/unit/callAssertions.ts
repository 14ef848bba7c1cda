// Helpers the API-layer tests share: waiting for a call's CsmsError, and a logger that keeps lines.
import * as assert from 'node:assert/strict';
import { CsmsError } from '../../src/csms/errors';
import type { Logger } from '../../src/csms/types';

/** The CsmsError a call rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejectionOf(promise: Promise<unknown>): Promise<CsmsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CsmsError, `rejected with ${String(error)}, not a CsmsError`);
    return error;
  }
  return assert.fail('the call resolved');
}

/** A logger that appends every line, whatever its level, to `lines`. */
export function recordingLogger(lines: string[]): Logger {
  const record = (line: string) => lines.push(line);
  return { error: record, warn: record, info: record, debug: record, trace: record };
}
