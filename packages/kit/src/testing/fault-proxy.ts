import { once } from 'node:events';
import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of a real server (PostgreSQL, Keycloak, Temporal) for fault tests: network faults,
 * not mocks. `stall()` keeps every connection open but forwards nothing (a paused or overloaded server, a
 * black-holed network); `down()` cuts every connection and refuses new ones (a restart, a crash) until `up()`.
 */
export interface FaultProxy {
  host: string;
  port: number;
  /** `url` (or a `host:port` address) with its host and port replaced by the proxy's. */
  via(url: string): string;
  stall(): void;
  resume(): void;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Connections open right now (both ends counted once). */
  connections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  held: Array<{ to: Socket; chunk: Buffer }>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let stalled = false;
  let server: Server | undefined;
  let port = 0;

  const forward = (pair: Pair, from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (stalled) pair.held.push({ to, chunk });
      else to.write(chunk);
    });
    from.on('end', () => to.end());
    from.on('error', () => to.destroy());
    from.on('close', () => {
      to.destroy();
      pairs.delete(pair);
    });
  };

  const accept = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    const pair: Pair = { client, upstream, held: [] };
    pairs.add(pair);
    forward(pair, client, upstream);
    forward(pair, upstream, client);
  };

  const listen = async () => {
    server = createServer(accept);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  };
  const stopListening = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise((resolve) => closing.close(resolve));
    for (const pair of pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    pairs.clear();
    await closed;
  };

  await listen();
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    via: (url) => {
      if (!url.includes('://')) return `127.0.0.1:${port}`; // host:port, as Temporal's address
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
    },
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const pair of pairs) {
        for (const { to, chunk } of pair.held.splice(0)) if (!to.destroyed) to.write(chunk);
      }
    },
    down: stopListening,
    up: async () => {
      stalled = false;
      if (!server) await listen();
    },
    connections: () => pairs.size,
    close: stopListening,
  };
}
