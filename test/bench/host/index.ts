/**
 * The benchmark's entry inside the extension host. scripts/bench/ passes this folder as the tests
 * path, once per fresh VS Code start, and reads the figures from the JSON file named by
 * CSMS_BENCH_OUT. It measures and never judges: the budgets are compared by the bench script. The
 * measuring runs as one mocha test, because the launcher takes mocha's counts as its proof that
 * the extension host did not crash; that test fails only when a figure cannot be taken.
 *
 * CSMS_BENCH_MODE=activation measures activation only; `full` goes on to memory, the tree build
 * and palette to tree, in that order, so that each step starts from what the previous one left.
 */
import { writeFile } from 'node:fs/promises';
import Mocha from 'mocha';
import { measureActivation } from './activation';
import { heapUsedAfterGc } from './heap';
import { measureShownAgencies } from './memory';
import { measurePaletteToTree } from './paletteToTree';
import { waitForQuietHost } from './quietHost';
import { measureTreeBuild } from './treeBuild';

const LIMIT_MS = 10 * 60_000;

export async function run(): Promise<void> {
  const mocha = new Mocha({ reporter: 'spec', timeout: LIMIT_MS, color: false });
  mocha.suite.addTest(new Mocha.Test('measures the figures of issue 5 in this VS Code', measure));

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error('the benchmark could not take its figures');
  }
}

async function measure(): Promise<void> {
  const outFile = process.env.CSMS_BENCH_OUT;
  if (!outFile) {
    throw new Error('CSMS_BENCH_OUT names no file for the figures');
  }

  // The baseline comes before anything of the extension is loaded.
  const host = await waitForQuietHost();
  const baselineBytes = heapUsedAfterGc();
  const { figures: activation, testing } = await measureActivation();
  if (process.env.CSMS_BENCH_MODE !== 'full') {
    await writeFile(outFile, JSON.stringify({ host, activation }, null, 2));
    return;
  }

  const afterActivationBytes = heapUsedAfterGc();
  const shown = await measureShownAgencies(testing);
  const memory = { baselineBytes, afterActivationBytes, shown };
  const treeBuild = await measureTreeBuild(testing);
  const palette = await measurePaletteToTree(testing);

  const figures = { host, activation, memory, treeBuild, palette };
  await writeFile(outFile, JSON.stringify(figures, null, 2));
}
