import { describe, expect, it } from 'vitest';
import {
  type DayClock,
  DAY,
  fixedZone,
  HOUR,
  ianaZone,
  MINUTE,
  startOfNextStudyDay,
  startOfStudyDay,
  studyDay,
} from '../../src/domain/scheduling/time';

/** An instant written as UTC wall time. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
/** The study-day number whose label is the calendar date y-mo-d (days since 1970-01-01). */
const dayOf = (y: number, mo: number, d: number) => Date.UTC(y, mo - 1, d) / DAY;

const tokyo: DayClock = { zone: ianaZone('Asia/Tokyo'), rolloverHour: 4 };
const newYork: DayClock = { zone: ianaZone('America/New_York'), rolloverHour: 4 };

describe('ianaZone offsets', () => {
  it.each([
    ['Asia/Tokyo', utc(2026, 1, 15, 12), 540],
    ['Asia/Tokyo', utc(2026, 7, 15, 12), 540],
    ['America/New_York', utc(2026, 1, 15, 12), -300],
    ['America/New_York', utc(2026, 7, 15, 12), -240],
    ['America/New_York', utc(2026, 3, 8, 6, 59), -300], // 01:59 EST, a minute before the jump
    ['America/New_York', utc(2026, 3, 8, 7, 0), -240], // 03:00 EDT
    ['America/New_York', utc(2026, 11, 1, 5, 59), -240], // 01:59 EDT
    ['America/New_York', utc(2026, 11, 1, 6, 0), -300], // 01:00 EST (second time round)
    ['Asia/Kolkata', utc(2026, 1, 15, 12, 30), 330],
    ['UTC', utc(2026, 1, 15, 12, 30), 0],
  ])('%s at %s is %i minutes', (zone, t, offset) => {
    expect(ianaZone(zone).offsetMinutes(t)).toBe(offset);
  });

  it('ignores milliseconds within the second', () => {
    expect(ianaZone('Asia/Tokyo').offsetMinutes(utc(2026, 1, 15, 12) + 999)).toBe(540);
  });
});

describe('study days in Asia/Tokyo (UTC+9), rollover 04:00', () => {
  // 22:00 JST on 10 March = 13:00Z; 05:00 JST on 11 March = 20:00Z (still 10 March in UTC).
  const evening = utc(2026, 3, 10, 13);
  const nextMorning = utc(2026, 3, 10, 20);

  it('an answer at 22:00 and another at 05:00 the next day fall on two study days', () => {
    expect(studyDay(evening, tokyo)).toBe(dayOf(2026, 3, 10));
    expect(studyDay(nextMorning, tokyo)).toBe(dayOf(2026, 3, 11));
  });

  it.each([
    ['03:59 JST on 11 March belongs to 10 March', utc(2026, 3, 10, 18, 59), dayOf(2026, 3, 10)],
    ['04:00 JST on 11 March starts 11 March', utc(2026, 3, 10, 19, 0), dayOf(2026, 3, 11)],
    ['04:01 JST on 11 March is 11 March', utc(2026, 3, 10, 19, 1), dayOf(2026, 3, 11)],
    ['00:30 JST on 11 March is still 10 March', utc(2026, 3, 10, 15, 30), dayOf(2026, 3, 10)],
    ['09:00 JST on 11 March (00:00Z) is 11 March', utc(2026, 3, 11, 0), dayOf(2026, 3, 11)],
  ])('%s', (_name, t, day) => {
    expect(studyDay(t, tokyo)).toBe(day);
  });

  it('03:59 and 04:01 are different days, 03:59 the earlier', () => {
    const a = studyDay(utc(2026, 3, 10, 18, 59), tokyo);
    const b = studyDay(utc(2026, 3, 10, 19, 1), tokyo);
    expect(b - a).toBe(1);
  });

  it('each study day starts at 04:00 JST = 19:00Z the day before', () => {
    expect(startOfStudyDay(dayOf(2026, 3, 11), tokyo)).toBe(utc(2026, 3, 10, 19));
    expect(startOfNextStudyDay(evening, tokyo)).toBe(utc(2026, 3, 10, 19));
    expect(startOfNextStudyDay(nextMorning, tokyo)).toBe(utc(2026, 3, 11, 19));
  });
});

describe('study days in America/New_York across DST, rollover 04:00', () => {
  it.each([
    // 2026-03-08: clocks jump 02:00 EST → 03:00 EDT. 4am EST = 09:00Z, 4am EDT = 08:00Z.
    ['6 March (EST)', dayOf(2026, 3, 6), utc(2026, 3, 6, 9)],
    ['7 March (EST)', dayOf(2026, 3, 7), utc(2026, 3, 7, 9)],
    ['8 March (EDT from 03:00)', dayOf(2026, 3, 8), utc(2026, 3, 8, 8)],
    ['9 March (EDT)', dayOf(2026, 3, 9), utc(2026, 3, 9, 8)],
    // 2026-11-01: clocks fall back 02:00 EDT → 01:00 EST.
    ['31 October (EDT)', dayOf(2026, 10, 31), utc(2026, 10, 31, 8)],
    ['1 November (EST from 01:00)', dayOf(2026, 11, 1), utc(2026, 11, 1, 9)],
    ['2 November (EST)', dayOf(2026, 11, 2), utc(2026, 11, 2, 9)],
  ])('%s starts at 04:00 local', (_name, day, start) => {
    expect(startOfStudyDay(day, newYork)).toBe(start);
    expect(studyDay(start, newYork)).toBe(day);
    expect(studyDay(start - 1, newYork)).toBe(day - 1);
  });

  it.each([
    ['6 March', dayOf(2026, 3, 6), 24],
    ['7 March (spans the spring jump)', dayOf(2026, 3, 7), 23],
    ['8 March', dayOf(2026, 3, 8), 24],
    ['31 October (spans the autumn fall-back)', dayOf(2026, 10, 31), 25],
    ['1 November', dayOf(2026, 11, 1), 24],
  ])('study day %s lasts %i hours', (_name, day, hours) => {
    expect(startOfStudyDay(day + 1, newYork) - startOfStudyDay(day, newYork)).toBe(hours * HOUR);
  });

  it.each([
    ['03:30 EDT (07:30Z) on 8 March is still 7 March', utc(2026, 3, 8, 7, 30), dayOf(2026, 3, 7)],
    ['03:59 EDT (07:59Z) on 8 March is still 7 March', utc(2026, 3, 8, 7, 59), dayOf(2026, 3, 7)],
    ['04:00 EDT (08:00Z) on 8 March is 8 March', utc(2026, 3, 8, 8), dayOf(2026, 3, 8)],
    ['01:30 EDT (05:30Z) on 1 November is 31 October', utc(2026, 11, 1, 5, 30), dayOf(2026, 10, 31)],
    ['01:30 EST (06:30Z) on 1 November is 31 October', utc(2026, 11, 1, 6, 30), dayOf(2026, 10, 31)],
    ['03:59 EST (08:59Z) on 1 November is 31 October', utc(2026, 11, 1, 8, 59), dayOf(2026, 10, 31)],
    ['04:00 EST (09:00Z) on 1 November is 1 November', utc(2026, 11, 1, 9), dayOf(2026, 11, 1)],
  ])('%s', (_name, t, day) => {
    expect(studyDay(t, newYork)).toBe(day);
  });

  it.each([
    // 02:00 does not exist on 8 March: the day starts at the first instant after the gap, 03:00 EDT.
    ['rollover 2 on 8 March (02:00 skipped)', 2, dayOf(2026, 3, 8), utc(2026, 3, 8, 7), 23],
    // 01:00 happens twice on 1 November: the day starts at the first one, 01:00 EDT = 05:00Z.
    ['rollover 1 on 1 November (01:00 twice)', 1, dayOf(2026, 11, 1), utc(2026, 11, 1, 5), 25],
  ])('%s', (_name, rolloverHour, day, start, hours) => {
    const clock = { zone: ianaZone('America/New_York'), rolloverHour };
    expect(startOfStudyDay(day, clock)).toBe(start);
    expect(studyDay(start - 1, clock)).toBe(day - 1);
    expect(startOfStudyDay(day + 1, clock) - start).toBe(hours * HOUR);
  });

  it('startOfNextStudyDay from late evening before each switch', () => {
    // 22:00 EST on 7 March = 03:00Z on 8 March; 22:00 EDT on 31 October = 02:00Z on 1 November.
    expect(startOfNextStudyDay(utc(2026, 3, 8, 3), newYork)).toBe(utc(2026, 3, 8, 8));
    expect(startOfNextStudyDay(utc(2026, 11, 1, 2), newYork)).toBe(utc(2026, 11, 1, 9));
  });
});

describe('rollover hours', () => {
  it.each([
    // rollover 0: the study day is the local calendar date.
    ['rollover 0, 23:59 UTC+9', { zone: fixedZone(540), rolloverHour: 0 }, utc(2026, 3, 10, 14, 59), dayOf(2026, 3, 10)],
    ['rollover 0, 00:00 UTC+9', { zone: fixedZone(540), rolloverHour: 0 }, utc(2026, 3, 10, 15, 0), dayOf(2026, 3, 11)],
    // rollover 23: the day labelled D runs from 23:00 on D to 23:00 on D+1.
    ['rollover 23, 22:59 UTC', { zone: fixedZone(0), rolloverHour: 23 }, utc(2026, 3, 10, 22, 59), dayOf(2026, 3, 9)],
    ['rollover 23, 23:00 UTC', { zone: fixedZone(0), rolloverHour: 23 }, utc(2026, 3, 10, 23, 0), dayOf(2026, 3, 10)],
    ['rollover 23, 12:00 UTC next day', { zone: fixedZone(0), rolloverHour: 23 }, utc(2026, 3, 11, 12), dayOf(2026, 3, 10)],
  ])('%s', (_name, clock, t, day) => {
    expect(studyDay(t, clock)).toBe(day);
  });

  it.each([
    ['rollover 0 in UTC+9', { zone: fixedZone(540), rolloverHour: 0 }, dayOf(2026, 3, 11), utc(2026, 3, 10, 15)],
    ['rollover 23 in UTC', { zone: fixedZone(0), rolloverHour: 23 }, dayOf(2026, 3, 10), utc(2026, 3, 10, 23)],
    [
      'rollover 0 in New York (EDT)',
      { zone: ianaZone('America/New_York'), rolloverHour: 0 },
      dayOf(2026, 7, 1),
      utc(2026, 7, 1, 4),
    ],
    [
      'rollover 23 in New York (EST)',
      { zone: ianaZone('America/New_York'), rolloverHour: 23 },
      dayOf(2026, 1, 5),
      utc(2026, 1, 6, 4),
    ],
  ])('startOfStudyDay, %s', (_name, clock, day, start) => {
    expect(startOfStudyDay(day, clock)).toBe(start);
  });
});

describe('fixedZone', () => {
  it.each([
    [0, utc(2026, 3, 10, 3, 59), dayOf(2026, 3, 9)],
    [0, utc(2026, 3, 10, 4, 0), dayOf(2026, 3, 10)],
    [-300, utc(2026, 3, 10, 8, 59), dayOf(2026, 3, 9)], // 03:59 at UTC−5
    [-300, utc(2026, 3, 10, 9, 0), dayOf(2026, 3, 10)], // 04:00 at UTC−5
    [330, utc(2026, 3, 9, 22, 29), dayOf(2026, 3, 9)], // 03:59 at UTC+5:30
    [330, utc(2026, 3, 9, 22, 30), dayOf(2026, 3, 10)], // 04:00 at UTC+5:30
  ])('offset %i: %s is day %i', (offset, t, day) => {
    const clock = { zone: fixedZone(offset), rolloverHour: 4 };
    expect(clock.zone.offsetMinutes(t)).toBe(offset);
    expect(studyDay(t, clock)).toBe(day);
  });

  it('every fixed-zone study day is 24 hours long and starts at the rollover', () => {
    const clock = { zone: fixedZone(-300), rolloverHour: 4 };
    const start = startOfStudyDay(dayOf(2026, 3, 8), clock);
    expect(start).toBe(utc(2026, 3, 8, 9));
    expect(startOfStudyDay(dayOf(2026, 3, 9), clock) - start).toBe(DAY);
    expect(studyDay(start + DAY - MINUTE, clock)).toBe(dayOf(2026, 3, 8));
  });
});
