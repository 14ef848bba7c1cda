/**
 * One request, start to end: read the body, record it, route it as the gateway would (unknown
 * routes are a 404 before any authentication), authenticate, answer, and note the status.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAgencies, RESET, type Call, type Outcome } from './agencies';
import { apiNotFound, gatewayError, sendAnswer, type Answer } from './answers';
import { authenticate } from './authenticate';
import { answerControl, CONTROL_PREFIX } from './control';
import type { EmulatorState } from './emulatorState';
import { answerProjects } from './projects';
import type { RecordedRequest } from './types';

/** Larger bodies get the gateway's 413; nothing this API takes comes close. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

interface ReceivedCall extends Call {
  /** The body passed the cap and was dropped. */
  oversized: boolean;
}

export async function handleRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const call = await receive(req, res);
  if (call.url.pathname.startsWith(CONTROL_PREFIX)) {
    const answer = answerControl(state, call, req.socket.remoteAddress);
    sendAnswer(res, answer, call.requestId, state.now());
    return;
  }

  const record = recordRequest(state, call);
  const outcome = call.oversized ? tooLarge(call) : await route(state, call);
  if (res.destroyed) {
    return;
  }

  if (outcome === RESET) {
    req.socket.destroy();
    return;
  }
  record.status = sendAnswer(res, outcome, call.requestId, state.now());
}

async function route(state: EmulatorState, call: Call): Promise<Outcome> {
  const { method } = call.request;
  const path = call.url.pathname;
  if (path === '/v1/csms/agencies' && (method === 'GET' || method === 'POST')) {
    const auth = authenticate(state, call.request, 'project', call.requestId);
    return auth.ok ? answerAgencies(state, call, auth.projectId ?? '') : auth.answer;
  }

  if (path === '/v3/projects' && method === 'GET') {
    const auth = authenticate(state, call.request, 'global', call.requestId);
    return auth.ok ? answerProjects(state, call) : auth.answer;
  }
  return apiNotFound(call.requestId);
}

async function receive(req: IncomingMessage, res: ServerResponse): Promise<ReceivedCall> {
  const body = await readBody(req);
  const target = req.url ?? '/';
  const controller = new AbortController();
  res.on('close', () => controller.abort());

  return {
    request: {
      method: req.method ?? 'GET',
      target,
      headers: req.headers,
      body: body ?? Buffer.alloc(0),
    },
    url: new URL(target, 'http://emulator.invalid'),
    requestId: randomBytes(16).toString('hex'),
    signal: controller.signal,
    oversized: body === undefined,
  };
}

/**
 * Reads the whole body; past the cap it keeps reading (so the client can get its answer) but
 * keeps nothing, and says the body was too large.
 */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size <= MAX_BODY_BYTES) {
      chunks.push(bytes);
    }
  }
  return size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined;
}

function recordRequest(state: EmulatorState, call: Call): RecordedRequest {
  const record: RecordedRequest = {
    method: call.request.method,
    path: call.request.target.split('?')[0],
    query: queryRecord(call.url.searchParams),
    headers: flatHeaders(call.request.headers),
    body: call.request.body.toString('utf8'),
    status: 0,
    at: new Date().toISOString(),
  };
  state.requests.push(record);
  return record;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

function tooLarge(call: Call): Answer {
  return gatewayError(413, 'APIGW.0201', 'Request entity too large', call.requestId);
}
