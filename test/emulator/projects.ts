/**
 * IAM's project listing, `GET /v3/projects?name=<region>`, which clients use to find the project
 * id of a region. The shape follows IAM's published response; an unknown name matches nothing.
 */
import { jsonAnswer, type Answer } from './answers';
import type { Call } from './agencies';
import type { EmulatorState } from './emulatorState';

export function answerProjects(state: EmulatorState, call: Call): Answer {
  const name = call.url.searchParams.get('name');
  const base = `http://${call.request.headers.host ?? state.config.host}`;
  const matching = state.config.projects.filter(
    (project) => name === null || project.name === name,
  );

  const projects = matching.map((project) => ({
    id: project.id,
    name: project.name,
    domain_id: state.config.domainId,
    parent_id: state.config.domainId,
    is_domain: false,
    enabled: true,
    description: '',
    links: { self: `${base}/v3/projects/${project.id}`, previous: null, next: null },
  }));

  const self = `${base}${call.url.pathname}${call.url.search}`;
  return jsonAnswer(200, { projects, links: { self, previous: null, next: null } });
}
