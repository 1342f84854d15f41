/**
 * A loopback server that answers ECR requests from a script: each request gets the reply the
 * script returns for it (status, headers, a body as JSON or as raw text), or none ('hang').
 * It records what arrived, so a test can compare what two clients sent. Only 127.0.0.1.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { readonly status: number; readonly body?: unknown; readonly raw?: string; readonly headers?: Readonly<Record<string, string>> }
  | 'hang';

export interface SeenRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly headers: IncomingHttpHeaders;
}

export interface ScriptedEcr {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** How many TCP connections the server has accepted since it started. */
  connections(): number;
  /** Replaces the script (the request index restarts at 0). */
  script(reply: (request: SeenRequest, index: number) => Reply): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

export async function startScriptedEcr(reply: (request: SeenRequest, index: number) => Reply = () => ({ status: 200, body: {} })): Promise<ScriptedEcr> {
  let current = reply;
  let seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: SeenRequest = {
        operation: String(req.headers['x-amz-target'] ?? '').replace(TARGET_PREFIX, ''),
        input: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
        headers: req.headers,
      };
      seen.push(request);
      const answer = current(request, seen.length - 1);
      if (answer === 'hang') return;
      const body = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `req-${seen.length}`,
        'content-length': Buffer.byteLength(body),
        ...answer.headers,
      });
      res.end(body);
    });
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get seen() {
      return seen;
    },
    connections: () => connections,
    script(next) {
      current = next;
      seen = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A small linear congruential generator: the same throttled requests on every run. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
