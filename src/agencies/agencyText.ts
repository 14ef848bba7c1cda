/**
 * Small text helpers for the tree and Show Details: server text is shown inside Markdown, so it is
 * escaped, and a clock skew is said in words a person can act on.
 */
import { HINTS, skewParts } from '../csms/hints';
import type { Translate } from '../translate';
import type { ErrorSnapshot } from './agencyModel';

/**
 * Makes server-supplied text inert inside Markdown: no links, emphasis, code, table breaks or HTML.
 * Text only ever lands inside a table cell or a paragraph, so line-start syntax cannot trigger.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ');
  return oneLine.replace(/[\\`*_[\]<>|~]/g, (character) => `\\${character}`);
}

/** `clockSkewMs` is the server clock minus the local one. Numbers only go into the text. */
export function formatClockSkew(clockSkewMs: number, t: Translate): string {
  const parts = skewParts(clockSkewMs);
  if (clockSkewMs >= 0) {
    return t('this computer is {minutes} min {seconds} s behind the server', parts);
  }
  return t('this computer is {minutes} min {seconds} s ahead of the server', parts);
}

/** The hint for a failure in the user's language, or the error's own message when it has none. */
export function hintText(error: ErrorSnapshot, t: Translate): string {
  const template = error.hint && HINTS[error.hint.key];
  return template ? t(template, error.hint?.args) : error.message;
}

/** A few words on what kind of failure it was, for notifications and tooltips. */
export function errorHeadline(error: ErrorSnapshot, t: Translate): string {
  const status = error.status;
  switch (error.kind) {
    case 'http':
      return t('HTTP {status}', { status: [status, error.errorCode].filter(Boolean).join(' ') });
    case 'invalidResponse':
      return status === undefined
        ? t('invalid response')
        : t('invalid response (HTTP {status})', { status });
    case 'timeout':
      return t('timed out');
    case 'network':
      return t('network error');
    case 'configuration':
      return t('configuration error');
    case 'lockoutRisk':
      return t('stopped to protect the access key');
    case 'cancelled':
      return t('cancelled');
    default:
      return t('unexpected error');
  }
}
