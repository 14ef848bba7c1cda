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
  const request = [
    `${exchange.method} ${exchange.url}`,
    ...headerLines(exchange.requestHeaders),
    ...bodyLines(exchange.requestBody),
  ];
  const response = [
    `${t('Status')}: ${exchange.status ?? t('no response')}`,
    `${t('Request id')}: ${exchange.requestId ?? t('none')}`,
    `${t('Duration')}: ${Math.round(exchange.durationMs)} ms`,
    ...headerLines(exchange.responseHeaders),
    ...bodyLines(exchange.responseBody),
  ];

  const title = t('Last exchange for {secretType}', { secretType });
  const sections = [title, '', `-- ${t('Request')} --`, ...request, '', `-- ${t('Response')} --`];
  return mask([...sections, ...response].join('\n')) + '\n';
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

/** A JSON body is indented so that each agency reads on its own lines; anything else as sent. */
function bodyLines(body: string | undefined): string[] {
  if (body === undefined || body === '') {
    return [];
  }
  try {
    return ['', JSON.stringify(JSON.parse(body), undefined, 2)];
  } catch {
    return ['', body];
  }
}
