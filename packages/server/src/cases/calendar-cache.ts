/**
 * Today's date in Stockholm and expected dates, computed once a minute and once a day instead
 * of on every submission (formatting a date in a time zone and walking working days cost more
 * than the rest of the check). Stockholm's offsets are whole hours, so its dates change only
 * on a whole minute.
 */
import { addWorkingDays, stockholmDate } from '@eservice-kit/core';

let cachedMinute = Number.NaN;
let cachedToday = '';
const expectedDates = new Map<string, string>();

export function stockholmToday(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== cachedMinute) {
    cachedMinute = minute;
    cachedToday = stockholmDate(now);
  }
  return cachedToday;
}

/** `workingDays` working days after `today` (a Stockholm date), as core's expectedBy counts them. */
export function expectedFrom(today: string, workingDays: number): string {
  const key = `${today}\n${workingDays}`;
  let date = expectedDates.get(key);
  if (date === undefined) {
    if (expectedDates.size > 1000) expectedDates.clear();
    date = addWorkingDays(today, workingDays);
    expectedDates.set(key, date);
  }
  return date;
}
