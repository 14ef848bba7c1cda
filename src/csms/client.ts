/**
 * The CSMS agency API: create the service agencies a secret type needs, and ask whether they are
 * granted. Every failure rejects with a `CsmsError`, and nothing else.
 */
import { Caller, type CallSpec } from './caller';
import { invalidResponse, isRecord, jsonObjectOf } from './classify';
import { CsmsError } from './errors';
import type { Send } from './http';
import { discoverProject } from './iam';
import { LockoutGuard } from './lockout';
import { csmsEndpointFor } from './regions';
import { secretTypeProblem } from './secretTypes';
import type {
  Agency,
  AgencyStatusResult,
  ClientOptions,
  CreateAgenciesResult,
  ProjectResult,
} from './types';

const AGENCIES_PATH = '/v1/csms/agencies';

export class CsmsClient {
  private readonly caller: Caller;

  constructor(
    private readonly options: ClientOptions,
    /** `send` replaces the network, for tests of the response handling. */
    deps?: { lockout?: LockoutGuard; send?: Send },
  ) {
    this.caller = new Caller(options, deps?.lockout ?? LockoutGuard.shared(), deps?.send);
  }

  /** `POST /v1/csms/agencies`: never retried, since a second create is not what was asked. */
  async createAgencies(secretType: string, signal?: AbortSignal): Promise<CreateAgenciesResult> {
    return guarded(async () => {
      const spec = this.csmsCall('POST', secretType);
      spec.body = JSON.stringify({ secret_type: secretType });

      const { response, exchange } = await this.caller.call(spec, signal);
      const body = jsonObjectOf(response, exchange);
      const agencies = agenciesOf(body.agencies);
      if (typeof agencies === 'string') {
        throw invalidResponse(response, agencies, exchange);
      }
      return { secretType, agencies, requestId: exchange.requestId, exchange };
    });
  }

  /** `GET /v1/csms/agencies?secret_type=…`: whether the agencies of a type are granted. */
  async isAgencyGranted(secretType: string, signal?: AbortSignal): Promise<AgencyStatusResult> {
    return guarded(async () => {
      const spec = this.csmsCall('GET', secretType);
      spec.query = { secret_type: secretType };

      const { response, exchange } = await this.caller.call(spec, signal);
      const body = jsonObjectOf(response, exchange);
      const granted = grantedOf(body.agency_granted);
      if (granted === undefined) {
        throw invalidResponse(
          response,
          '"agency_granted" is missing or not "true"/"false"',
          exchange,
        );
      }
      return { secretType, granted, requestId: exchange.requestId, exchange };
    });
  }

  /** The id of the project named after the region, from IAM; it never creates one. */
  async discoverProjectId(region: string, signal?: AbortSignal): Promise<ProjectResult> {
    return guarded(() => discoverProject(this.caller, region, this.options.iamEndpoint, signal));
  }

  private csmsCall(method: 'GET' | 'POST', secretType: string): CallSpec {
    const problem = secretTypeProblem(secretType);
    if (problem !== undefined) {
      throw new CsmsError(`Secret type not sent: ${problem}`, {
        kind: 'configuration',
        hint: { key: 'invalidSecretType', args: { secretType } },
      });
    }
    const { region, projectId, credentials, endpoint } = this.options;
    if (credentials.kind === 'aksk' && !projectId) {
      throw new CsmsError(
        `No project id for region ${region}: access-key calls to CSMS need one.`,
        {
          kind: 'configuration',
          hint: { key: 'missingProjectId', args: { region } },
        },
      );
    }
    const base = csmsEndpointFor(region, endpoint);
    return { method, endpoint: base, path: AGENCIES_PATH, projectId, secretType };
  }
}

/**
 * Runs a call so that nothing but a `CsmsError` can escape, whatever a dependency throws. An
 * unexpected error is a bug here; it still reaches the user as an error with its cause attached.
 */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CsmsError) {
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new CsmsError(`Unexpected failure: ${message}`, {
      kind: 'network',
      hint: { key: 'network', args: { code: 'internal', host: '' } },
      cause: error,
    });
  }
}

/** The agencies of a create answer, or a description of what is wrong with them. */
function agenciesOf(value: unknown): Agency[] | string {
  if (!Array.isArray(value)) {
    return value === undefined ? '"agencies" is missing' : '"agencies" is not a list';
  }
  const agencies: Agency[] = [];
  for (const [index, item] of value.entries()) {
    const agency = agencyOf(item);
    if (agency === undefined) {
      return `agency ${index + 1} has no "agency_name" or a field of the wrong type`;
    }
    agencies.push(agency);
  }
  return agencies;
}

function agencyOf(item: unknown): Agency | undefined {
  if (!isRecord(item) || typeof item.agency_name !== 'string') {
    return undefined;
  }
  const id = optionalText(item.agency_id);
  const errorMessage = optionalText(item.error_msg);
  if (id === null || errorMessage === null) {
    return undefined;
  }
  const agency: Agency = { name: item.agency_name };
  if (id) {
    agency.id = id;
  }
  if (errorMessage) {
    agency.errorMessage = errorMessage;
  }
  return agency;
}

/** A string, undefined when absent or null, and null when of the wrong type. */
function optionalText(value: unknown): string | undefined | null {
  if (value === undefined || value === null) {
    return undefined;
  }
  return typeof value === 'string' ? value : null;
}

/** The API answers a string; a boolean is taken too, anything else is invalid. */
function grantedOf(value: unknown): boolean | undefined {
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  return undefined;
}
