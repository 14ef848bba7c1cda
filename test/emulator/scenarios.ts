/**
 * Scenario switches: ways a real gateway or CSMS misbehaves, on demand. They apply to CSMS calls
 * only (never to IAM or the control endpoint), and only after the request authenticated, so a
 * scenario can never hide a signing bug behind a canned answer.
 *
 * The gateway codes for 401, 404 and 429 come from Huawei's public gateway error table and user
 * reports; the CSMS codes and the 5xx gateway codes are plausible stand-ins, not confirmed.
 */
import { apiNotFound, csmsError, gatewayError, iamAuthError, type Answer } from './answers';

export const SCENARIO_NAMES = [
  'partial-failure',
  'error-400',
  'error-401',
  'error-403',
  'error-404',
  'error-429',
  'error-500',
  'error-502',
  'error-504',
  'html-502',
  'empty-200',
  'invalid-json',
  'huge-body',
  'slow',
  'reset',
  'rate-limited',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What the request handler must do for a scenario. */
export type ScenarioEffect =
  | { kind: 'answer'; answer: Answer }
  /** Destroy the socket without answering. */
  | { kind: 'reset' }
  /** Wait, then answer as usual. */
  | { kind: 'slow' }
  /** Let the create call answer 200 with one failed agency. */
  | { kind: 'partial' };

export const HUGE_BODY_BYTES = 2 * 1024 * 1024;

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

export function scenarioEffect(name: ScenarioName, requestId: string): ScenarioEffect {
  switch (name) {
    case 'partial-failure':
      return { kind: 'partial' };
    case 'slow':
      return { kind: 'slow' };
    case 'reset':
      return { kind: 'reset' };
    default:
      return { kind: 'answer', answer: cannedAnswer(name, requestId) };
  }
}

function cannedAnswer(
  name: Exclude<ScenarioName, 'partial-failure' | 'slow' | 'reset'>,
  requestId: string,
): Answer {
  switch (name) {
    case 'error-400':
      return csmsError(400, 'CSMS.0201', 'Invalid request parameter: secret_type.');
    case 'error-401':
      return iamAuthError('verify aksk signature fail', requestId);
    case 'error-403':
      return gatewayError(
        403,
        'APIGW.0302',
        'The IAM user is not authorized to access the API.',
        requestId,
      );
    case 'error-404':
      return apiNotFound(requestId);
    case 'error-429':
      return throttled(requestId);
    case 'error-500':
      return csmsError(500, 'CSMS.0500', 'Internal service error.');
    case 'error-502':
      return gatewayError(502, 'APIGW.0202', 'Backend unavailable', requestId);
    case 'error-504':
      return gatewayError(504, 'APIGW.0203', 'Backend timeout', requestId);
    case 'html-502':
      return { status: 502, headers: { 'Content-Type': 'text/html' }, body: NGINX_502 };
    case 'empty-200':
      return { status: 200, body: '' };
    case 'invalid-json':
      return { status: 200, body: '{"agencies": [{"agency_name": "csms_fgs_inv' };
    case 'huge-body':
      return { status: 200, body: hugeBody() };
    case 'rate-limited':
      return { ...throttled(requestId), headers: { 'Retry-After': '1' } };
  }
}

function throttled(requestId: string): Answer {
  const message =
    'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 second';
  return gatewayError(429, 'APIGW.0308', message, requestId);
}

/** Valid JSON of exactly 2 MiB, so only a size cap (not a parser) stops a client reading it. */
function hugeBody(): Buffer {
  const head = '{"agencies":[],"padding":"';
  const tail = '"}';
  const body = Buffer.alloc(HUGE_BODY_BYTES, 'x');
  body.write(head, 0, 'utf8');
  body.write(tail, HUGE_BODY_BYTES - tail.length, 'utf8');
  return body;
}

const NGINX_502 = [
  '<html>',
  '<head><title>502 Bad Gateway</title></head>',
  '<body>',
  '<center><h1>502 Bad Gateway</h1></center>',
  '<hr><center>nginx</center>',
  '</body>',
  '</html>',
  '',
].join('\r\n');
