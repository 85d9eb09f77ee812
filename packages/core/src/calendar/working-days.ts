/**
 * Swedish working-day calendar (Europe/Stockholm), used for expected handling dates.
 *
 * Dates are plain "YYYY-MM-DD" strings. Arithmetic runs on UTC midnights, where
 * every day is exactly 24 hours, so daylight-saving changes cannot shift a date.
 * Holidays follow the current law (lag 1989:253 om allmänna helgdagar, as of 2005,
 * when nationaldagen replaced annandag pingst).
 */

export interface SwedishHoliday {
  /** "YYYY-MM-DD" */
  readonly date: string;
  readonly name: { readonly sv: string; readonly en: string };
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds at UTC midnight of a "YYYY-MM-DD" date; throws RangeError for anything else. */
/**
 * Date.UTC for every year: Date.UTC reads years 0–99 as 1900–1999, and a date input
 * passes through "0002-…" and "0020-…" while a year is typed.
 */
function utc(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

function toUtc(date: string): number {
  const m = ISO_DATE.exec(date);
  const ms = m === null ? NaN : utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // The round trip rejects impossible dates such as 2026-02-30.
  if (Number.isNaN(ms) || fromUtc(ms) !== date) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return ms;
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Adds months, clamping to the month's end: 2026-01-31 + 1 month = 2026-02-28. */
export function addCalendarMonths(date: string, months: number): string {
  const start = new Date(toUtc(date));
  const firstOfTarget = utc(start.getUTCFullYear(), start.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(utc(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(firstOfTarget + (Math.min(start.getUTCDate(), lastDay) - 1) * DAY_MS);
}

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher) as UTC milliseconds. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** The Saturday in the seven days from (month, firstDay) on. */
function saturdayFrom(year: number, month: number, firstDay: number): number {
  const first = Date.UTC(year, month - 1, firstDay);
  const weekday = new Date(first).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return first + ((6 - weekday) % 7) * DAY_MS;
}

const holidayCache = new Map<number, readonly SwedishHoliday[]>();

/** The public holidays (allmänna helgdagar) of a year, sorted by date. Ordinary Sundays are not listed. */
export function swedishPublicHolidays(year: number): SwedishHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Unsupported year: ${year}`);
  let list = holidayCache.get(year);
  if (list === undefined) {
    const easter = easterSunday(year);
    const fixed = (month: number, day: number): number => Date.UTC(year, month - 1, day);
    const entries: [number, string, string][] = [
      [fixed(1, 1), "Nyårsdagen", "New Year's Day"],
      [fixed(1, 6), "Trettondedag jul", "Epiphany"],
      [easter - 2 * DAY_MS, "Långfredagen", "Good Friday"],
      [easter, "Påskdagen", "Easter Sunday"],
      [easter + DAY_MS, "Annandag påsk", "Easter Monday"],
      [fixed(5, 1), "Första maj", "May Day"],
      [easter + 39 * DAY_MS, "Kristi himmelsfärdsdag", "Ascension Day"],
      [easter + 49 * DAY_MS, "Pingstdagen", "Whit Sunday"],
      [fixed(6, 6), "Sveriges nationaldag", "National Day of Sweden"],
      [saturdayFrom(year, 6, 20), "Midsommardagen", "Midsummer Day"],
      [saturdayFrom(year, 10, 31), "Alla helgons dag", "All Saints' Day"],
      [fixed(12, 25), "Juldagen", "Christmas Day"],
      [fixed(12, 26), "Annandag jul", "Boxing Day"],
    ];
    // Ascension can fall on 1 May or Whit Sunday on 6 June; sorting keeps both entries.
    entries.sort((x, y) => x[0] - y[0]);
    list = Object.freeze(
      entries.map(([ms, sv, en]) => Object.freeze({ date: fromUtc(ms), name: Object.freeze({ sv, en }) })),
    );
    holidayCache.set(year, list);
  }
  return [...list];
}

const closedCache = new Map<number, ReadonlySet<string>>();

/**
 * Weekdays on which municipal offices are closed: the public holidays plus
 * midsommarafton, julafton and nyårsafton. Those eves are not public holidays by
 * law but are de facto days off (collective agreements), so nothing gets handled.
 */
function closedDays(year: number): ReadonlySet<string> {
  let set = closedCache.get(year);
  if (set === undefined) {
    set = new Set([
      ...swedishPublicHolidays(year).map((h) => h.date),
      fromUtc(saturdayFrom(year, 6, 20) - DAY_MS), // midsommarafton, the Friday before
      `${year}-12-24`, // julafton
      `${year}-12-31`, // nyårsafton
    ]);
    closedCache.set(year, set);
  }
  return set;
}

/** Whether a "YYYY-MM-DD" date is one of the named public holidays. */
export function isSwedishPublicHoliday(date: string): boolean {
  toUtc(date); // validates
  return swedishPublicHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);
}

/** Monday to Friday and neither a public holiday nor midsommarafton, julafton or nyårsafton. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !closedDays(Number(date.slice(0, 4))).has(date);
}

/**
 * The date `days` working days after `start` (start itself is not counted, and
 * need not be a working day); `days` = 0 returns `start`.
 */
export function addWorkingDays(start: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer: ${days}`);
  let ms = toUtc(start);
  let date = start;
  for (let left = days; left > 0; ) {
    ms += DAY_MS;
    date = fromUtc(ms);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

const stockholmFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date "YYYY-MM-DD" in Europe/Stockholm at an instant. */
export function stockholmDate(instant: Date): string {
  // formatToParts rather than format: the field order of a locale is not a contract.
  const parts = stockholmFormat.formatToParts(instant); // throws RangeError on an invalid Date
  const field = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${field("year").padStart(4, "0")}-${field("month")}-${field("day")}`;
}

/**
 * The expected handling date of a case: `workingDays` working days after the day
 * (in Stockholm) it was submitted. A case submitted on a weekend or holiday
 * therefore gets the same date as one submitted on the working day before.
 */
export function expectedBy(submittedAt: Date, workingDays: number): string {
  return addWorkingDays(stockholmDate(submittedAt), workingDays);
}
