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

// axios is loaded with the first request (src/csms/http.ts). Bundled into a file of its own, it
// is not even parsed at activation: the extension requires ./axios.js only when it first sends.
// Through a one-line CommonJS module, so that the import stays a plain require at run time.
const axiosApartPlugin = {
  name: 'axios-apart',
  setup(build) {
    build.onResolve({ filter: /^axios$/ }, () => ({ path: 'axios', namespace: 'axios-apart' }));
    build.onResolve({ filter: /^\.\/axios\.js$/, namespace: 'axios-apart' }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'axios-apart' }, () => ({
      contents: "module.exports = require('./axios.js');",
      loader: 'js',
    }));
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !watch,
  sourcemap: watch,
  metafile: true,
  logLevel: 'info',
};

const extensionOptions = {
  ...shared,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [shimPlugin, vscodeOncePlugin, axiosApartPlugin],
};

const axiosOptions = {
  ...shared,
  stdin: { contents: "export { default } from 'axios';", resolveDir: '.', loader: 'js' },
  outfile: 'dist/axios.js',
  plugins: [shimPlugin],
};

if (watch) {
  for (const options of [extensionOptions, axiosOptions]) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  const results = await Promise.all([extensionOptions, axiosOptions].map(esbuild.build));
  if (wantMetafile) {
    await writeFile('dist/meta.json', JSON.stringify(mergeMetafiles(results)));
  }
}

/** One metafile for both outputs, so the bench reads every input of the package in one place. */
function mergeMetafiles(results) {
  const merged = { inputs: {}, outputs: {} };
  for (const { metafile } of results) {
    Object.assign(merged.inputs, metafile.inputs);
    Object.assign(merged.outputs, metafile.outputs);
  }
  return merged;
}
