/**
 * The mapping from the agencies model to tree nodes: which nodes exist and what each one reads.
 * Host-free: text goes through an injected translator, so the tree's wording is tested in plain
 * Node and localised by `vscode.l10n.t` in the editor.
 */
import type { Agency } from '../csms/types';
import type { AgencyModel, ErrorSnapshot, GrantStatus, TypeState } from './agencyModel';
import { errorHeadline, escapeMarkdown, formatClockSkew, hintText } from './agencyText';
import type { Translate } from '../translate';

export type AgencyNode =
  | { kind: 'type'; id: string; secretType: string }
  | { kind: 'agency'; id: string; secretType: string; agency: Agency }
  | { kind: 'error'; id: string; secretType: string; error: ErrorSnapshot };

/**
 * A tree item in plain data. `tooltip` (Markdown) is only filled for error nodes, which are few and
 * whose tooltip is the point; the others build theirs on hover, through `tooltipOf`.
 */
export interface NodeView {
  label: string;
  description?: string;
  tooltip?: string;
  icon: { id: string; color?: string };
  /** Space-separated tokens that menus match with `viewItem =~ /token/`. */
  contextValue: string;
  collapsible: boolean;
}

export interface NodeText {
  t: Translate;
  /** Formats an epoch-millisecond time for the node descriptions. */
  formatTime(at: number): string;
}

export function rootNodes(model: AgencyModel): AgencyNode[] {
  return model.types().map((state) => typeNode(state.secretType));
}

export function childNodes(model: AgencyModel, node: AgencyNode): AgencyNode[] {
  const state = node.kind === 'type' ? model.get(node.secretType) : undefined;
  if (!state) {
    return [];
  }
  const agencies = state.agencies.map((agency, index) =>
    agencyNode(state.secretType, agency, index),
  );
  const error = state.lastError && errorNode(state.secretType, state.lastError);
  return error ? [error, ...agencies] : agencies;
}

export function parentNode(node: AgencyNode): AgencyNode | undefined {
  return node.kind === 'type' ? undefined : typeNode(node.secretType);
}

export function typeNode(secretType: string): AgencyNode {
  return { kind: 'type', id: `type/${secretType}`, secretType };
}

export function describeNode(model: AgencyModel, node: AgencyNode, text: NodeText): NodeView {
  if (node.kind === 'agency') {
    return describeAgency(node.agency);
  }
  if (node.kind === 'error') {
    return describeError(node.error, model.get(node.secretType), text);
  }
  return describeType(node.secretType, model.get(node.secretType), text);
}

/** The node's Markdown tooltip, built when the view asks for it. */
export function tooltipOf(model: AgencyModel, node: AgencyNode, text: NodeText): string {
  if (node.kind === 'agency') {
    return agencyTooltip(node.agency, text.t);
  }
  if (node.kind === 'error') {
    return errorTooltip(errorLabel(node.error, text.t), node.error, text.t);
  }
  const state = model.get(node.secretType);
  return typeTooltip(node.secretType, state, typeDescription(state, text), text.t);
}

/** The position is in the id: a response naming one agency twice must not break the view. */
function agencyNode(secretType: string, agency: Agency, index: number): AgencyNode {
  const id = `agency/${secretType}/${index}/${agency.name}`;
  return { kind: 'agency', id, secretType, agency };
}

function errorNode(secretType: string, error: ErrorSnapshot): AgencyNode {
  return { kind: 'error', id: `error/${secretType}`, secretType, error };
}

function describeType(secretType: string, state: TypeState | undefined, text: NodeText): NodeView {
  const tokens = ['secretType', state?.lastExchange ? 'hasExchange' : ''];

  return {
    label: secretType,
    description: typeDescription(state, text),
    icon: STATUS_ICONS[state?.status ?? 'unknown'],
    contextValue: joinTokens(tokens),
    collapsible: (state?.agencies.length ?? 0) > 0 || state?.lastError !== undefined,
  };
}

/** "granted · 16:05:12": the status, then when it was last learnt. */
function typeDescription(state: TypeState | undefined, text: NodeText): string {
  const status = statusText(state?.status ?? 'unknown', text.t);
  const time = state?.checkedAt === undefined ? undefined : text.formatTime(state.checkedAt);
  return time ? `${status} · ${time}` : status;
}

function describeAgency(agency: Agency): NodeView {
  const failed = agency.errorMessage !== undefined;
  const tokens = ['agency', failed ? 'failed' : 'created', agency.id ? 'hasId' : '', 'hasExchange'];

  return {
    label: agency.name,
    description: failed ? agency.errorMessage : agency.id,
    icon: failed
      ? { id: 'error', color: 'errorForeground' }
      : { id: 'pass', color: 'charts.green' },
    contextValue: joinTokens(tokens),
    collapsible: false,
  };
}

function describeError(
  error: ErrorSnapshot,
  state: TypeState | undefined,
  text: NodeText,
): NodeView {
  const label = errorLabel(error, text.t);
  const tokens = ['error', 'retryable', state?.lastExchange ? 'hasExchange' : ''];

  return {
    label,
    description: errorSummary(error, text.t),
    tooltip: errorTooltip(label, error, text.t),
    icon: { id: 'error', color: 'errorForeground' },
    contextValue: joinTokens(tokens),
    collapsible: false,
  };
}

function agencyTooltip(agency: Agency, t: Translate): string {
  const failed = agency.errorMessage !== undefined;
  const state = failed ? t('Not created') : t('Created');
  const detail = (failed ? agency.errorMessage : agency.id) ?? '';
  return `**${escapeMarkdown(agency.name)}** — ${state}\n\n${escapeMarkdown(detail)}`;
}

function errorLabel(error: ErrorSnapshot, t: Translate): string {
  return error.operation === 'create' ? t('Create failed') : t('Check failed');
}

/** One line for the node: the server's own message when there is one, else the hint. */
export function errorSummary(error: ErrorSnapshot, t: Translate): string {
  const code = [error.status, error.errorCode].filter((part) => part !== undefined).join(' ');
  const message = error.errorMsg ?? hintText(error, t);
  return code ? `${code}: ${message}` : message;
}

function errorTooltip(title: string, error: ErrorSnapshot, t: Translate): string {
  const rows: [string, string | undefined][] = [
    [t('Status'), error.status?.toString()],
    [t('Error code'), error.errorCode],
    [t('Message'), error.errorMsg ?? error.message],
    [t('Request id'), error.requestId],
    [
      t('Clock skew'),
      error.clockSkewMs === undefined ? undefined : formatClockSkew(error.clockSkewMs, t),
    ],
  ];
  const table = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([name, value]) => `| ${name} | ${escapeMarkdown(value)} |`);

  const heading = `**${title}: ${escapeMarkdown(errorHeadline(error, t))}**`;
  const header = `| | |\n| --- | --- |`;
  return [heading, [header, ...table].join('\n'), escapeMarkdown(hintText(error, t))].join('\n\n');
}

function typeTooltip(
  secretType: string,
  state: TypeState | undefined,
  description: string,
  t: Translate,
): string {
  const agencies = state?.agencies ?? [];
  const failed = agencies.filter((agency) => agency.errorMessage !== undefined).length;
  const counts = t('{total} agencies, {failed} failed', { total: agencies.length, failed });
  return `**${escapeMarkdown(secretType)}** — ${escapeMarkdown(description)}\n\n${counts}`;
}

export function statusText(status: GrantStatus, t: Translate): string {
  switch (status) {
    case 'granted':
      return t('granted');
    case 'notGranted':
      return t('not granted');
    case 'failed':
      return t('failed');
    default:
      return t('unknown');
  }
}

const STATUS_ICONS: Record<GrantStatus, NodeView['icon']> = {
  granted: { id: 'pass', color: 'charts.green' },
  notGranted: { id: 'circle-slash', color: 'charts.yellow' },
  unknown: { id: 'question' },
  failed: { id: 'error', color: 'errorForeground' },
};

function joinTokens(tokens: string[]): string {
  return tokens.filter((token) => token !== '').join(' ');
}

/** Narrows a command argument to a node of this tree; menus pass nodes, automation anything. */
export function asAgencyNode(value: unknown): AgencyNode | undefined {
  const candidate = value as Partial<AgencyNode> | null | undefined;
  const kinds = ['type', 'agency', 'error'];
  return typeof candidate === 'object' &&
    candidate !== null &&
    kinds.includes(candidate.kind as string) &&
    typeof candidate.secretType === 'string'
    ? (candidate as AgencyNode)
    : undefined;
}
