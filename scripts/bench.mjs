// Prints the performance figures of the extension, each measured in this run beside what it is
// compared with. Not a test: it reports, and says which budgets are met.
// Usage: npm run bench (compiles the tests first; reads the compiled code under out/).
// To add a figure, write a function that returns rows and add it to MEASUREMENTS.
/* global AbortController */
import { createRequire } from 'node:module';
import * as http from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { measureInHost } from './bench/hostFigures.mjs';
import { measureSizes } from './bench/sizes.mjs';

const require = createRequire(import.meta.url);
const { Signer, sdkDate } = require('../out/src/csms/signer.js');
const { CsmsClient } = require('../out/src/csms/client.js');
const { LockoutGuard } = require('../out/src/csms/lockout.js');
const { HttpClient } = require('../out/src/csms/http.js');
const { startEmulator } = require('../out/test/emulator/emulator.js');
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');

const SIGNING_ROUNDS = 16;
const SIGNING_ROUND_MS = 150;
const CALL_WARMUP = 100;
const CALL_SAMPLES = 600;

// The sizes build the bundle and the package that the rows measured in VS Code then run.
const MEASUREMENTS = [measureSigning, measureCreateCall, measureSizes, measureInHost];

// ---- signing throughput ----------------------------------------------------------------------

const KEYS = {
  accessKey: 'BENCHMADEUPACCESSKEY',
  secretKey: 'BenchMadeUpSecretKeyNotUsedAnywhere00000',
};
const SIGNING_DATE = new Date('2026-01-02T03:04:05Z');

/** The requests the extension sends, and two with the awkward parts of the canonical form. */
const SIGNING_INPUTS = [
  { method: 'POST', path: '/v1/csms/agencies', query: {}, body: { secret_type: 'RDS-FG' } },
  { method: 'GET', path: '/v1/csms/agencies', query: { secret_type: 'GaussDB-FG' } },
  { method: 'GET', path: '/v3/projects', query: { name: 'cn-north-4' } },
  { method: 'GET', path: '/v1/a b/中文/x', query: { k: ['b', 'a'], é: 'v w' } },
];

function oursSigning() {
  const signer = new Signer({ kind: 'aksk', ...KEYS });
  const requests = SIGNING_INPUTS.map((input) => ({
    method: input.method,
    host: 'kms.cn-north-4.myhuaweicloud.com',
    path: input.path,
    query: input.query,
    headers: headersFor(input),
    body: input.body ? JSON.stringify(input.body) : undefined,
  }));
  return (index) => signer.sign(requests[index % requests.length], SIGNING_DATE);
}

function sdkSigning() {
  const credential = { getAk: () => KEYS.accessKey, getSk: () => KEYS.secretKey };
  const requests = SIGNING_INPUTS.map((input) => ({
    method: input.method,
    endpoint: `https://kms.cn-north-4.myhuaweicloud.com${input.path}`,
    queryParams: input.query,
    headers: { ...headersFor(input), 'X-Sdk-Date': sdkDate(SIGNING_DATE) },
    data: input.body,
  }));
  return (index) => AKSKSigner.sign(requests[index % requests.length], credential);
}

function headersFor(input) {
  const headers = { 'X-Project-Id': '0a6c3b8e5f7d4e2a9c1b4d6f8e0a2c4e' };
  if (input.body) {
    headers['Content-Type'] = 'application/json;charset=UTF-8';
  }
  return headers;
}

/**
 * Signatures per second, the two signers taking short turns so that a change in the machine's load
 * hits both; the ratio is the median of the ratios of neighbouring turns.
 */
function measureSigning() {
  const signers = { ours: oursSigning(), sdk: sdkSigning() };
  const rates = { ours: [], sdk: [] };
  const ratios = [];
  for (let round = 0; round <= SIGNING_ROUNDS; round += 1) {
    const order = round % 2 === 0 ? ['ours', 'sdk'] : ['sdk', 'ours'];
    const rate = {};
    for (const name of order) {
      const { count, ms } = runFor(signers[name], SIGNING_ROUND_MS);
      rate[name] = (count / ms) * 1000;
    }
    if (round > 0) {
      rates.ours.push(rate.ours);
      rates.sdk.push(rate.sdk);
      ratios.push(rate.ours / rate.sdk);
    }
  }
  return [
    row(
      'signatures/s, our signer (median)',
      median(rates.ours),
      'SDK signer',
      median(rates.sdk),
      '/s',
    ),
    ratioRow('signing speed-up (ours / SDK)', median(ratios), '>= 2.0x', (ratio) => ratio >= 2),
  ];
}

function runFor(sign, budgetMs) {
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < budgetMs) {
    for (let i = 0; i < 200; i += 1) {
      sign(count + i);
    }
    count += 200;
  }
  return { count, ms: performance.now() - start };
}

// ---- client overhead per create call ---------------------------------------------------------

/**
 * Median create call through CsmsClient and through a bare http.request, taking turns. The same
 * signed request through the axios instance alone is timed too, to show where the time goes.
 */
async function measureCreateCall() {
  const emulator = await startEmulator();
  try {
    const variants = {
      client: clientCreate(emulator),
      axios: axiosCreate(emulator),
      bare: bareCreate(emulator),
    };
    const samples = { client: [], axios: [], bare: [] };
    for (let i = 0; i < CALL_WARMUP + CALL_SAMPLES; i += 1) {
      for (const name of rotate(Object.keys(variants), i)) {
        const ms = await timed(variants[name]);
        if (i >= CALL_WARMUP) {
          samples[name].push(ms);
        }
      }
      if (i % 200 === 0) {
        emulator.reset();
      }
    }
    const [client, axiosOnly, bare] = [samples.client, samples.axios, samples.bare].map(median);
    return [
      row('create call, CsmsClient (median)', client, 'bare http.request', bare, ' ms'),
      row('same signed request, axios instance only', axiosOnly, 'bare http.request', bare, ' ms'),
      ratioRow('axios alone (axios / bare)', axiosOnly / bare, ''),
      ratioRow(
        'client overhead (client / bare)',
        client / bare,
        '<= 1.5x',
        (ratio) => ratio <= 1.5,
      ),
    ];
  } finally {
    await emulator.close();
  }
}

function rotate(names, turn) {
  const shift = turn % names.length;
  return [...names.slice(shift), ...names.slice(0, shift)];
}

function clientCreate(emulator) {
  const client = benchClient(emulator);
  return () => client.createAgencies('RDS-FG');
}

/** The signed request of `bareCreate`, sent through the client's axios instance. */
function axiosCreate(emulator) {
  const { url, path, headers, body } = signedCreate(emulator);
  const httpClient = new HttpClient(10_000, 'csms-agencies-bench/0.0.0');
  const request = { method: 'POST', url: `${url.origin}${path}`, headers, body };
  return () => httpClient.send(request, new AbortController().signal);
}

function benchClient(emulator) {
  const options = {
    region: emulator.region,
    projectId: emulator.projectId,
    endpoint: emulator.url,
    credentials: { kind: 'aksk', accessKey: emulator.accessKey, secretKey: emulator.secretKey },
    userAgent: 'csms-agencies-bench/0.0.0',
  };
  return new CsmsClient(options, { lockout: new LockoutGuard() });
}

/** The same exchange with nothing around it: one request signed once, sent, read and parsed. */
function bareCreate(emulator) {
  const { url, path, headers, body } = signedCreate(emulator);
  const withLength = { ...headers, 'Content-Length': Buffer.byteLength(body) };
  return () => bareRequest(url, path, withLength, body);
}

function signedCreate(emulator) {
  const url = new URL(emulator.url);
  const body = JSON.stringify({ secret_type: 'RDS-FG' });
  const { accessKey, secretKey } = emulator;
  const signer = new Signer({ kind: 'aksk', accessKey, secretKey });
  const headers = {
    'Content-Type': 'application/json;charset=UTF-8',
    'X-Project-Id': emulator.projectId,
  };
  const request = { method: 'POST', host: url.host, path: '/v1/csms/agencies', headers, body };
  const signed = signer.sign(request, new Date());
  return { url, path: signed.pathAndQuery, headers: signed.headers, body };
}

function bareRequest(url, path, headers, body) {
  return new Promise((resolve, reject) => {
    const options = { hostname: url.hostname, port: url.port, method: 'POST', path, headers };
    const request = http.request(options, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (response.statusCode !== 200 || !Array.isArray(parsed.agencies)) {
          reject(new Error(`bare request answered ${response.statusCode}`));
          return;
        }
        resolve(parsed);
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function timed(work) {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
}

// ---- the table -------------------------------------------------------------------------------

function row(figure, value, against, comparison, unit) {
  return {
    figure,
    value: formatNumber(value, unit),
    comparison: `${against}: ${formatNumber(comparison, unit)}`,
    budget: '',
    result: '',
  };
}

/** A ratio; without a budget it is shown for information and has no result. */
function ratioRow(figure, ratio, budget, meets) {
  const result = budget ? (meets(ratio) ? 'pass' : 'FAIL') : '';
  return { figure, value: `${ratio.toFixed(2)}x`, comparison: '', budget, result };
}

function formatNumber(value, unit) {
  if (unit === '/s') {
    return `${Math.round(value).toLocaleString('en-US')}/s`;
  }
  return `${value.toFixed(3)}${unit}`;
}

function printTable(rows) {
  const columns = ['figure', 'value', 'comparison', 'budget', 'result'];
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((entry) => String(entry[column]).length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const entry of rows) {
    console.log(line(columns.map((column) => entry[column])));
  }
}

const rows = [];
for (const measure of MEASUREMENTS) {
  rows.push(...(await measure()));
}
printTable(rows);
console.log(
  `\nnode ${process.version}, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
process.exitCode = rows.some((entry) => entry.result === 'FAIL') ? 1 : 0;
