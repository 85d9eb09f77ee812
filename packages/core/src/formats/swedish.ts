/**
 * Swedish identity, address and phone formats (DOMAIN.md §4) as pure functions.
 *
 * The "kernel" functions below (`parsePersonalId`, `isOrgnr`, `isPostnummer`,
 * `normalizePhone`) are self-contained on purpose: their source text is inlined
 * into precompiled ajv validator modules (see `swedishFormats[name].source`).
 * So inside them: no imports, no module-level helpers, no closures, and no inner
 * *named* functions or arrows either, because esbuild's `keepNames` (used by tsx)
 * wraps those in a `__name(...)` helper that would not exist in the inlined code.
 */

/** Which kind of personal identity number to accept. */
export type PersonalIdKind = "personnummer" | "samordningsnummer" | "either";

/** The format names this module defines, as used in definition schemas. */
export const SWEDISH_FORMAT_NAMES = [
  "se-personnummer",
  "se-samordningsnummer",
  "se-personal-id",
  "se-orgnr",
  "se-postnummer",
  "se-phone",
  "se-mobile",
] as const;

export type SwedishFormatName = (typeof SWEDISH_FORMAT_NAMES)[number];

/** A format checker plus equivalent self-contained JS source (a function expression). */
export interface SwedishFormat {
  readonly validate: (value: string) => boolean;
  readonly source: string;
}

/**
 * Parses a personnummer or samordningsnummer and returns its 12-digit form
 * YYYYMMDDNNNC (the day as written, so a samordningsnummer keeps its +60), or null.
 *
 * - 12 digits keep their century (18, 19 or 20); 10 digits take the latest year
 *   <= the current year ending in YY, minus 100 when written with "+" (18 § FOL).
 * - The date check is soft (DOMAIN.md): month 1-12, a day that exists in that
 *   month (Feb 29 only in leap years), not in the future. The sex digit is not checked.
 * - "Today" is the calendar date in Europe/Stockholm, where the numbers are issued.
 *
 * Self-contained: see the module comment.
 */
export function parsePersonalId(value: string, kind: PersonalIdKind, now: Date = new Date()): string | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/.exec(value);
  if (m === null) return null;
  const digits = m[2]! + m[3]! + m[4]! + m[6]! + m[7]!;

  // Check digit: Luhn over YYMMDDNNNC, weights 2,1,2,1...; the total must end in 0.
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const product = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  if (sum % 10 !== 0) return null;

  // Today in Stockholm as a YYYYMMDD number. Stockholm is UTC+1 or UTC+2, so only
  // between 22:00 and 23:00 UTC does the date depend on summer time; only then ask
  // the time zone database (building an Intl.DateTimeFormat costs ~0.2 ms).
  const cet = new Date(now.getTime() + 3600000);
  let today = cet.getUTCFullYear() * 10000 + (cet.getUTCMonth() + 1) * 100 + cet.getUTCDate();
  if (new Date(now.getTime() + 7200000).getUTCDate() !== cet.getUTCDate()) {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: "Europe/Stockholm",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    }).formatToParts(now); // throws RangeError for an invalid Date
    today = 0;
    for (const part of parts) {
      if (part.type === "year") today += Number(part.value) * 10000;
      else if (part.type === "month") today += Number(part.value) * 100;
      else if (part.type === "day") today += Number(part.value);
    }
  }

  const yy = Number(m[2]);
  let year: number;
  if (m[1] !== undefined) {
    const century = Number(m[1]);
    if (century < 18 || century > 20) return null;
    year = century * 100 + yy;
  } else {
    const thisYear = Math.floor(today / 10000);
    year = thisYear - ((thisYear - yy) % 100);
    if (m[5] === "+") year -= 100;
  }

  const month = Number(m[3]);
  const writtenDay = Number(m[4]);
  // A samordningsnummer is the birth day + 60 (18 a § FOL).
  const coordination = writtenDay > 60;
  if (coordination ? kind === "personnummer" : kind === "samordningsnummer") return null;
  const day = coordination ? writtenDay - 60 : writtenDay;
  if (month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one (handles leap years).
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (year * 10000 + month * 100 + day > today) return null;

  return String(year) + m[3]! + m[4]! + m[6]! + m[7]!;
}

/**
 * Organisationsnummer: 10 digits (optional "-" before the last four) with an
 * optional "16" prefix; digits 3-4 >= 20 (so it is not a personnummer); Luhn check digit.
 * Self-contained: see the module comment.
 */
export function isOrgnr(value: string): boolean {
  if (typeof value !== "string") return false;
  const m = /^(?:16)?(\d{6})-?(\d{4})$/.exec(value);
  if (m === null) return false;
  const digits = m[1]! + m[2]!;
  if (Number(digits.slice(2, 4)) < 20) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const product = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return sum % 10 === 0;
}

/** Postnummer: five digits, optional space after three, never starting with 0. Self-contained. */
export function isPostnummer(value: string): boolean {
  return typeof value === "string" && /^[1-9]\d{2} ?\d{2}$/.test(value);
}

/**
 * Normalises a Swedish phone number to E.164 (+46...), or null.
 * Strips spaces, hyphens and brackets; maps +46/0046 (and the "+46 (0)8" habit) to
 * the trunk 0; then requires 0 + area code (1-3 digits, not starting with 0) +
 * subscriber number: `^0[1-9]\d{6,8}$`. Self-contained: see the module comment.
 */
export function normalizePhone(value: string): string | null {
  if (typeof value !== "string") return null;
  const national = value.replace(/[\s()-]/g, "").replace(/^(?:\+46|0046)0?/, "0");
  return /^0[1-9]\d{6,8}$/.test(national) ? "+46" + national.slice(1) : null;
}

// The public checkers; thin wrappers over the kernels above.

export function isPersonnummer(value: string, now?: Date): boolean {
  return parsePersonalId(value, "personnummer", now) !== null;
}

export function isSamordningsnummer(value: string, now?: Date): boolean {
  return parsePersonalId(value, "samordningsnummer", now) !== null;
}

/** Either a personnummer or a samordningsnummer. */
export function isPersonalId(value: string, now?: Date): boolean {
  return parsePersonalId(value, "either", now) !== null;
}

export function isPhone(value: string): boolean {
  return normalizePhone(value) !== null;
}

/** A mobile number: the se-phone normalisation, then a PTS mobile prefix 070/072/073/076/079. */
export function isMobile(value: string): boolean {
  const e164 = normalizePhone(value);
  return e164 !== null && /^\+467[02369]\d{7}$/.test(e164);
}

/** A personnummer as 12 digits YYYYMMDDNNNC (for storage), or null. */
export function normalizePersonnummer(value: string, now?: Date): string | null {
  return parsePersonalId(value, "personnummer", now);
}

/** A personnummer or samordningsnummer as 12 digits YYYYMMDDNNNC, or null. */
export function normalizePersonalId(value: string, now?: Date): string | null {
  return parsePersonalId(value, "either", now);
}

/**
 * Display form "YYYYMMDD-NNNN" of a personnummer or samordningsnummer, or null.
 * The 12-digit form carries the century, so the "+" separator is not needed.
 */
export function formatPersonnummer(value: string, now?: Date): string | null {
  const digits = parsePersonalId(value, "either", now);
  return digits === null ? null : digits.slice(0, 8) + "-" + digits.slice(8);
}

/** Display form "123 45", or null. */
export function formatPostnummer(value: string): string | null {
  if (!isPostnummer(value)) return null;
  const digits = value.replace(" ", "");
  return digits.slice(0, 3) + " " + digits.slice(3);
}

// Sources for inlining: each is a function expression `(value) => boolean` that
// wraps a kernel's own source, so it is equivalent to `validate` by construction.
const call = (kernel: (...args: never[]) => unknown, args: string): string =>
  "(" + kernel.toString() + ")(value" + args + ")";

const sources: Record<SwedishFormatName, string> = {
  "se-personnummer": `function (value) { return ${call(parsePersonalId, ', "personnummer"')} !== null; }`,
  "se-samordningsnummer": `function (value) { return ${call(parsePersonalId, ', "samordningsnummer"')} !== null; }`,
  "se-personal-id": `function (value) { return ${call(parsePersonalId, ', "either"')} !== null; }`,
  "se-orgnr": `function (value) { return ${call(isOrgnr, "")}; }`,
  "se-postnummer": `function (value) { return ${call(isPostnummer, "")}; }`,
  "se-phone": `function (value) { return ${call(normalizePhone, "")} !== null; }`,
  "se-mobile": `function (value) { var e164 = ${call(normalizePhone, "")}; return e164 !== null && /^\\+467[02369]\\d{7}$/.test(e164); }`,
};

const validators: Record<SwedishFormatName, (value: string) => boolean> = {
  "se-personnummer": (value) => isPersonnummer(value),
  "se-samordningsnummer": (value) => isSamordningsnummer(value),
  "se-personal-id": (value) => isPersonalId(value),
  "se-orgnr": isOrgnr,
  "se-postnummer": isPostnummer,
  "se-phone": isPhone,
  "se-mobile": isMobile,
};

/**
 * The formats for ajv: `validate` for runtime use (`ajv.addFormat(name, validate)`),
 * `source` (a self-contained JS function expression, "(" + source + ")" evaluates to
 * the checker) for precompiled standalone validators, which must not import this module.
 */
export const swedishFormats: Readonly<Record<SwedishFormatName, SwedishFormat>> = Object.freeze(
  Object.fromEntries(
    SWEDISH_FORMAT_NAMES.map((name) => [name, Object.freeze({ validate: validators[name], source: sources[name] })]),
  ) as Record<SwedishFormatName, SwedishFormat>,
);
