import { createJsonLogger, levelFromEnv } from '../src/logger';

function capture(level: 'debug' | 'info' = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({ level, write: (line) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('the default JSON logger', () => {
  it('writes one JSON object per line with level, message, timestamp and the extra fields', () => {
    const { logger, lines } = capture();
    logger.info('pushed', { tag: 'v1', size: 42 });
    expect(lines).toEqual([{ level: 'INFO', message: 'pushed', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), tag: 'v1', size: 42 }]);
  });

  it('drops lines below its level', () => {
    const { logger, lines } = capture('info');
    logger.debug('noise');
    logger.warn('kept');
    expect(lines.map((l) => l.message)).toEqual(['kept']);
  });

  it('keeps its own level, message and timestamp when extra fields carry the same names', () => {
    const { logger, lines } = capture();
    logger.error('real message', { level: 'DEBUG', message: 'disguised', timestamp: 'never' });
    expect(lines[0]).toMatchObject({ level: 'ERROR', message: 'real message' });
    expect(lines[0]!.timestamp).not.toBe('never');
  });

  it('writes an Error as name, message and stack, with its cause', () => {
    const { logger, lines } = capture();
    logger.error('failed', { error: new TypeError('outer', { cause: new Error('inner') }) });
    expect(lines[0]!.error).toMatchObject({ name: 'TypeError', message: 'outer', stack: expect.any(String), cause: { name: 'Error', message: 'inner' } });
  });

  it('takes its level from Lambda, Powertools or LOG_LEVEL, in that order', () => {
    expect(levelFromEnv({ AWS_LAMBDA_LOG_LEVEL: 'WARN', LOG_LEVEL: 'debug' })).toBe('warn');
    expect(levelFromEnv({ POWERTOOLS_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'debug' })).toBe('error');
    expect(levelFromEnv({ LOG_LEVEL: 'TRACE' })).toBe('debug');
    expect(levelFromEnv({ LOG_LEVEL: 'loud' })).toBe('info');
    expect(levelFromEnv({})).toBe('info');
  });
});
