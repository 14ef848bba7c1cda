// The package and bundle rows: the .vsix that `npm run package` writes, and the minified bundle
// with its three largest inputs from esbuild's metafile.
import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { budgetRow, failedRow, kb } from './rows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VSIX = path.join(root, 'csms-agencies.vsix');
const BUNDLE = ['dist/extension.js', 'dist/axios.js'];
const VSIX_BUDGET = 150 * 1024;
const BUNDLE_BUDGET = 200 * 1024;

/** Builds with a metafile, then packages: the host rows that follow run this same bundle. */
export async function measureSizes() {
  const rows = [];
  try {
    run('node', ['scripts/build.mjs', '--metafile']);
    rows.push(await bundleRow());
  } catch (error) {
    rows.push(failedRow('bundle size (minified)', '<= 200 KB', error));
  }
  try {
    run('npm', ['run', 'package']);
    rows.push(await vsixRow());
  } catch (error) {
    rows.push(failedRow('.vsix size (npm run package)', '<= 150 KB', error));
  }
  return rows;
}

// The bundle is two files: the extension, and axios, which it loads with its first request.
async function bundleRow() {
  const meta = JSON.parse(await readFile(path.join(root, 'dist', 'meta.json'), 'utf8'));
  const outputs = Object.entries(meta.outputs).filter(([file]) => file.endsWith('.js'));
  const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
  const inputs = outputs.flatMap(([, output]) => Object.entries(output.inputs));
  const largest = inputs
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, 3)
    .map(([input, { bytesInOutput }]) => `${shortInput(input)} ${kb(bytesInOutput)}`);
  const files = outputs.map(([file, output]) => `${path.basename(file)} ${kb(output.bytes)}`);

  return budgetRow({
    figure: 'bundle size (minified)',
    value: kb(bytes),
    comparison: `${files.join(' + ')}; largest inputs: ${largest.join(', ')}`,
    budget: '<= 200 KB',
    meets: bytes <= BUNDLE_BUDGET,
  });
}

async function vsixRow() {
  const { size } = await stat(VSIX);
  const bundle = await Promise.all(BUNDLE.map((file) => stat(path.join(root, file))));
  const bundleBytes = bundle.reduce((sum, file) => sum + file.size, 0);
  return budgetRow({
    figure: '.vsix size (npm run package)',
    value: kb(size),
    comparison: `bundle inside, uncompressed: ${kb(bundleBytes)}`,
    budget: '<= 150 KB',
    meets: size <= VSIX_BUDGET,
  });
}

// node_modules/axios/lib/adapters/http.js reads better as axios/lib/adapters/http.js.
function shortInput(input) {
  return input.replace(/^node_modules\//, '');
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-5);
    throw new Error(`${command} ${args.join(' ')} failed: ${output.join(' | ')}`);
  }
}
