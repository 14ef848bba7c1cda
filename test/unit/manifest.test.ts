// The manifest and the translations: the names users and documentation rely on, and Chinese text
// for every string the extension shows.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { httpError, type CallContext } from '../../src/csms/classify';
import type { CsmsError } from '../../src/csms/errors';
import { HINTS } from '../../src/csms/hints';
import { REGIONS } from '../../src/csms/regions';
import { KNOWN_SECRET_TYPES } from '../../src/csms/secretTypes';
import { fillPlaceholders } from '../../src/translate';

const ROOT = repositoryRoot(__dirname);
const MINUTE = 60 * 1000;
const CLOCK_CONTEXT: CallContext = {
  region: 'cn-north-4',
  endpoint: 'https://kms.cn-north-4.myhuaweicloud.com',
  host: 'kms.cn-north-4.myhuaweicloud.com',
  credentialsKind: 'aksk',
  timeoutSeconds: 30,
};

/** The folder holding the manifest, wherever the compiled tests were written. */
function repositoryRoot(start: string): string {
  let folder = start;
  while (!existsSync(path.join(folder, 'package.nls.json'))) {
    const parent = path.dirname(folder);
    assert.notEqual(parent, folder, 'no package.nls.json above the tests');
    folder = parent;
  }
  return folder;
}

function json(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
}

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, Record<string, unknown>> };
    views: Record<string, { id: string; name: string }[]>;
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
}

const manifest = json('package.json') as unknown as Manifest;
const nls = json('package.nls.json') as Record<string, string>;
const nlsZh = json('package.nls.zh-cn.json') as Record<string, string>;
const bundleZh = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;

const TITLES: Record<string, string> = {
  'csms.configureCredentials': 'Configure Credentials…',
  'csms.clearCredentials': 'Clear Credentials',
  'csms.selectRegion': 'Select Region…',
  'csms.createAgency': 'Create Service Agency…',
  'csms.checkAgency': 'Check Agency Status…',
  'csms.refresh': 'Refresh Agencies',
  'csms.showLog': 'Show Log',
};
const TREE_ONLY = ['csms.copyAgencyId', 'csms.copyAgencyName', 'csms.showDetails', 'csms.retry'];

function nlsText(value: string): string {
  return nls[value.replace(/^%|%$/g, '')] ?? value;
}

/** Every literal passed to `vscode.l10n.t`, `t` or `localize` in the extension's own sources. */
function runtimeStrings(): string[] {
  const files = sourceFiles(path.join(ROOT, 'src')).filter(
    (file) => !file.includes(`${path.sep}csms${path.sep}`),
  );
  const call = /(?:\bt|\blocalize)\(\s*'((?:\\.|[^'\\])*)'/g;
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(call)].map((match) => match[1].replace(/\\'/g, "'")),
  );
}

/** A gateway 401 whose `Date` header shows the server clock `skewMs` ahead of this one. */
function gateway401(skewMs: number): CsmsError {
  const receivedAt = new Date(Date.UTC(2026, 11, 3, 16, 0, 0));
  const date = new Date(receivedAt.getTime() + skewMs).toUTCString();
  const body = JSON.stringify({
    error_code: 'APIGW.0301',
    error_msg: 'verify aksk signature fail',
  });
  const response = { status: 401, headers: { date }, body, receivedAt };
  const exchange = {
    method: 'GET',
    url: '',
    durationMs: 1,
    requestHeaders: {},
    responseHeaders: {},
  };
  return httpError(response, CLOCK_CONTEXT, exchange);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('manifest', () => {
  it('contributes the documented commands, titles and category', () => {
    const commands = manifest.contributes.commands;
    for (const [command, title] of Object.entries(TITLES)) {
      const entry = commands.find((candidate) => candidate.command === command);
      assert.equal(entry && nlsText(entry.title), title, command);
    }
    assert.ok(commands.every((command) => command.category === 'CSMS'));
    assert.deepEqual(
      commands.map((command) => command.command).sort(),
      [...Object.keys(TITLES), ...TREE_ONLY].sort(),
    );
  });

  it('hides the tree-only commands from the palette', () => {
    const hidden = manifest.contributes.menus.commandPalette.filter(
      (entry) => entry.when === 'false',
    );

    assert.deepEqual(hidden.map((entry) => entry.command).sort(), [...TREE_ONLY].sort());
  });

  it('activates lazily, only on ids it contributes', () => {
    const ids = new Set([
      ...manifest.contributes.commands.map((command) => `onCommand:${command.command}`),
      'onView:csms.agencies',
    ]);

    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(
      manifest.activationEvents.every((event) => ids.has(event)),
      manifest.activationEvents.join(),
    );
  });

  it('offers exactly the regions of the region table, each described', () => {
    const region = manifest.contributes.configuration.properties['csms.region'];

    assert.deepEqual(
      region.enum,
      REGIONS.map((entry) => entry.id),
    );
    assert.deepEqual(
      region.enumDescriptions,
      REGIONS.map((entry) => entry.name),
    );
    assert.equal(region.default, 'cn-north-4');
  });

  it('keeps the endpoints machine-scoped and restricted in untrusted workspaces', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const name of ['csms.endpoint', 'csms.iamEndpoint']) {
      assert.equal(properties[name].scope, 'machine', name);
    }
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, [
      'csms.endpoint',
      'csms.iamEndpoint',
    ]);
  });

  it('describes every setting and bounds the timeout', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const [name, property] of Object.entries(properties)) {
      assert.ok(property.markdownDescription ?? property.description, `${name} has no description`);
      assert.ok(property.scope, `${name} has no scope`);
    }
    assert.equal(properties['csms.requestTimeoutSeconds'].minimum, 1);
    assert.equal(properties['csms.requestTimeoutSeconds'].maximum, 300);
  });
});

describe('translations', () => {
  it('gives every manifest text in English and Chinese', () => {
    const used = JSON.stringify(manifest).match(/%[\w.]+%/g) ?? [];
    for (const key of new Set(used.map((value) => value.slice(1, -1)))) {
      assert.ok(nls[key], `package.nls.json lacks ${key}`);
      assert.ok(nlsZh[key], `package.nls.zh-cn.json lacks ${key}`);
    }
  });

  it('translates every runtime string, hint and secret type description into Chinese', () => {
    const strings = [
      ...runtimeStrings(),
      ...Object.values(HINTS),
      ...KNOWN_SECRET_TYPES.map((known) => known.description),
    ];

    assert.ok(strings.length > 100, `only ${strings.length} strings found: the scan is broken`);
    const missing = strings.filter((text) => bundleZh[text] === undefined);
    assert.deepEqual(missing, []);
  });

  it('holds no translation that no code asks for, so a changed text cannot leave one behind', () => {
    const strings = new Set([
      ...runtimeStrings(),
      ...Object.values(HINTS),
      ...KNOWN_SECRET_TYPES.map((known) => known.description),
    ]);

    const stale = Object.keys(bundleZh).filter((english) => !strings.has(english));
    assert.deepEqual(stale, []);
  });

  it('fills the clock hints with numbers only, so their Chinese text carries no English', () => {
    const behind = gateway401(75 * MINUTE + 9000);
    const ahead = gateway401(-20 * MINUTE);

    for (const { hint } of [behind, ahead]) {
      const chinese = fillPlaceholders(bundleZh[HINTS[hint.key]] ?? '', hint.args);
      assert.notEqual(chinese, '', `no translation for ${hint.key}`);
      assert.doesNotMatch(chinese, /[A-Za-z]/, chinese);
    }
    const behindText = fillPlaceholders(bundleZh[HINTS[behind.hint.key]], behind.hint.args);
    assert.match(behindText, /慢 75 分 9 秒/);
  });

  it('keeps the placeholders of each string in its translation', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
    for (const [english, chinese] of Object.entries(bundleZh)) {
      assert.deepEqual(placeholders(chinese), placeholders(english), english);
    }
  });
});
