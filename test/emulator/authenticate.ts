/**
 * The gateway's authentication step: AK/SK signatures (with an optional security token), IAM
 * tokens, the clock-skew check, the lockout after repeated failures, and the project a CSMS call
 * must name. Failures answer with the gateway's `APIGW.0301` 401, as the real one does.
 *
 * Confirmed wording (user reports): "verify aksk signature fail" and "calc aksk signature
 * fail:signature expired, signature time:…,server time:…". Unconfirmed, made up in the same style:
 * the messages for a missing Authorization, a bad security token, a missing or unknown project,
 * and the lockout.
 */
import { iamAuthError, type Answer } from './answers';
import type { EmulatorState } from './emulatorState';
import {
  parseAuthorization,
  verifySignature,
  type ReceivedRequest,
  type SignatureClaim,
} from './verifier';

/** CSMS calls need a project; IAM's project listing does not. */
export type AuthScope = 'project' | 'global';

export type AuthResult = { ok: true; projectId?: string } | { ok: false; answer: Answer };

const SIGNATURE_FAIL = 'verify aksk signature fail';

export function authenticate(
  state: EmulatorState,
  request: ReceivedRequest,
  scope: AuthScope,
  requestId: string,
): AuthResult {
  const authorization = header(request, 'authorization');
  if (authorization !== undefined) {
    return authenticateAkSk(state, request, scope, requestId);
  }

  const token = header(request, 'x-auth-token');
  if (token !== undefined) {
    return authenticateToken(state, token, requestId);
  }
  return refuse('Authorization header or X-Auth-Token header is missing', requestId);
}

function authenticateAkSk(
  state: EmulatorState,
  request: ReceivedRequest,
  scope: AuthScope,
  requestId: string,
): AuthResult {
  const claim = parseAuthorization(header(request, 'authorization'));
  if (!claim) {
    return refuse(SIGNATURE_FAIL, requestId);
  }

  const lockedMs = state.lockouts.remainingMs(claim.accessKey);
  if (lockedMs > 0) {
    const seconds = Math.ceil(lockedMs / 1000);
    const reason = 'is locked after too many failed authentications';
    return refuse(
      `the access key ${claim.accessKey} ${reason}, retry in ${seconds} seconds`,
      requestId,
    );
  }

  const problem = signatureProblem(state, request, claim);
  if (problem !== undefined) {
    state.lockouts.recordFailure(claim.accessKey);
    return refuse(problem, requestId);
  }

  state.lockouts.recordSuccess(claim.accessKey);
  return scope === 'project' ? checkProject(state, request, requestId) : { ok: true };
}

/** Why the signature cannot be accepted, in the gateway's words; undefined when it can. */
function signatureProblem(
  state: EmulatorState,
  request: ReceivedRequest,
  claim: SignatureClaim,
): string | undefined {
  const sentDate = header(request, 'x-sdk-date') ?? '';
  const signedAt = parseSdkDate(sentDate);
  if (signedAt === undefined) {
    return SIGNATURE_FAIL;
  }

  const serverNow = state.now();
  if (Math.abs(serverNow.getTime() - signedAt) > state.config.maxSkewMs) {
    const times = `signature time:${sentDate},server time:${formatSdkDate(serverNow)}`;
    return `calc aksk signature fail:signature expired, ${times}`;
  }

  const account = state.config.accounts.find((known) => known.accessKey === claim.accessKey);
  const names = claim.signedHeaders.map((name) => name.toLowerCase());
  const dateAndHostSigned = names.includes('x-sdk-date') && names.includes('host');
  if (!account || !dateAndHostSigned || !verifySignature(request, claim, account.secretKey)) {
    return SIGNATURE_FAIL;
  }

  const securityToken = header(request, 'x-security-token');
  if (securityToken === undefined) {
    return account.requireSecurityToken ? 'the security token is missing' : undefined;
  }
  return securityToken === account.securityToken ? undefined : 'verify security token fail';
}

function checkProject(
  state: EmulatorState,
  request: ReceivedRequest,
  requestId: string,
): AuthResult {
  const projectId = header(request, 'x-project-id');
  if (!projectId) {
    return refuse('the X-Project-Id header is missing', requestId);
  }

  const known = state.config.projects.some((project) => project.id === projectId);
  return known ? { ok: true, projectId } : refuse(`project ${projectId} does not exist`, requestId);
}

function authenticateToken(state: EmulatorState, token: string, requestId: string): AuthResult {
  if (token !== state.config.token) {
    return refuse('decrypt token fail', requestId);
  }
  return { ok: true, projectId: state.config.projectId };
}

function refuse(detail: string, requestId: string): AuthResult {
  return { ok: false, answer: iamAuthError(detail, requestId) };
}

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `20211217T064303Z` → epoch milliseconds; undefined when not in that exact form. */
export function parseSdkDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) {
    return undefined;
  }

  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(time) ? undefined : time;
}

export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
