import { createRouter, type Logger } from '../../src/index';
import { sampleEvent } from '../../src/testing';

// What the Lambda handler resolves for each event, and the line it logs: the result is what a
// caller (a test, the CLI, a wrapper) reads; the line is how an operator sees why nothing ran.

function recordingLogger() {
  const lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, extra?: Record<string, unknown>) => void lines.push({ level, message, extra });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

const push = sampleEvent('ECR Image Action');

describe('the result and log line of each event', () => {
  it('handled: how many routes ran, after a debug line with the event', async () => {
    const { logger, lines } = recordingLogger();
    const router = createRouter({ logger }).on('ECR Image Action', () => undefined).on('ECR Image Action', () => undefined);
    await expect(router.handler()(push)).resolves.toEqual({ eventId: push.id, detailType: 'ECR Image Action', status: 'handled', routes: 2 });
    expect(lines).toEqual([{ level: 'debug', message: 'event received', extra: { eventId: push.id, detailType: 'ECR Image Action', event: push } }]);
  });

  it('unmatched: no route wanted the event, and a debug line says so', async () => {
    const { logger, lines } = recordingLogger();
    const router = createRouter({ logger }).on('ECR Image Action', { 'action-type': ['DELETE'] }, () => undefined);
    await expect(router.handler()(push)).resolves.toEqual({ eventId: push.id, detailType: 'ECR Image Action', status: 'unmatched', routes: 0 });
    expect(lines.at(-1)).toEqual({ level: 'debug', message: 'no route matched', extra: { eventId: push.id, detailType: 'ECR Image Action' } });
  });

  it('ignored: an event of another source, with onForeignSource ignore, and a debug line naming the source', async () => {
    const { logger, lines } = recordingLogger();
    const router = createRouter({ logger, onForeignSource: 'ignore' }).on('ECR Image Action', () => undefined);
    await expect(router.handler()({ ...push, source: 'my.app' })).resolves.toEqual({ eventId: push.id, detailType: undefined, status: 'ignored', routes: 0 });
    expect(lines).toEqual([{ level: 'debug', message: 'ignored an event from another source', extra: { eventId: push.id, source: 'my.app' } }]);
  });

  it('ignored: an aws.ecr event of a detail-type the router does not know, and a warning naming it', async () => {
    const { logger, lines } = recordingLogger();
    const router = createRouter({ logger }).on('ECR Image Action', () => undefined);
    await expect(router.handler()({ ...push, 'detail-type': 'ECR Image Teleported' })).resolves.toEqual({
      eventId: push.id,
      detailType: 'ECR Image Teleported',
      status: 'ignored',
      routes: 0,
    });
    expect(lines).toEqual([{ level: 'warn', message: 'ignored an aws.ecr event of an unknown detail-type', extra: { eventId: push.id, detailType: 'ECR Image Teleported' } }]);
  });

  it('rejected: a handler failed, and an error line names the route', async () => {
    const { logger, lines } = recordingLogger();
    const boom = new Error('boom');
    const router = createRouter({ logger })
      .on('ECR Image Action', () => undefined)
      .on('ECR Image Action', () => {
        throw boom;
      });
    await expect(router.handler()(push)).rejects.toMatchObject({ name: 'HandlerFailedError', failures: [{ route: { index: 1, detailType: 'ECR Image Action' }, error: boom }] });
    expect(lines.filter((l) => l.level === 'error')).toEqual([
      { level: 'error', message: 'handler failed', extra: { eventId: push.id, detailType: 'ECR Image Action', route: 1, error: boom } },
    ]);
  });
});
