// Bundles the extension into one minified CommonJS file for the VS Code extension host.
// Usage: node scripts/build.mjs [--watch] [--metafile]
import * as esbuild from 'esbuild';
import { writeFile } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const wantMetafile = process.argv.includes('--metafile');

const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: !watch,
  sourcemap: watch,
  metafile: true,
  logLevel: 'info',
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  const result = await esbuild.build(options);
  if (wantMetafile) {
    await writeFile('dist/meta.json', JSON.stringify(result.metafile));
  }
}
