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

const ACTION_ORDER: readonly ErrorAction[] = [
  'configureCredentials',
  'selectRegion',
  'openSettings',
  'retry',
  'showLog',
];

/**
 * The buttons for one notification about several failures: every fix that fits one of them, in the
 * usual order. Retry is left out as soon as one failure could walk the key pair into a lockout.
 */
export function combinedErrorActions(errors: readonly unknown[], canRetry: boolean): ErrorAction[] {
  const safeToRetry = canRetry && !errors.some(endangersTheKey);
  const wanted = new Set(errors.flatMap((error) => errorActions(error, safeToRetry)));
  return ACTION_ORDER.filter((action) => wanted.has(action));
}

/**
 * A refused authentication (401, 403) or the lockout guard's stop: sending more with the same keys
 * would only add failed attempts, and enough of them lock the key pair for everyone using it.
 */
export function endangersTheKey(error: unknown): boolean {
  if (!isCsmsError(error)) {
    return false;
  }
  return error.kind === 'lockoutRisk' || error.status === 401 || error.status === 403;
}

/** Authentication failures count towards the lockout; configuration and bad input need a fix. */
function isWorthRetrying(error: CsmsError): boolean {
  const needsAFix = error.kind === 'configuration' || error.kind === 'lockoutRisk';
  const refused = error.status === 400 || error.status === 401 || error.status === 403;
  return !needsAFix && !refused && error.kind !== 'cancelled';
}
