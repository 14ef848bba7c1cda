/**
 * The last net before anything is written where a person or a file can read it: every secret value
 * the extension has handled is replaced, and so is the value of any credential header, whatever
 * the code that produced the text forgot to redact.
 */
import { redactText } from '../csms/redact';
import type { Credentials } from '../csms/types';

const REDACTED = '***';

/** Shorter values would mask ordinary words; real keys and tokens are far longer. */
const MIN_SECRET_LENGTH = 6;

const CREDENTIAL_HEADER = new RegExp(
  '(authorization|x-auth-token|x-security-token|x-subject-token)' + // the header's name,
    `(["']?\\s*[:=]\\s*["']?)` + // its separator, quoted in JSON or not,
    `([^"'\\r\\n]+)`, // and the value to mask
  'gi',
);

export class SecretMasker {
  private secrets: string[] = [];

  /** Remembers every value of the credentials; the access key too, as it names the account. */
  remember(credentials: Credentials | undefined): void {
    if (!credentials) {
      return;
    }
    const values =
      credentials.kind === 'token'
        ? [credentials.token]
        : [credentials.accessKey, credentials.secretKey, credentials.securityToken];
    this.rememberValues(values);
  }

  rememberValues(values: readonly (string | undefined)[]): void {
    const fresh = values.filter(
      (value): value is string => value !== undefined && value.trim().length >= MIN_SECRET_LENGTH,
    );
    const all = new Set([...this.secrets, ...fresh.map((value) => value.trim())]);

    this.secrets = [...all];
  }

  /** Known values first, then `Access=`/`Signature=` pairs, then whole credential headers. */
  mask(text: string): string {
    return redactText(text, this.secrets).replace(
      CREDENTIAL_HEADER,
      (_whole, name: string, separator: string) => {
        return `${name}${separator}${REDACTED}`;
      },
    );
  }
}
