/**
 * The control endpoint, so another process (the demo, the headless test launcher) can drive the
 * emulator: `POST /__emulator/scenario`, `POST /__emulator/reset`, `POST /__emulator/clock`,
 * `GET /__emulator/requests`. It answers loopback peers only, whatever address the server binds.
 */
import { gatewayError, jsonAnswer, type Answer } from './answers';
import type { Call } from './agencies';
import type { EmulatorState } from './emulatorState';
import { isScenarioName, SCENARIO_NAMES } from './scenarios';

export const CONTROL_PREFIX = '/__emulator/';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function answerControl(state: EmulatorState, call: Call, peer: string | undefined): Answer {
  if (!LOOPBACK.has(peer ?? '')) {
    return gatewayError(
      403,
      'EMU.0403',
      'The control endpoint answers loopback only.',
      call.requestId,
    );
  }

  const route = `${call.request.method} ${call.url.pathname}`;
  switch (route) {
    case 'POST /__emulator/scenario':
      return setScenario(state, call);
    case 'POST /__emulator/clock':
      return setClock(state, call);
    case 'POST /__emulator/reset':
      state.reset();
      return jsonAnswer(200, { reset: true });
    case 'GET /__emulator/requests':
      return jsonAnswer(200, state.requests);
    default:
      return gatewayError(404, 'EMU.0404', `No control route ${route}.`, call.requestId);
  }
}

function setScenario(state: EmulatorState, call: Call): Answer {
  const input = parseObject(call.request.body);
  const name = input?.name ?? undefined;
  if (input === undefined || (name !== undefined && !isScenarioName(name))) {
    const names = SCENARIO_NAMES.join(', ');
    const message = `Expected {"name": one of ${names} or null, "times"?, "delayMs"?}.`;
    return gatewayError(400, 'EMU.0400', message, call.requestId);
  }

  const times = numberOrUndefined(input.times);
  const delayMs = numberOrUndefined(input.delayMs);
  state.setScenario(name, { times, delayMs });
  return jsonAnswer(200, {
    scenario: name ?? null,
    times: times ?? null,
    delayMs: delayMs ?? null,
  });
}

function setClock(state: EmulatorState, call: Call): Answer {
  const offsetMs = numberOrUndefined(parseObject(call.request.body)?.offsetMs);
  if (offsetMs === undefined) {
    return gatewayError(400, 'EMU.0400', 'Expected {"offsetMs": <number>}.', call.requestId);
  }

  state.setClockOffset(offsetMs);
  return jsonAnswer(200, { offsetMs });
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}');
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
