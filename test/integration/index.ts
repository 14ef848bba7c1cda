/**
 * The integration suite's entry: the extension host loads this module and awaits `run()`, whose
 * rejection is what makes the launcher report a failure.
 */
import * as path from 'node:path';
import Mocha from 'mocha';
import { disposeHarness } from './harness';

// In this order: the log is searched last, once every other test has sent its secrets.
const SUITE_FILES = [
  'credentials.test.js',
  'createAgency.test.js',
  'checkAgency.test.js',
  'treeActions.test.js',
  'log.test.js',
];

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout: 30_000, color: false });
  for (const file of SUITE_FILES) {
    mocha.addFile(path.join(__dirname, file));
  }

  try {
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures > 0) {
      throw new Error(`${failures} integration test(s) failed`);
    }
  } finally {
    await disposeHarness();
  }
}
