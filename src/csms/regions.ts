/**
 * Regions and their endpoints. CSMS answers on the KMS host of each region; IAM, for project
 * discovery, on the regional IAM host. Overrides win, so a new site or a private gateway works.
 */
import { CsmsError } from './errors';

export interface Region {
  id: string;
  name: string;
}

export const REGIONS: readonly Region[] = [
  { id: 'cn-north-4', name: 'CN North-Beijing4' },
  { id: 'cn-north-1', name: 'CN North-Beijing1' },
  { id: 'cn-north-2', name: 'CN North-Beijing2' },
  { id: 'cn-north-9', name: 'CN North-Ulanqab1' },
  { id: 'cn-east-2', name: 'CN East-Shanghai2' },
  { id: 'cn-east-3', name: 'CN East-Shanghai1' },
  { id: 'cn-south-1', name: 'CN South-Guangzhou' },
  { id: 'cn-southwest-2', name: 'CN Southwest-Guiyang1' },
  { id: 'ap-southeast-1', name: 'CN-Hong Kong' },
  { id: 'ap-southeast-2', name: 'AP-Bangkok' },
  { id: 'ap-southeast-3', name: 'AP-Singapore' },
  { id: 'ap-southeast-4', name: 'AP-Jakarta' },
  { id: 'ap-southeast-5', name: 'AP-Manila' },
  { id: 'af-south-1', name: 'AF-Johannesburg' },
  { id: 'af-north-1', name: 'AF-Cairo' },
  { id: 'la-north-2', name: 'LA-Mexico City2' },
  { id: 'na-mexico-1', name: 'LA-Mexico City1' },
  { id: 'la-south-2', name: 'LA-Santiago' },
  { id: 'sa-brazil-1', name: 'LA-Sao Paulo1' },
  { id: 'tr-west-1', name: 'TR-Istanbul' },
  { id: 'me-east-1', name: 'ME-Riyadh' },
  { id: 'eu-west-0', name: 'EU-Paris' },
  { id: 'eu-west-101', name: 'EU-Dublin (Huawei Cloud Europe)' },
];

/** Regions served from a site other than myhuaweicloud.com. */
const SITE_DOMAINS: Record<string, string> = { 'eu-west-101': 'myhuaweicloud.eu' };
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** The CSMS endpoint of a region, or the override when one is set. */
export function csmsEndpointFor(region: string, override?: string): string {
  return endpointFor('kms', region, override);
}

/** The IAM endpoint used to discover a region's project id, or the override when one is set. */
export function iamEndpointFor(region: string, override?: string): string {
  return endpointFor('iam', region, override);
}

function endpointFor(service: string, region: string, override: string | undefined): string {
  const trimmed = override?.trim();
  if (trimmed) {
    return trimmed.replace(/\/+$/, '');
  }
  if (!REGION_ID.test(region)) {
    throw new CsmsError(`"${region}" is not a region id such as cn-north-4.`, {
      kind: 'configuration',
      hint: { key: 'badEndpoint', args: { endpoint: `${service}.${region}` } },
    });
  }
  const domain = SITE_DOMAINS[region] ?? 'myhuaweicloud.com';
  return `https://${service}.${region}.${domain}`;
}
