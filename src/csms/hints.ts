/**
 * What to do about each failure, in English with named `{placeholders}`. The extension passes each
 * text through `vscode.l10n.t` with the hint's `args`, so every entry is a plain sentence or two.
 * Args are names, numbers or codes, never English words: a translation could not translate them.
 */
import type { HintKey } from './errors';

export const HINTS: Record<HintKey, string> = {
  invalidSecretType:
    'CSMS rejected the secret type "{secretType}". Choose RDS-FG or GaussDB-FG, or check the ' +
    'spelling of the type.',
  wrongAkSk:
    'The access key or secret key was not accepted. Check both for typos or stray spaces, and ' +
    'check that the account is not in arrears.',
  clockBehind:
    'Your computer clock is {minutes} min {seconds} s behind the server clock, so the signature ' +
    'expired. Synchronise the clock and try again.',
  clockAhead:
    'Your computer clock is {minutes} min {seconds} s ahead of the server clock, so the gateway ' +
    'refused the signature. Synchronise the clock and try again.',
  clockSkew:
    'Your computer clock is more than 15 minutes away from the server clock, so the signature ' +
    'expired. Synchronise the clock and try again.',
  badToken:
    'The IAM token was refused: it may have expired or belong to another region. Get a new ' +
    'token for region {region}.',
  forbidden:
    'This IAM user lacks a CSMS permission in region {region}. Ask an administrator to grant a ' +
    'policy such as CSMS FullAccess.',
  accountFrozen:
    'The account is frozen or restricted. Check its status and balance in the Huawei Cloud ' +
    'console.',
  wrongRegionOrEndpoint:
    'The API was not found at {endpoint}. Check the region ({region}) and any endpoint override ' +
    'in the settings.',
  throttled: 'Too many requests. Wait {seconds} seconds and try again.',
  serverError: 'CSMS had an internal error. Try again in a few minutes.',
  badGateway: 'The gateway got no valid answer from CSMS. Try again in a few minutes.',
  gatewayTimeout: 'The gateway timed out waiting for CSMS. Try again in a few minutes.',
  dnsFailure:
    'The host {host} could not be resolved. Check the region, the endpoint settings and your ' +
    'network or proxy.',
  connectionRefused:
    'The connection to {host} was refused. Check the endpoint settings and that nothing blocks ' +
    'the connection.',
  connectionReset:
    'The connection to {host} was closed unexpectedly. Try again; if it keeps happening, check ' +
    'your proxy or firewall.',
  tlsCertificate:
    'The TLS certificate of {host} could not be verified ({code}). A corporate proxy may ' +
    'intercept HTTPS: add its CA certificate to your system trust store.',
  timeout:
    'No answer within {seconds} seconds. Check your network, or raise the request timeout in ' +
    'the settings.',
  cancelled: 'The request was cancelled.',
  invalidResponse:
    'The server answered with something that is not a valid CSMS response. Check the endpoint ' +
    'settings; a proxy or captive portal may be answering instead.',
  insecureEndpoint:
    'The endpoint {endpoint} does not use HTTPS. Use an https:// address; plain http is allowed ' +
    'only for loopback addresses.',
  badEndpoint: 'The endpoint "{endpoint}" is not a valid URL. Correct it in the settings.',
  missingProjectId:
    'Access-key calls to CSMS need the project id of region {region}. Set it in the settings or ' +
    'let it be discovered.',
  noProjectFound:
    'IAM has no project named {region} for these credentials. Check the region, or set the ' +
    'project id in the settings.',
  severalProjectsFound:
    'IAM returned {count} projects named {region}. Set the project id in the settings to choose ' +
    'one.',
  lockoutRisk:
    'Sending was stopped: {count} authentication attempts with this access key failed in a row, ' +
    'and one more could lock it. Fix the credentials and try again after {until}.',
  unexpectedStatus:
    'The server answered with HTTP status {status}, which CSMS does not use here. Check the ' +
    'endpoint settings.',
  network: 'A network error occurred ({code}). Check your network and proxy settings.',
};

/** The English text of a hint with its placeholders filled, for logs and tests. */
export function hintText(key: HintKey, args: Record<string, string | number>): string {
  return HINTS[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in args ? String(args[name]) : whole,
  );
}

/** A clock skew as whole minutes and seconds, the numbers the clock texts are written around. */
export function skewParts(skewMs: number): { minutes: number; seconds: number } {
  const totalSeconds = Math.round(Math.abs(skewMs) / 1000);
  return { minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60 };
}
