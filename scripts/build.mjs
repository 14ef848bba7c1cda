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

const shimPath = (name) => fileURLToPath(new URL(`./shims/${name}.cjs`, import.meta.url));

const shimPlugin = {
  name: 'shims',
  setup(build) {
    const filter = new RegExp(`^(${SHIMMED.join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: shimPath(args.path) }));

    // The fetch adapter is axios's own file, not a package: matched by importer as well.
    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      /axios[\\/]lib[\\/]adapters/.test(args.importer)
        ? { path: shimPath('axios-fetch-adapter') }
        : undefined,
    );
  },
};

// esbuild turns each `import * as vscode from 'vscode'` into its own copy of the whole API object
// (about 350 getters), once per importing file: 24 copies at every activation. Routing them all
// through one module that re-exports 'vscode' makes that a single copy.
const vscodeOncePlugin = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
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
  plugins: [shimPlugin, vscodeOncePlugin],
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
