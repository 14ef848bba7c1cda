/**
 * The extension host's heap once 1,000 agencies are on screen: the model holds them, the view has
 * asked for every item, and garbage is collected before counting.
 */
import * as vscode from 'vscode';
import type { CsmsExtensionApi } from '../../../src/api';
import { heapUsedAfterGc } from './heap';
import { syntheticStates } from './syntheticAgencies';
import { ViewRequests } from './viewRequests';

const TYPES = 10;
const AGENCIES_PER_TYPE = 100;
const SHOW_LIMIT_MS = 20_000;
const SETTLE_MS = 1_000;

export interface ShownAgencies {
  agencies: number;
  /** Tree items the view asked for: the 1,000 agencies and their 10 types when all were drawn. */
  itemsRequested: number;
  heapBytes: number;
}

export async function measureShownAgencies(
  testing: CsmsExtensionApi['testing'],
): Promise<ShownAgencies> {
  const requests = new ViewRequests(testing.agencies);
  await vscode.commands.executeCommand('csms.agencies.focus');

  testing.model.replaceAll(syntheticStates(TYPES, AGENCIES_PER_TYPE));
  const itemsRequested = await requests.untilCount(TYPES * (AGENCIES_PER_TYPE + 1), SHOW_LIMIT_MS);
  requests.dispose();

  // The view's follow-up traffic (tooltips, icons) ends shortly after the last item.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const heapBytes = heapUsedAfterGc();

  return { agencies: TYPES * AGENCIES_PER_TYPE, itemsRequested, heapBytes };
}
