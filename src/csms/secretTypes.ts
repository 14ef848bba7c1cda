/**
 * The secret types CSMS knows today. The API's list can grow, so any value that passes
 * `secretTypeProblem` may be sent; the server answers 400 for one it does not know.
 */
export const KNOWN_SECRET_TYPES: readonly { type: string; description: string }[] = [
  {
    type: 'RDS-FG',
    description:
      'RDS secret: rotates the password of an RDS database account through FunctionGraph.',
  },
  {
    type: 'GaussDB-FG',
    description: 'GaussDB secret: rotates the password of a GaussDB account through FunctionGraph.',
  },
];

const SECRET_TYPE_PATTERN = /^[A-Za-z0-9-]+$/;
const MAX_LENGTH = 64;

/** Why a secret type cannot be sent, in English, or undefined when it is fine. */
export function secretTypeProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'Enter a secret type, for example RDS-FG.';
  }
  if (value.length > MAX_LENGTH) {
    return `A secret type has at most ${MAX_LENGTH} characters; this one has ${value.length}.`;
  }
  if (!SECRET_TYPE_PATTERN.test(value)) {
    return 'A secret type holds only letters, digits and "-".';
  }
  return undefined;
}
