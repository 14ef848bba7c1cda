// Bundles the extension into one minified CommonJS file for the VS Code extension host.
// Usage: node scripts/build.mjs [--watch] [--metafile]
import * as esbuild from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const wantMetafile = process.argv.includes('--metafile');

// Axios's Node build brings packages for features the client turns off (multipart bodies,
// redirects, its own proxy agent). Each is swapped for a small shim in scripts/shims/ that says
// why; together they are most of axios's weight in the bundle.
const SHIMMED = ['form-data', 'follow-redirects', 'https-proxy-agent'];

const shimPlugin = {
  name: 'shims',
  setup(build) {
    const filter = new RegExp(`^(${SHIMMED.join('|')})$`);
    build.onResolve({ filter }, (args) => ({
      path: fileURLToPath(new URL(`./shims/${args.path}.cjs`, import.meta.url)),
    }));
  },
};

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
  plugins: [shimPlugin],
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
