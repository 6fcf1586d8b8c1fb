import { fromLocal, instantsOf, nextLocalTime, previousLocalTime, toLocal } from './zoned-time';

const at = (iso: string) => new Date(iso);
const local = (year: number, month: number, day: number, hour: number, minute: number) => ({ year, month, day, hour, minute });

describe('zoned time', () => {
  it('reads the wall clock and maps it back, on ordinary days and in zones with odd offsets', () => {
    expect(toLocal(at('2026-11-23T04:30:00Z'), 'America/New_York')).toEqual(local(2026, 11, 22, 23, 30));
    expect(fromLocal(local(2026, 11, 22, 23, 30), 'America/New_York').toISOString()).toBe('2026-11-23T04:30:00.000Z');
    expect(fromLocal(local(2026, 6, 1, 9, 0), 'Asia/Kolkata').toISOString()).toBe('2026-06-01T03:30:00.000Z');
    expect(fromLocal(local(2026, 6, 1, 9, 0), 'Asia/Kathmandu').toISOString()).toBe('2026-06-01T03:15:00.000Z');
  });

  it('a time in the hour skipped in spring is the moment clocks jump past it', () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 never happens
    expect(instantsOf(local(2026, 3, 8, 2, 30), 'America/New_York').map((d) => d.toISOString())).toEqual(['2026-03-08T07:30:00.000Z']);
    expect(toLocal(at('2026-03-08T07:30:00Z'), 'America/New_York')).toEqual(local(2026, 3, 8, 3, 30));
  });

  it('a time in the hour repeated in autumn happens twice, an hour apart', () => {
    // Berlin, 2026-10-25: 03:00 CEST goes back to 02:00 CET
    expect(instantsOf(local(2026, 10, 25, 2, 30), 'Europe/Berlin').map((d) => d.toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
    expect(fromLocal(local(2026, 10, 25, 2, 30), 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('finds the next time the clock reads a given time, across either change and across a skipped day', () => {
    // 20:00 EST on the eve of the spring change: 07:00 EDT next morning is 11:00 UTC, 10 h of wall time but 9 h later
    expect(nextLocalTime(at('2026-03-08T01:00:00Z'), 7, 0, 'America/New_York').toISOString()).toBe('2026-03-08T11:00:00.000Z');
    // between the two 02:30s of Berlin's autumn night, the next 02:30 is the second one
    expect(nextLocalTime(at('2026-10-25T01:00:00Z'), 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(nextLocalTime(at('2026-10-25T01:30:00Z'), 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-10-26T01:30:00.000Z');
    // Samoa skipped 2011-12-30 entirely: from the 29th's evening the next 09:00 is on the 31st
    expect(toLocal(nextLocalTime(at('2011-12-30T06:00:00Z'), 9, 0, 'Pacific/Apia'), 'Pacific/Apia')).toEqual(local(2011, 12, 31, 9, 0));
  });

  it('finds the last time the clock read a given time, the moment itself included', () => {
    expect(previousLocalTime(at('2026-11-23T02:00:00Z'), 2, 0, 'UTC').toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(previousLocalTime(at('2026-11-23T01:59:00Z'), 2, 0, 'UTC').toISOString()).toBe('2026-11-22T02:00:00.000Z');
    // 02:30 was skipped in New York on 2026-03-08: that night's slot is 03:30 EDT
    expect(previousLocalTime(at('2026-03-08T12:00:00Z'), 2, 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});
