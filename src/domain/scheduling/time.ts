/**
 * Study days. A study day starts at the rollover hour (default 04:00) in the user's time zone,
 * so a review at 01:00 still belongs to "yesterday". ts-fsrs counts whole UTC calendar days,
 * so every instant handed to it is first shifted so that its UTC date *is* the study day:
 *   shifted(t) = t + offset(t) − rollover
 * Pure: the zone is passed in, never read from a global clock.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface TimeZone {
  /** Minutes east of UTC at instant t (Tokyo: +540; New York in winter: −300). */
  offsetMinutes(t: number): number;
}

export function fixedZone(offsetMinutes: number): TimeZone {
  return { offsetMinutes: () => offsetMinutes };
}

/** An IANA zone through Intl: deterministic for a given instant, DST included. */
export function ianaZone(timeZone: string): TimeZone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return {
    offsetMinutes(t: number) {
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(t))) {
        if (p.type !== 'literal') parts[p.type] = Number(p.value);
      }
      const asUtc = Date.UTC(
        parts.year ?? 1970,
        (parts.month ?? 1) - 1,
        parts.day ?? 1,
        parts.hour ?? 0,
        parts.minute ?? 0,
        parts.second ?? 0,
      );
      return Math.round((asUtc - (t - (t % 1000))) / MINUTE);
    },
  };
}

/** The zone the runtime is in (the browser's), read per instant so DST is right. */
export const runtimeZone: TimeZone = {
  offsetMinutes: (t: number) => -new Date(t).getTimezoneOffset(),
};

export interface DayClock {
  zone: TimeZone;
  rolloverHour: number;
}

export function shift(t: number, clock: DayClock): number {
  return t + clock.zone.offsetMinutes(t) * MINUTE - clock.rolloverHour * HOUR;
}

/** Study day number (days since 1970-01-01 in study-day terms). */
export function studyDay(t: number, clock: DayClock): number {
  return Math.floor(shift(t, clock) / DAY);
}

/** First instant of study day `day`: solves shift(t) = day·DAY, re-reading the offset for DST. */
export function startOfStudyDay(day: number, clock: DayClock): number {
  const target = day * DAY + clock.rolloverHour * HOUR;
  let t = target - clock.zone.offsetMinutes(target) * MINUTE;
  for (let k = 0; k < 3; k++) {
    const next = target - clock.zone.offsetMinutes(t) * MINUTE;
    if (next === t) break;
    t = next;
  }
  // A DST jump can leave t an hour into the day or just before it; step to the true start.
  while (studyDay(t - 1, clock) === day) t -= HOUR;
  while (studyDay(t, clock) < day) t += MINUTE;
  return t;
}

export function startOfNextStudyDay(now: number, clock: DayClock): number {
  return startOfStudyDay(studyDay(now, clock) + 1, clock);
}
