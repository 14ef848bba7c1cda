/**
 * Which buttons a failure's notification offers. Host-free, so the choice is unit-tested: each
 * button must be a fix that fits the failure, and Retry never appears where retrying could lock
 * the access key or cannot help.
 */
import { isCsmsError, type CsmsError, type HintKey } from '../csms/errors';

export type ErrorAction =
  'configureCredentials' | 'selectRegion' | 'openSettings' | 'retry' | 'showLog';

const WRONG_PLACE: readonly HintKey[] = ['wrongRegionOrEndpoint', 'dnsFailure'];
const SETTINGS_FIXES: readonly HintKey[] = [
  'insecureEndpoint',
  'badEndpoint',
  'connectionRefused',
  'tlsCertificate',
  'timeout',
  'missingProjectId',
  'noProjectFound',
  'severalProjectsFound',
  'unexpectedStatus',
  'invalidResponse',
];

export function errorActions(error: unknown, canRetry: boolean): ErrorAction[] {
  if (!isCsmsError(error)) {
    return ['showLog'];
  }
  const actions: ErrorAction[] = [];
  if (error.status === 401 || error.hint.key === 'wrongAkSk' || error.hint.key === 'badToken') {
    actions.push('configureCredentials');
  }
  if (error.status === 404 || WRONG_PLACE.includes(error.hint.key)) {
    actions.push('selectRegion', 'openSettings');
  } else if (SETTINGS_FIXES.includes(error.hint.key)) {
    actions.push('openSettings');
  }
  if (canRetry && isWorthRetrying(error)) {
    actions.push('retry');
  }
  actions.push('showLog');
  return actions;
}

/** Authentication failures count towards the lockout; configuration and bad input need a fix. */
function isWorthRetrying(error: CsmsError): boolean {
  const needsAFix = error.kind === 'configuration' || error.kind === 'lockoutRisk';
  const refused = error.status === 400 || error.status === 401 || error.status === 403;
  return !needsAFix && !refused && error.kind !== 'cancelled';
}
