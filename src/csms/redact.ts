/**
 * Keeps credentials out of logs, errors and the exchange shown to the user. Host-free, so the
 * extension's log channel and the tests use the same rules.
 */
const MASK = '***';
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'x-auth-token',
  'x-security-token',
  'x-subject-token',
  'cookie',
  'set-cookie',
]);
const ACCESS_PATTERN = /Access=[^,\s]+/g;
const SIGNATURE_PATTERN = /Signature=[0-9a-fA-F]+/g;

type HeaderValue = string | number | readonly string[] | undefined;

/** A copy of the headers with every credential value replaced by `***`. */
export function redactHeaders(headers: Record<string, HeaderValue>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) {
      continue;
    }
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    result[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? MASK : redactText(text, []);
  }
  return result;
}

/**
 * The text with each secret, and anything shaped like a signature's `Access=` or `Signature=`,
 * replaced by `***`. Longer secrets go first so that one containing another is masked whole.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  if (result.includes('Access=') || result.includes('Signature=')) {
    result = result.replace(ACCESS_PATTERN, `Access=${MASK}`);
    result = result.replace(SIGNATURE_PATTERN, `Signature=${MASK}`);
  }
  const ordered = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    if (result.includes(secret)) {
      result = result.split(secret).join(MASK);
    }
  }
  return result;
}
