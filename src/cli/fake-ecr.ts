import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerEcr, EcrServiceError, type RegistryFixture } from '../testing/registry';

/** One request the fake answered. */
export interface FakeRequest {
  readonly service: 'ecr' | 'sns';
  /** `DescribeImages`, `Publish`, … */
  readonly operation: string;
  /** The region from the request's SigV4 credential scope. */
  readonly region: string;
  readonly input: Record<string, unknown>;
  /** The exception name when the answer was an error. */
  readonly error?: string;
}

/** A running fake: point the SDK at `url` (AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL_SNS). */
export interface FakeEcr {
  readonly url: string;
  /** Every request so far, in order of arrival. */
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

/**
 * Starts a loopback HTTP server that answers as ECR does (AWS JSON 1.1: `POST /`, the operation
 * in `x-amz-target`, errors as HTTP 400 with `__type`) from a registry fixture, and accepts
 * SNS `Publish` (AWS Query protocol), recording it instead of sending anything. The real SDK
 * talks to it unchanged when `AWS_ENDPOINT_URL_ECR` / `AWS_ENDPOINT_URL_SNS` name its url.
 */
export async function startFakeEcr(registry: RegistryFixture): Promise<FakeEcr> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => answer(registry, req, body, requests, res))
      .catch((error: unknown) => send(res, 500, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'InternalFailure', message: String(error) })));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function answer(registry: RegistryFixture, req: IncomingMessage, body: string, requests: FakeRequest[], res: ServerResponse): void {
  const region = regionOf(req);
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith(ECR_TARGET_PREFIX)) {
    const operation = target.slice(ECR_TARGET_PREFIX.length);
    const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    try {
      const output = answerEcr(registry, region, operation, input);
      requests.push({ service: 'ecr', operation, region, input });
      send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(output, epochSeconds));
    } catch (error) {
      const name = error instanceof EcrServiceError ? error.name : 'ServerException';
      requests.push({ service: 'ecr', operation, region, input, error: name });
      send(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: name, message: (error as Error).message }));
    }
    return;
  }
  const form = new URLSearchParams(body);
  if (form.get('Action') === 'Publish') {
    const input = Object.fromEntries(form) as Record<string, unknown>;
    requests.push({ service: 'sns', operation: 'Publish', region, input });
    const xml =
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;
    send(res, 200, 'text/xml', xml);
    return;
  }
  send(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'UnknownOperationException', message: `the offline fake does not answer ${String(target ?? form.get('Action'))}` }));
}

/** The SigV4 credential scope is `AKID/date/region/service/aws4_request`. */
function regionOf(req: IncomingMessage): string {
  const match = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(req.headers.authorization ?? '');
  return match?.[1] ?? 'us-east-1';
}

/** AWS JSON 1.1 sends timestamps as epoch seconds. `toJSON` already ran, so look at the holder. */
function epochSeconds(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return original instanceof Date ? original.getTime() / 1000 : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
