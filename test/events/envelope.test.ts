import * as v from 'valibot';
import { EventTime } from '../../src/events/envelope';

describe("the envelope's time", () => {
  it.each([
    '2024-01-30T12:00:00Z',
    '2024-01-31T23:59:59Z',
    '2024-03-01T00:00:00.123Z',
    '2023-02-29T02:36:48Z', // AWS's own Pull Through Cache sample: syntax, not calendar
    '2024-12-10T08:00:00+01:00',
    '2024-12-10T08:00:00-0530',
    '2024-12-10T08:00:00+23:59', // any offset ISO-8601 can write, not only today's zones
    '2024-12-10T08:00:00-20:00',
  ])('accepts %s', (time) => {
    expect(v.is(EventTime, time)).toBe(true);
  });

  it.each([
    'x2024-01-31T12:00:00Z', // text before
    '2024-01-31T12:00:00Zx', // text after
    '2024-01-32T12:00:00Z',
    '2024-01-00T12:00:00Z',
    '2024-13-01T12:00:00Z',
    '2024-01-31T24:00:00Z',
    '2024-01-31T12:60:00Z',
    '2024-01-31 12:00:00Z',
    '2024-01-31T12:00:00', // no zone
    'yesterday',
    '2024-12-10T08:00:00+24:00',
  ])('refuses %s', (time) => {
    expect(v.is(EventTime, time)).toBe(false);
  });

  it('says what it expected, without quoting what came', () => {
    const [issue] = v.safeParse(EventTime, 'yesterday').issues ?? [];
    expect(issue?.message).toBe('Invalid time: expected an ISO-8601 date-time such as 2019-11-16T01:54:34Z');
  });
});
