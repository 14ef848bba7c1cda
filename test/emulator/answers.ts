/**
 * The answers the emulator gives, as plain values, and the one place that writes them: every
 * answer leaves with an `X-Request-Id` and a `Date` from the (possibly shifted) server clock,
 * because clients quote the first to support and read skew from the second.
 */
import type { ServerResponse } from 'node:http';

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function jsonAnswer(status: number, value: unknown): Answer {
  return { status, body: JSON.stringify(value) };
}

/** The API gateway's error shape: it repeats the request id in the body. */
export function gatewayError(
  status: number,
  errorCode: string,
  errorMsg: string,
  requestId: string,
): Answer {
  return jsonAnswer(status, { error_code: errorCode, error_msg: errorMsg, request_id: requestId });
}

/** The error shape CSMS itself uses behind the gateway. */
export function csmsError(status: number, errorCode: string, errorMsg: string): Answer {
  return jsonAnswer(status, { error_code: errorCode, error_msg: errorMsg });
}

/** The gateway's 401 for IAM authentication failures; `detail` follows its fixed prefix. */
export function iamAuthError(detail: string, requestId: string): Answer {
  return gatewayError(
    401,
    'APIGW.0301',
    `Incorrect IAM authentication information: ${detail}`,
    requestId,
  );
}

export function apiNotFound(requestId: string): Answer {
  const message = 'The API does not exist or has not been published in the environment';
  return gatewayError(404, 'APIGW.0101', message, requestId);
}

/** Writes the answer; returns the status so the caller can record it. */
export function sendAnswer(
  res: ServerResponse,
  answer: Answer,
  requestId: string,
  serverTime: Date,
): number {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  res.writeHead(answer.status, {
    'Content-Type': JSON_TYPE,
    ...answer.headers,
    'Content-Length': String(body.length),
    'X-Request-Id': requestId,
    Date: serverTime.toUTCString(),
    Server: 'api-gateway',
  });
  res.end(body);
  return answer.status;
}
