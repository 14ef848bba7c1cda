// The rows measured inside a real VS Code: activation, extension-host memory, tree build and
// palette to tree. Each of the 10 starts is a fresh server, profile and browser from the headless
// launcher (test/host/headless.mjs), whose tests path is test/bench/host/; the suite there writes
// its figures to the JSON file named by CSMS_BENCH_OUT. The first start also runs the rest.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { budgetRow, failedRow, mb, median, ms } from './rows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SUITE = path.join(root, 'out', 'test', 'bench', 'host');
const STARTS = 10;
const START_TIMEOUT_S = 300;
const SHOWN_ITEMS = 1_010;

const BUDGETS = {
  activation: { figure: 'activation cost (module load + activate)', text: '<= 30 ms', ms: 30 },
  memory: {
    figure: 'extension-host heap added, 1,000 agencies shown',
    text: '<= 10 MB',
    bytes: 10 * 1024 * 1024,
  },
  treeBuild: { figure: 'tree build, 10,000 agencies / 100 types', text: '<= 50 ms', ms: 50 },
  palette: { figure: 'palette to tree, create RDS-FG', text: '<= request + 100 ms', ms: 100 },
};

export async function measureInHost() {
  const dir = await mkdtemp(path.join(tmpdir(), 'csms-bench-'));
  try {
    const starts = [];
    for (let index = 0; index < STARTS; index += 1) {
      starts.push(await startOnce(dir, index));
    }
    return [activationRow(starts), ...fullRows(starts[0])];
  } catch (error) {
    // The table has room for one line; the launcher's own report goes to stderr whole.
    console.error(`[bench] ${error instanceof Error ? error.message : error}`);
    return Object.values(BUDGETS).map((budget) => failedRow(budget.figure, budget.text, error));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Progress goes to stderr: stdout is the table.
async function startOnce(dir, index) {
  const mode = index === 0 ? 'full' : 'activation';
  console.error(`[bench] VS Code start ${index + 1}/${STARTS} (${mode})`);
  const outFile = path.join(dir, `start-${index}.json`);
  await runLauncher({ CSMS_BENCH_OUT: outFile, CSMS_BENCH_MODE: mode });
  return JSON.parse(await readFile(outFile, 'utf8'));
}

// The server runs at info, the level users have: at trace the log alone costs time.
async function runLauncher(env) {
  const args = ['test/host/headless.mjs', '--tests', SUITE, '--log', 'info'];
  args.push('--timeout', String(START_TIMEOUT_S));
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));

  const [code] = await once(child, 'exit');
  if (code !== 0) {
    const tail = Buffer.concat(output).toString('utf8').trim().split('\n').slice(-15);
    throw new Error(`the headless launcher exited with ${code}:\n${tail.join('\n')}`);
  }
}

function activationRow(starts) {
  const { figure } = BUDGETS.activation;
  const early = starts.filter((start) => start.activation.alreadyActive).length;
  if (early > 0) {
    return failedRow(figure, BUDGETS.activation.text, `${early} starts activated it earlier`);
  }
  const pick = (name) => median(starts.map((start) => start.activation[name]));
  const value = pick('ms');
  const busy = starts.filter((start) => !start.host.quiet).length;
  const note = busy > 0 ? `; host still busy at ${busy} starts` : '';

  return budgetRow({
    figure,
    value: `${ms(value)} median of ${starts.length}`,
    comparison:
      `load ${ms(pick('loadMs'))} + activate ${ms(pick('activateCallMs'))}; whole ` +
      `Extension.activate() ${ms(pick('wholeMs'))}, CPU ${ms(pick('cpuMs'))}${note}`,
    budget: BUDGETS.activation.text,
    meets: value <= BUDGETS.activation.ms,
  });
}

function fullRows({ memory, treeBuild, palette }) {
  return [memoryRow(memory), treeBuildRow(treeBuild), paletteRow(palette)];
}

function memoryRow({ baselineBytes, afterActivationBytes, shown }) {
  const added = shown.heapBytes - baselineBytes;
  const drawn = shown.itemsRequested >= SHOWN_ITEMS;
  const note = drawn ? '' : `; only ${shown.itemsRequested} of ${SHOWN_ITEMS} items drawn`;

  return budgetRow({
    figure: BUDGETS.memory.figure,
    value: `+${mb(added)}`,
    comparison:
      `+${mb(afterActivationBytes - baselineBytes)} after activation; ` +
      `baseline ${mb(baselineBytes)} before it${note}`,
    budget: BUDGETS.memory.text,
    meets: drawn && added <= BUDGETS.memory.bytes,
  });
}

function treeBuildRow({ nodes, passesMs }) {
  const value = median(passesMs);
  return budgetRow({
    figure: BUDGETS.treeBuild.figure,
    value: `${ms(value)} median of ${passesMs.length}`,
    comparison: `first pass ${ms(passesMs[0])}; ${nodes.toLocaleString('en-US')} items`,
    budget: BUDGETS.treeBuild.text,
    meets: value <= BUDGETS.treeBuild.ms,
  });
}

function paletteRow({ totalMs, requestMs }) {
  const extra = median(totalMs.map((total, index) => total - requestMs[index]));
  return budgetRow({
    figure: BUDGETS.palette.figure,
    value: `+${ms(extra)} over the request, median of ${totalMs.length}`,
    comparison: `invoked -> tree ${ms(median(totalMs))}; request ${ms(median(requestMs))}`,
    budget: BUDGETS.palette.text,
    meets: extra <= BUDGETS.palette.ms,
  });
}
