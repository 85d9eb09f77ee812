/**
 * The standard formats whose ajv-formats implementation is a function bound to module
 * state. Precompiled validators inline format checkers as source text, so these are
 * written as self-contained functions: `fn.toString()` must work on its own.
 */

/** RFC 3339 full-date, with real month lengths. */
export function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= (lengths[month - 1] ?? 0);
}

/** RFC 3339 full-time with an optional offset (a time without one is local, as forms send it). */
export function isTime(value: string): boolean {
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:\d{2})?$/i.exec(value);
  if (!match) return false;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  return hour <= 23 && minute <= 59 && second <= 60;
}

/** RFC 3339 date-time; the offset is required so an instant is unambiguous. Repeats isDate's day check: each checker must stand alone. */
export function isDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[tT ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(z|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const dayOk = month >= 1 && month <= 12 && day >= 1 && day <= (lengths[month - 1] ?? 0);
  return dayOk && Number(match[4]) <= 23 && Number(match[5]) <= 59 && Number(match[6]) <= 60;
}

/** An absolute http(s) URL, as citizens paste them (e.g. the page an accessibility problem is on). */
export function isUri(value: string): boolean {
  // Length first, and dots outside the repeated classes, so the match stays linear.
  return value.length <= 2000 && /^https?:\/\/[^\s/?#.]+(?:\.[^\s/?#.]+)+(?:[/?#]\S*)?$/i.test(value);
}
