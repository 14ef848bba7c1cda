/**
 * Project discovery: the project id of a region, as the official SDKs find it, through IAM's
 * `GET /v3/projects?name={region}`. Unlike the SDKs, it never creates a project: an editor should
 * not change an account's structure behind the user's back.
 */
import type { Caller } from './caller';
import { invalidResponse, isRecord, jsonObjectOf } from './classify';
import { CsmsError } from './errors';
import { iamEndpointFor } from './regions';
import type { Exchange, ProjectResult } from './types';

interface Project {
  id: string;
  name: string;
}

export async function discoverProject(
  caller: Caller,
  region: string,
  iamEndpoint: string | undefined,
  signal?: AbortSignal,
): Promise<ProjectResult> {
  const endpoint = iamEndpointFor(region, iamEndpoint);
  const query = { name: region };
  const spec = { method: 'GET' as const, endpoint, path: '/v3/projects', query, region };

  const { response, exchange } = await caller.call(spec, signal);
  const projects = projectsOf(jsonObjectOf(response, exchange).projects);
  if (projects === undefined) {
    throw invalidResponse(response, '"projects" is missing or not a list of {id, name}', exchange);
  }

  const matches = projects.filter((project) => project.name === region);
  if (matches.length !== 1) {
    throw matchError(region, matches.length, exchange);
  }
  return { projectId: matches[0].id, projectName: matches[0].name, exchange };
}

function projectsOf(value: unknown): Project[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const projects: Project[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.id !== 'string' || typeof item.name !== 'string') {
      return undefined;
    }
    projects.push({ id: item.id, name: item.name });
  }
  return projects;
}

function matchError(region: string, count: number, exchange: Exchange): CsmsError {
  const requestId = exchange.requestId;
  const details = { kind: 'configuration' as const, requestId, exchange };
  if (count === 0) {
    return new CsmsError(`IAM has no project named ${region} for these credentials.`, {
      ...details,
      hint: { key: 'noProjectFound', args: { region } },
    });
  }
  return new CsmsError(`IAM returned ${count} projects named ${region}; set the project id.`, {
    ...details,
    hint: { key: 'severalProjectsFound', args: { region, count } },
  });
}
