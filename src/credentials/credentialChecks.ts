/**
 * What the credential input boxes say about a value while it is typed. Keys that do not look like
 * keys are only warned about (the formats are usual, not guaranteed); stray spaces are removed and
 * the user is told. Host-free, so every case is unit-tested.
 */
import type { Translate } from '../translate';

export type CredentialField = 'accessKey' | 'secretKey' | 'securityToken' | 'token';

export interface InputProblem {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

const ACCESS_KEY_SHAPE = /^[A-Z0-9]{20}$/;
const SECRET_KEY_LENGTH = 40;

export function checkCredentialInput(
  field: CredentialField,
  raw: string,
  t: Translate,
): InputProblem | undefined {
  const value = raw.trim();
  if (value === '') {
    return { severity: 'error', message: t('A value is required.') };
  }
  const shape = shapeWarning(field, value, t);
  if (shape) {
    return { severity: 'warning', message: shape };
  }
  if (value !== raw) {
    return { severity: 'info', message: t('Spaces around the value will be removed.') };
  }
  return undefined;
}

/** True when the value is unusual enough to ask the user whether to keep it. */
export function isSuspicious(field: CredentialField, value: string): boolean {
  return shapeWarning(field, value.trim(), (message) => message) !== undefined;
}

function shapeWarning(field: CredentialField, value: string, t: Translate): string | undefined {
  const length = value.length;
  if (field === 'accessKey' && !ACCESS_KEY_SHAPE.test(value)) {
    return t(
      'An access key is usually 20 upper-case letters and digits; this one has {length} characters.',
      { length },
    );
  }
  if (field === 'secretKey' && (length !== SECRET_KEY_LENGTH || /\s/.test(value))) {
    return t('A secret key is usually 40 characters; this one has {length}.', { length });
  }
  return undefined;
}
