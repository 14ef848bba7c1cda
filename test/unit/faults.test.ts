// Faults that need control of the bytes on the wire, each from a tiny loopback server.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { CsmsClient } from '../../src/csms/client';
import { MAX_BODY_BYTES } from '../../src/csms/http';
import { LockoutGuard } from '../../src/csms/lockout';
import type { ClientOptions } from '../../src/csms/types';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './fixtures/selfSigned';
import { rejectionOf } from './callAssertions';

type Server = http.Server | https.Server | net.Server;

const servers: Server[] = [];
const sockets = new Set<net.Socket>();

async function listen<T extends Server>(server: T): Promise<{ server: T; port: number }> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function client(endpoint: string, overrides: Partial<ClientOptions> = {}): CsmsClient {
  const options: ClientOptions = {
    region: 'cn-north-4',
    projectId: 'made-up-project',
    endpoint,
    credentials: { kind: 'aksk', accessKey: 'MADEUPACCESSKEY00001', secretKey: 'm'.repeat(40) },
    userAgent: 'csms-agencies-test/0.0.0',
    timeoutMs: 5000,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 50 },
    ...overrides,
  };
  return new CsmsClient(options, { lockout: new LockoutGuard() });
}

function agenciesBody(bytes: number): string {
  const head = '{"agencies":[{"agency_name":"a","agency_id":"1"}],"padding":"';
  return head + 'x'.repeat(bytes - head.length - 2) + '"}';
}

describe('faults on the wire', () => {
  afterEach(async () => {
    for (const socket of sockets) {
      socket.destroy();
    }
    await Promise.all(
      servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
    );
  });

  it('does not follow a redirect, and says where it pointed', async () => {
    let followed = 0;
    const target = await listen(http.createServer((_req, res) => res.end(String(++followed))));
    const location = `http://127.0.0.1:${target.port}/v1/csms/agencies`;
    const redirecting = await listen(
      http.createServer((_req, res) => res.writeHead(302, { Location: location }).end()),
    );
    const endpoint = `http://127.0.0.1:${redirecting.port}`;
    const read = await rejectionOf(client(endpoint).isAgencyGranted('RDS-FG'));
    const create = await rejectionOf(client(endpoint).createAgencies('RDS-FG'));

    assert.equal(followed, 0);
    assert.equal(read.status, 302);
    assert.deepEqual(create.hint, { key: 'unexpectedStatus', args: { status: 302, location } });
  });

  it('reads a body just under 1 MiB', async () => {
    const body = agenciesBody(MAX_BODY_BYTES - 10);
    const { port } = await listen(http.createServer((_req, res) => res.end(body)));
    const created = await client(`http://127.0.0.1:${port}`).createAgencies('RDS-FG');

    assert.deepEqual(created.agencies, [{ name: 'a', id: '1' }]);
  });

  it('stops reading a streamed body past 1 MiB', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    let written = 0;
    const { port } = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const pump = () => {
          while (written < 4 * MAX_BODY_BYTES && res.write(chunk)) {
            written += chunk.length;
          }
          if (written < 4 * MAX_BODY_BYTES && !res.destroyed) {
            res.once('drain', pump);
          }
        };
        pump();
      }),
    );
    const error = await rejectionOf(client(`http://127.0.0.1:${port}`).createAgencies('RDS-FG'));

    assert.equal(error.kind, 'invalidResponse');
    assert.match(error.message, /1 MiB/);
    assert.ok(written < 4 * MAX_BODY_BYTES, 'the client read the whole stream');
  });

  it('cuts a body that trickles in forever at the total timeout', async () => {
    const { port } = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"agencies":[');
        const timer = setInterval(() => res.write(' '), 20);
        res.on('close', () => clearInterval(timer));
      }),
    );
    const endpoint = `http://127.0.0.1:${port}`;
    const error = await rejectionOf(client(endpoint, { timeoutMs: 400 }).createAgencies('RDS-FG'));

    assert.equal(error.kind, 'timeout');
    assert.deepEqual(error.hint, { key: 'timeout', args: { seconds: 0.4 } });
  });

  it('gives up on a connection whose TLS handshake never completes', async () => {
    const { port } = await listen(net.createServer(() => undefined));
    const endpoint = `https://127.0.0.1:${port}`;
    const options = { connectTimeoutMs: 200, timeoutMs: 10_000 };
    const error = await rejectionOf(client(endpoint, options).createAgencies('RDS-FG'));

    assert.equal(error.kind, 'timeout');
    assert.deepEqual(error.hint, { key: 'timeout', args: { seconds: 0.2 } });
    assert.match(error.message, /No connection/);
  });

  it('explains a certificate no authority vouches for, naming the TLS code', async () => {
    const tls = https.createServer({ cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY }, (_q, s) =>
      s.end('{}'),
    );
    const { port } = await listen(tls);
    const error = await rejectionOf(client(`https://127.0.0.1:${port}`).isAgencyGranted('RDS-FG'));

    assert.equal(error.kind, 'network');
    assert.equal(error.hint.key, 'tlsCertificate');
    assert.match(String(error.hint.args.code), /SELF_SIGNED|UNABLE_TO/);
  });

  it('turns an answer that is not HTTP into an invalid response', async () => {
    const { port } = await listen(
      net.createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n\r\n')),
    );
    const error = await rejectionOf(client(`http://127.0.0.1:${port}`).createAgencies('RDS-FG'));

    assert.equal(error.kind, 'invalidResponse');
  });

  it('reports a connection dropped in the middle of the body as reset', async () => {
    const { port } = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': '1000' });
        res.write('{"agencies":[');
        setTimeout(() => res.destroy(), 20);
      }),
    );
    const error = await rejectionOf(client(`http://127.0.0.1:${port}`).createAgencies('RDS-FG'));

    assert.equal(error.kind, 'network');
    assert.equal(error.hint.key, 'connectionReset');
  });
});
