/**
 * The text of Show Details: the last exchange of a secret type, as a person debugging a failure or
 * talking to support wants it. Credential headers are already redacted by the client; the masker
 * passed in is a second net for any known secret value that slipped through.
 */
import type { Exchange } from '../csms/types';
import type { Translate } from '../translate';

export function exchangeDocument(
  secretType: string,
  exchange: Exchange,
  t: Translate,
  mask: (text: string) => string,
): string {
  const lines = [
    `# ${t('Last exchange for {secretType}', { secretType })}`,
    '',
    `${exchange.method} ${exchange.url}`,
    ...headerLines(exchange.requestHeaders),
    ...bodyLines(exchange.requestBody),
    '',
    `${t('Status')}: ${exchange.status ?? t('no response')}`,
    `${t('Request id')}: ${exchange.requestId ?? t('none')}`,
    `${t('Duration')}: ${Math.round(exchange.durationMs)} ms`,
    ...headerLines(exchange.responseHeaders),
    ...bodyLines(exchange.responseBody ?? ''),
  ];
  return mask(lines.join('\n')) + '\n';
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

function bodyLines(body: string | undefined): string[] {
  return body === undefined ? [] : ['', body];
}
