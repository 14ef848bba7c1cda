/**
 * Palette to tree: "Create Service Agency…" invoked, RDS-FG picked, until the view has asked for
 * the new agencies, against the emulator. Each run is set beside the request's own duration, as
 * the client timed it, so the figure is what the extension adds around the request.
 */
import * as vscode from 'vscode';
import type { AgencyNode } from '../../../src/agencies/agencyNodes';
import type { CsmsExtensionApi } from '../../../src/api';
import type { Emulator } from '../../emulator/types';
import type { ScriptedPrompter } from '../../integration/scriptedPrompter';
import { ViewRequests } from './viewRequests';

const SECRET_TYPE = 'RDS-FG';
// The first runs also discover the project id and warm the connection: not what a click costs.
const WARMUP_RUNS = 2;
const RUNS = 20;
const SHOW_LIMIT_MS = 10_000;
// A person needs well over a second to open the palette and pick again. Runs closer than 200 ms
// would meet VS Code's own debounce of tree refreshes (leading edge, 200 ms), which delays every
// second refresh and measures the test's pace rather than the extension.
const PAUSE_MS = 500;

export interface PaletteFigures {
  /** Command invoked → the view has the new agencies, per run. */
  totalMs: number[];
  /** The create request alone, per run. */
  requestMs: number[];
}

type Testing = CsmsExtensionApi['testing'];

export async function measurePaletteToTree(testing: Testing): Promise<PaletteFigures> {
  const emulator = await startLauncherEmulator();
  const { ScriptedPrompter } = await import('../../integration/scriptedPrompter');
  const prompter = new ScriptedPrompter();
  testing.setPrompter(prompter);
  const requests = new ViewRequests(testing.agencies);

  try {
    await configureCredentials(prompter, emulator);
    await vscode.commands.executeCommand('csms.agencies.focus');

    const figures: PaletteFigures = { totalMs: [], requestMs: [] };
    for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const sample = await createOnce(testing, prompter, requests);
      if (run >= WARMUP_RUNS) {
        figures.totalMs.push(sample.totalMs);
        figures.requestMs.push(sample.requestMs);
      }
    }
    return figures;
  } finally {
    requests.dispose();
    testing.setPrompter(undefined);
    await emulator.close();
  }
}

// The launcher pointed the machine settings at this port before VS Code started. Loaded late, so
// that the emulator's modules are not in the host while activation and memory are measured.
async function startLauncherEmulator(): Promise<Emulator> {
  const port = Number(process.env.CSMS_EMULATOR_PORT);
  if (!port) {
    throw new Error('CSMS_EMULATOR_PORT is not set: run the benchmark through the launcher');
  }
  const { startEmulator } = await import('../../emulator/emulator');
  return startEmulator({ port });
}

async function configureCredentials(prompter: ScriptedPrompter, emulator: Emulator) {
  prompter
    .answerPick('credentialMethod', { method: 'aksk' })
    .answerInput('accessKey', emulator.accessKey)
    .answerInput('secretKey', emulator.secretKey);
  await vscode.commands.executeCommand('csms.configureCredentials');
}

async function createOnce(testing: Testing, prompter: ScriptedPrompter, requests: ViewRequests) {
  let changed = false;
  const unsubscribe = testing.model.onDidChange(() => (changed = true));
  const shown = requests.next((node) => changed && isLastAgency(testing, node), SHOW_LIMIT_MS);
  prompter.answerPick('secretType', { secretType: SECRET_TYPE });

  const started = performance.now();
  await vscode.commands.executeCommand('csms.createAgency');
  const shownAt = await shown.finally(unsubscribe);

  const state = testing.model.get(SECRET_TYPE);
  if (state?.status !== 'granted' || !state.lastExchange) {
    throw new Error(`the create did not succeed: ${JSON.stringify(state?.lastError)}`);
  }
  return { totalMs: shownAt - started, requestMs: state.lastExchange.durationMs };
}

/** The type's last agency: the view asks for it after the others, so the tree is then complete. */
function isLastAgency(testing: Testing, node: unknown): boolean {
  const candidate = node as Partial<AgencyNode>;
  const last = testing.model.get(SECRET_TYPE)?.agencies.at(-1);
  return (
    candidate.kind === 'agency' &&
    candidate.secretType === SECRET_TYPE &&
    candidate.agency?.name === last?.name
  );
}
