/**
 * CSMS's two agency calls, after the gateway let the request through: the scenario switch gets
 * the first say, then the create or status call answers from the agency store.
 *
 * The CSMS error codes and messages are plausible stand-ins; the real ones were not confirmed.
 */
import { AGENCY_NAMES, isKnownSecretType, newAgencyId } from './agencyStore';
import { csmsError, jsonAnswer, type Answer } from './answers';
import type { EmulatorState } from './emulatorState';
import { scenarioEffect } from './scenarios';
import type { ReceivedRequest } from './verifier';

/** Tells the caller to destroy the socket instead of answering. */
export const RESET = Symbol('reset');

export type Outcome = Answer | typeof RESET;

export interface Call {
  request: ReceivedRequest;
  url: URL;
  requestId: string;
  /** Aborts when the client goes away, so a slow answer stops waiting for nobody. */
  signal: AbortSignal;
}

export async function answerAgencies(
  state: EmulatorState,
  call: Call,
  projectId: string,
): Promise<Outcome> {
  const isCreate = call.request.method === 'POST';
  // A partial failure only means something for a create; a status call leaves it armed.
  const scenario = state.takeScenario((name) => isCreate || name !== 'partial-failure');
  const effect = scenario && scenarioEffect(scenario.name, call.requestId);
  if (effect?.kind === 'answer') {
    return effect.answer;
  }
  if (effect?.kind === 'reset') {
    return RESET;
  }

  if (effect?.kind === 'slow') {
    const waited = await state.wait(scenario?.delayMs ?? state.config.slowDelayMs, call.signal);
    if (!waited) {
      return RESET;
    }
  }

  const partial = effect?.kind === 'partial';
  return isCreate
    ? createAgencies(state, call, projectId, partial)
    : agencyStatus(state, call, projectId);
}

function createAgencies(
  state: EmulatorState,
  call: Call,
  projectId: string,
  partial: boolean,
): Answer {
  const secretType = secretTypeFromBody(call.request.body);
  if (secretType === undefined || !isKnownSecretType(secretType)) {
    return invalidSecretType(secretType);
  }

  if (partial) {
    return jsonAnswer(200, { agencies: partiallyFailed(secretType) });
  }
  return jsonAnswer(200, { agencies: state.agencies.create(projectId, secretType) });
}

function agencyStatus(state: EmulatorState, call: Call, projectId: string): Answer {
  const secretType = call.url.searchParams.get('secret_type') ?? undefined;
  if (secretType === undefined || !isKnownSecretType(secretType)) {
    return invalidSecretType(secretType);
  }

  const granted = state.agencies.isGranted(projectId, secretType);
  return jsonAnswer(200, { agency_granted: granted ? 'true' : 'false' });
}

/** The last agency fails, the others succeed; nothing is stored, so status stays "false". */
function partiallyFailed(secretType: string): object[] {
  const names = AGENCY_NAMES[secretType];
  return names.map((name, index) =>
    index === names.length - 1
      ? {
          agency_name: name,
          error_msg: 'Failed to create the agency: the agency quota is used up.',
        }
      : { agency_name: name, agency_id: newAgencyId() },
  );
}

function secretTypeFromBody(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const value = (parsed as { secret_type?: unknown } | null)?.secret_type;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function invalidSecretType(secretType: string | undefined): Answer {
  const valid = Object.keys(AGENCY_NAMES).join(', ');
  const shown = secretType === undefined ? 'missing' : `'${secretType}'`;
  return csmsError(400, 'CSMS.0201', `Invalid secret_type ${shown}. Valid values: ${valid}.`);
}
