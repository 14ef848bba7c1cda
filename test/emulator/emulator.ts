/**
 * A local stand-in for CSMS and IAM behind Huawei's API gateway, on a loopback port: it checks
 * signatures, tokens, clock skew and projects, remembers created agencies, and misbehaves on
 * demand. Test code only; it is never packaged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EmulatorState, resolveConfig } from './emulatorState';
import { handleRequest } from './requestHandler';
import type { Emulator, EmulatorOptions } from './types';

export type {
  Emulator,
  EmulatorAccount,
  EmulatorOptions,
  RecordedRequest,
  ScenarioOptions,
} from './types';
export type { ScenarioName } from './scenarios';
export { SCENARIO_NAMES } from './scenarios';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(resolveConfig(options));
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch(() => res.destroy());
  });

  // Tracked so that close() can end keep-alive and stalled connections instead of waiting on them.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await listen(server, state.config.port, state.config.host);
  const port = (server.address() as AddressInfo).port;
  return emulatorHandle(state, server, sockets, port);
}

function emulatorHandle(
  state: EmulatorState,
  server: Server,
  sockets: Set<Socket>,
  port: number,
): Emulator {
  const { config } = state;
  return {
    url: `http://${config.host}:${port}`,
    port,
    region: config.region,
    projectId: config.projectId,
    domainId: config.domainId,
    accessKey: config.accessKey,
    secretKey: config.secretKey,
    securityToken: config.securityToken,
    token: config.token,
    requests: state.requests,
    setScenario: (name, scenarioOptions) => state.setScenario(name, scenarioOptions),
    setClockOffset: (ms) => state.setClockOffset(ms),
    reset: () => state.reset(),
    close: () => closeServer(state, server, sockets),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(state: EmulatorState, server: Server, sockets: Set<Socket>): Promise<void> {
  state.close();
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) {
      socket.destroy();
    }
  });
}
