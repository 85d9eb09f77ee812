import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import fc from "fast-check";
import ts from "typescript";
import {
  SWEDISH_FORMAT_NAMES,
  formatPersonnummer,
  formatPostnummer,
  isMobile,
  isOrgnr,
  isPersonalId,
  isPersonnummer,
  isPhone,
  isPostnummer,
  isSamordningsnummer,
  normalizePersonalId,
  normalizePersonnummer,
  normalizePhone,
  swedishFormats,
} from "../src/formats/index.js";
import type { SwedishFormat, SwedishFormatName } from "../src/formats/index.js";

// --- independent helpers (deliberately not sharing code with the implementation) ---

/** Skatteverket: weights 2,1,2,1... over the nine digits, add the digits of each product. */
function checkDigit(nine: string): string {
  let sum = 0;
  [...nine].forEach((ch, i) => {
    const product = Number(ch) * (i % 2 === 0 ? 2 : 1);
    for (const d of String(product)) sum += Number(d);
  });
  return String((10 - (sum % 10)) % 10);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** Noon UTC, so the Stockholm calendar date is the UTC date. */
const noon = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d, 12));

const NOW = noon(2026, 3, 15);

/** A date as [year, month, day], from a day count since 1970-01-01. */
function civil(dayNumber: number): [number, number, number] {
  const d = new Date(dayNumber * 86_400_000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;

interface Person {
  year: number;
  month: number;
  day: number;
  birthNumber: number;
}

/** The 12-digit form, optionally as a samordningsnummer (day + 60). */
function twelve(p: Person, coordination = false): string {
  const ten = pad(p.year % 100) + pad(p.month) + pad(p.day + (coordination ? 60 : 0)) + pad(p.birthNumber, 3);
  return String(Math.floor(p.year / 100)) + ten + checkDigit(ten);
}

/** A birth date on or before `now` (from 1800) and a birth number. */
const personBornBy = (now: Date): fc.Arbitrary<Person> =>
  fc
    .record({
      day: fc.integer({ min: dayNumber(1800, 1, 1), max: Math.floor(now.getTime() / 86_400_000) }),
      birthNumber: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ day, birthNumber }) => {
      const [year, month, d] = civil(day);
      return { year, month, day: d, birthNumber };
    });

/** A "now" at noon UTC between 2000 and 2100. */
const someNow = fc.integer({ min: dayNumber(2000, 1, 1), max: dayNumber(2100, 12, 31) }).map((d) => {
  const [y, m, day] = civil(d);
  return noon(y, m, day);
});

/** Puts a separator before the last four digits. */
const withSep = (digits: string, sep: string): string => digits.slice(0, -4) + sep + digits.slice(-4);

/** A valid 10-digit organisationsnummer. */
const orgnr = fc
  .tuple(
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 20, max: 99 }),
    fc.integer({ min: 0, max: 99_999 }),
  )
  .map(([a, b, rest]) => {
    const nine = pad(a) + pad(b) + pad(rest, 5);
    return nine + checkDigit(nine);
  });

const digitString = (n: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });

/** A national number 0 + area code + subscriber (7-9 digits after the 0, not starting with 0); half of them 07x. */
const national = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 6, max: 8 }).chain(digitString)).map(([first, rest]) => "0" + String(first) + rest),
  digitString(8).map((rest) => "07" + rest),
);

/** Writes a national number the way people do: prefixes, spaces, hyphens, brackets. */
const written = fc
  .tuple(
    national,
    fc.constantFrom("", "+46", "+46 ", "0046", "0046 ", "+46 (0)", "+46(0)"),
    fc.array(fc.constantFrom(" ", "-", "  ", " - "), { minLength: 9, maxLength: 9 }),
    fc.boolean(),
  )
  .map(([nat, prefix, seps, bracketArea]) => {
    const body = nat.slice(1);
    let out = "";
    [...body].forEach((ch, i) => {
      out += (i > 0 ? seps[i % seps.length]! : "") + ch;
    });
    const base = prefix === "" ? "0" + out : prefix + out;
    return { nat, text: bracketArea && prefix === "" ? "(0" + body.slice(0, 1) + ")" + body.slice(1) : base };
  });

// --- DOMAIN.md §4 vectors ---

describe("DOMAIN.md test vectors", () => {
  it("personnummer 640823-3234 is valid, 640823-3233 is not", () => {
    assert.equal(isPersonnummer("640823-3234", NOW), true);
    assert.equal(isPersonnummer("640823-3233", NOW), false);
    assert.equal(normalizePersonnummer("640823-3234", NOW), "196408233234");
    assert.equal(formatPersonnummer("6408233234", NOW), "19640823-3234");
  });

  it("701063-2391 is a samordningsnummer (born 1970-10-03), not a personnummer", () => {
    assert.equal(isSamordningsnummer("701063-2391", NOW), true);
    assert.equal(isPersonnummer("701063-2391", NOW), false);
    assert.equal(isPersonalId("701063-2391", NOW), true);
    assert.equal(normalizePersonalId("701063-2391", NOW), "197010632391");
    assert.equal(normalizePersonnummer("701063-2391", NOW), null);
  });

  it("organisationsnummer 212000-0142, 556036-0793 and 16556036-0793 are valid", () => {
    for (const v of ["212000-0142", "556036-0793", "16556036-0793", "5560360793", "165560360793"]) {
      assert.equal(isOrgnr(v), true, v);
    }
    assert.equal(isOrgnr("556036-0794"), false);
    assert.equal(isOrgnr("640823-3234"), false, "a personnummer has digits 3-4 < 20");
  });

  it('postnummer "123 45" and "12345" are valid, "023 45" is not', () => {
    assert.equal(isPostnummer("123 45"), true);
    assert.equal(isPostnummer("12345"), true);
    assert.equal(isPostnummer("023 45"), false);
    assert.equal(formatPostnummer("12345"), "123 45");
    assert.equal(formatPostnummer("023 45"), null);
  });

  it("phone numbers normalise to E.164", () => {
    assert.equal(normalizePhone("070-123 45 67"), "+46701234567");
    assert.equal(normalizePhone("+46 8 123 456 78"), "+46812345678");
    assert.equal(isPhone("070-123 45 67"), true);
    assert.equal(isMobile("070-123 45 67"), true);
    assert.equal(isMobile("+46 8 123 456 78"), false);
  });
});

// --- personnummer ---

describe("personnummer", () => {
  it('applies the "+" century rule with an injected clock', () => {
    // Born 1920-01-01: in 2019 (age 99 that year) still "-", from 2020 (turns 100) "+".
    const ten = "200101" + "123";
    const pnr = ten + checkDigit(ten);
    const in2019 = noon(2019, 6, 1);
    const in2020 = noon(2020, 6, 1);
    assert.equal(normalizePersonnummer(withSep(pnr, "-"), in2019), "19" + pnr);
    assert.equal(normalizePersonnummer(withSep(pnr, "+"), in2019), "18" + pnr);
    assert.equal(normalizePersonnummer(withSep(pnr, "+"), in2020), "19" + pnr);
    // In 2020 "-" means a baby born 2020-01-01.
    assert.equal(normalizePersonnummer(withSep(pnr, "-"), in2020), "20" + pnr);
    // A 12-digit number keeps its century whatever the clock says.
    assert.equal(normalizePersonnummer("19" + withSep(pnr, "-"), in2020), "19" + pnr);
  });

  it('switches from "-" to "+" on 1 January of the year the person turns 100, not on the birthday', () => {
    const ten = "261231" + "456"; // born 1926-12-31, turns 100 on 2026-12-31
    const pnr = ten + checkDigit(ten);
    assert.equal(normalizePersonnummer(withSep(pnr, "-"), noon(2025, 12, 31)), "19" + pnr);
    assert.equal(normalizePersonnummer(withSep(pnr, "+"), noon(2026, 1, 1)), "19" + pnr);
    // In 2026 the "-" form would mean 2026-12-31, which is still in the future.
    assert.equal(normalizePersonnummer(withSep(pnr, "-"), noon(2026, 1, 1)), null);
  });

  it("uses the Stockholm date for 'today'", () => {
    const ten = "260316" + "123";
    const pnr = "20" + ten + checkDigit(ten); // born 2026-03-16
    // 23:30 UTC on 15 March is 00:30 on 16 March in Stockholm.
    assert.equal(isPersonnummer(pnr, new Date("2026-03-15T23:30:00Z")), true);
    assert.equal(isPersonnummer(pnr, new Date("2026-03-15T22:30:00Z")), false);
    // 22:00-23:00 UTC is the hour where the date depends on summer time.
    const bornOn = (yymmdd: string): string => "20" + yymmdd + "123" + checkDigit(yymmdd + "123");
    assert.equal(isPersonnummer(bornOn("260701"), new Date("2026-06-30T22:30:00Z")), true, "00:30 CEST");
    assert.equal(isPersonnummer(bornOn("260111"), new Date("2026-01-10T22:30:00Z")), false, "23:30 CET");
    assert.throws(() => isPersonnummer(pnr, new Date(NaN)), RangeError);
  });

  it("agrees with the time zone database on today's date at any instant (property)", () => {
    const stockholm = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", year: "numeric", month: "numeric", day: "numeric" });
    const anyInstant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) });
    // Half of them in the 22:00-24:00 UTC window, where the Stockholm date is subtle.
    const lateInstant = fc
      .tuple(fc.integer({ min: 10_957, max: 47_115 }), fc.integer({ min: 0, max: 2 * 3_600_000 - 1 }))
      .map(([day, ms]) => day * 86_400_000 + 22 * 3_600_000 + ms);
    fc.assert(
      fc.property(fc.oneof(anyInstant, lateInstant), (ms) => {
        const now = new Date(ms);
        const field = (type: string): number => Number(stockholm.formatToParts(now).find((p) => p.type === type)?.value);
        const [y, m, d] = [field("year"), field("month"), field("day")];
        const today = { year: y, month: m, day: d, birthNumber: 123 };
        const [ty, tm, td] = civil(dayNumber(y, m, d) + 1);
        assert.equal(isPersonnummer(twelve(today), now), true);
        assert.equal(isPersonnummer(twelve({ year: ty, month: tm, day: td, birthNumber: 123 }), now), false);
      }),
      { numRuns: 1000 },
    );
  });

  it("checks the date softly: month, day of month, leap years, not in the future", () => {
    const make = (yyyymmdd: string): string => {
      const ten = yyyymmdd.slice(2) + "001";
      return yyyymmdd.slice(0, 2) + ten + checkDigit(ten);
    };
    assert.equal(isPersonnummer(make("20240229"), NOW), true);
    assert.equal(isPersonnummer(make("20230229"), NOW), false);
    assert.equal(isPersonnummer(make("19000229"), NOW), false, "1900 is not a leap year");
    assert.equal(isPersonnummer(make("20000229"), NOW), true, "2000 is");
    assert.equal(isPersonnummer(make("19640431"), NOW), false);
    assert.equal(isPersonnummer(make("19641301"), NOW), false);
    assert.equal(isPersonnummer(make("19640001"), NOW), false);
    assert.equal(isPersonnummer(make("19640100"), NOW), false);
    assert.equal(isPersonnummer(make("20260315"), NOW), true, "born today");
    assert.equal(isPersonnummer(make("20260316"), NOW), false, "born tomorrow");
    assert.equal(isPersonnummer(make("17991231"), NOW), false, "century outside 18-20");
  });

  it("rejects malformed input", () => {
    for (const v of ["", "640823 3234", "640823--3234", "64082-33234", " 6408233234", "6408233234 ", "640823-323", "abcdefghij"]) {
      assert.equal(isPersonalId(v, NOW), false, JSON.stringify(v));
    }
    // Non-strings from untyped callers are rejected, not thrown on.
    assert.equal(isPersonnummer(6408233234 as unknown as string, NOW), false);
  });

  it("accepts every valid birth date and birth number, in every written form (property)", () => {
    fc.assert(
      fc.property(personBornBy(NOW), (p) => {
        const pnr = twelve(p);
        const age = 2026 - p.year;
        assert.equal(isPersonnummer(pnr, NOW), true);
        assert.equal(normalizePersonnummer(withSep(pnr, "-"), NOW), pnr);
        assert.equal(normalizePersonnummer(withSep(pnr, "+"), NOW), pnr, "12 digits keep their century");
        assert.equal(formatPersonnummer(pnr, NOW), withSep(pnr, "-"));
        const ten = pnr.slice(2);
        if (age < 100) {
          assert.equal(normalizePersonnummer(withSep(ten, "-"), NOW), pnr);
          assert.equal(normalizePersonnummer(ten, NOW), pnr);
        } else if (age < 200) {
          assert.equal(normalizePersonnummer(withSep(ten, "+"), NOW), pnr);
          assert.notEqual(normalizePersonnummer(withSep(ten, "-"), NOW), pnr);
        }
        assert.equal(isSamordningsnummer(pnr, NOW), false);
      }),
      { numRuns: 500 },
    );
  });

  it('picks the century by the "+"/"-" rule for any clock (property)', () => {
    fc.assert(
      fc.property(
        someNow.chain((now) => fc.tuple(fc.constant(now), personBornBy(now))),
        ([now, p]) => {
          const pnr = twelve(p);
          const ten = pnr.slice(2);
          const age = now.getUTCFullYear() - p.year;
          const minus = normalizePersonnummer(withSep(ten, "-"), now);
          const plus = normalizePersonnummer(withSep(ten, "+"), now);
          if (age < 100) assert.equal(minus, pnr);
          else assert.notEqual(minus, pnr);
          if (age >= 100 && age < 200) assert.equal(plus, pnr);
          else assert.notEqual(plus, pnr);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects a wrong check digit in every form (property)", () => {
    fc.assert(
      fc.property(personBornBy(NOW), fc.integer({ min: 1, max: 9 }), fc.boolean(), (p, delta, coordination) => {
        const good = twelve(p, coordination);
        const bad = good.slice(0, -1) + String((Number(good.slice(-1)) + delta) % 10);
        for (const v of [bad, withSep(bad, "-"), bad.slice(2), withSep(bad.slice(2), "-"), withSep(bad.slice(2), "+")]) {
          assert.equal(isPersonalId(v, NOW), false, v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a samordningsnummer is a personnummer with day + 60 (property)", () => {
    fc.assert(
      fc.property(personBornBy(NOW), (p) => {
        const snr = twelve(p, true);
        assert.equal(isSamordningsnummer(snr, NOW), true);
        if (2026 - p.year < 100) assert.equal(normalizePersonalId(withSep(snr.slice(2), "-"), NOW), snr);
        assert.equal(isPersonnummer(snr, NOW), false);
        assert.equal(isPersonalId(snr, NOW), true);
        assert.equal(normalizePersonalId(withSep(snr, "-"), NOW), snr);
        assert.equal(formatPersonnummer(snr, NOW), withSep(snr, "-"));
      }),
      { numRuns: 300 },
    );
  });

  it("does not validate the sex digit", () => {
    for (const n of ["320", "321"]) {
      const ten = "640823" + n;
      assert.equal(isPersonnummer(ten + checkDigit(ten), NOW), true);
    }
  });
});

// --- organisationsnummer ---

describe("organisationsnummer", () => {
  it("accepts every valid number with or without hyphen and 16 prefix (property)", () => {
    fc.assert(
      fc.property(orgnr, (ten) => {
        for (const v of [ten, withSep(ten, "-"), "16" + ten, "16" + withSep(ten, "-")]) assert.equal(isOrgnr(v), true, v);
        for (const v of [withSep(ten, "+"), "19" + ten, "1" + ten, ten.slice(1)]) assert.equal(isOrgnr(v), false, v);
      }),
    );
  });

  it("rejects a wrong check digit (property)", () => {
    fc.assert(
      fc.property(orgnr, fc.integer({ min: 1, max: 9 }), (ten, delta) => {
        const bad = ten.slice(0, -1) + String((Number(ten.slice(-1)) + delta) % 10);
        assert.equal(isOrgnr(bad), false);
        assert.equal(isOrgnr("16" + withSep(bad, "-")), false);
      }),
    );
  });

  it("rejects digits 3-4 below 20 even with a correct check digit (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 9_999_999 }), (b, rest) => {
        const digits = pad(rest, 7);
        const nine = digits.slice(0, 2) + pad(b) + digits.slice(2);
        assert.equal(isOrgnr(nine + checkDigit(nine)), false);
      }),
    );
  });
});

// --- postnummer ---

describe("postnummer", () => {
  it("accepts five digits not starting with 0, with or without the space (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (n) => {
        const digits = pad(n, 5);
        const spaced = digits.slice(0, 3) + " " + digits.slice(3);
        const valid = digits[0] !== "0";
        assert.equal(isPostnummer(digits), valid);
        assert.equal(isPostnummer(spaced), valid);
        assert.equal(formatPostnummer(digits), valid ? spaced : null);
        if (valid) assert.equal(formatPostnummer(spaced), spaced);
      }),
    );
  });

  it("rejects other shapes", () => {
    for (const v of ["1234", "123456", "12 345", "123  45", "123-45", " 12345", "SE-12345"]) {
      assert.equal(isPostnummer(v), false, v);
    }
  });
});

// --- phone ---

describe("phone", () => {
  it("normalises written numbers to E.164 (property)", () => {
    fc.assert(
      fc.property(written, ({ nat, text }) => {
        assert.equal(normalizePhone(text), "+46" + nat.slice(1), text);
        assert.equal(isPhone(text), true);
        assert.equal(isMobile(text), /^07[02369]\d{7}$/.test(nat));
      }),
    );
  });

  it("is idempotent and only ever returns E.164 (property)", () => {
    const anyText = fc.oneof(
      written.map((w) => w.text),
      fc.string({ unit: fc.constantFrom(..."0123456789+ -()"), maxLength: 20 }),
      fc.string(),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const e164 = normalizePhone(text);
        assert.equal(isPhone(text), e164 !== null);
        if (e164 !== null) {
          assert.match(e164, /^\+46[1-9]\d{6,8}$/);
          assert.equal(normalizePhone(e164), e164);
        }
        if (isMobile(text)) assert.equal(isPhone(text), true);
      }),
      { numRuns: 500 },
    );
  });

  it("rejects numbers of the wrong length or shape", () => {
    for (const v of ["", "08123", "0812345678901", "+47 70 123 45 67", "00 8 123 45 67", "070 123 45 6x", "+46"]) {
      assert.equal(isPhone(v), false, v);
    }
  });

  it("knows the PTS mobile prefixes", () => {
    for (const p of ["070", "072", "073", "076", "079"]) assert.equal(isMobile(p + "1234567"), true, p);
    for (const p of ["071", "074", "075", "077", "078"]) assert.equal(isMobile(p + "1234567"), false, p);
    assert.equal(isMobile("07012345678"), false, "one digit too many");
  });
});

// --- the inlinable sources ---

/** Strings that exercise every format: vectors, valid and near-valid generated values, noise. */
const sampleInputs = fc.oneof(
  fc.constantFrom(
    "640823-3234", "640823-3233", "701063-2391", "212000-0142", "556036-0793", "16556036-0793",
    "123 45", "12345", "023 45", "070-123 45 67", "+46 8 123 456 78", "19640823-3234", "200101+1238",
  ),
  personBornBy(new Date()).chain((p) =>
    fc.constantFrom(twelve(p), twelve(p, true), twelve(p).slice(2), withSep(twelve(p, true).slice(2), "-")),
  ),
  orgnr.chain((ten) => fc.constantFrom(ten, "16" + withSep(ten, "-"))),
  written.map((w) => w.text),
  fc.string({ unit: fc.constantFrom(..."0123456789+- "), maxLength: 14 }),
  fc.string({ maxLength: 16 }),
);

function assertSourcesMatch(formats: Readonly<Record<SwedishFormatName, SwedishFormat>>, label: string): void {
  for (const name of SWEDISH_FORMAT_NAMES) {
    const { source, validate } = formats[name];
    assert.doesNotMatch(source, /__name|\bimport\b|\brequire\b|\bexports\b/, `${label} ${name}`);
    // A fresh realm: nothing from this module, tsx or the test is reachable.
    const inlined = vm.runInNewContext(`(${source})`) as (value: string) => boolean;
    assert.equal(typeof inlined, "function");
    fc.assert(
      fc.property(sampleInputs, (value) => {
        assert.equal(inlined(value), validate(value), `${label} ${name} ${JSON.stringify(value)}`);
      }),
      { numRuns: 300 },
    );
  }
}

describe("swedishFormats", () => {
  it("covers exactly the seven format names", () => {
    assert.deepEqual(Object.keys(swedishFormats).sort(), [...SWEDISH_FORMAT_NAMES].sort());
    assert.equal(SWEDISH_FORMAT_NAMES.length, 7);
  });

  it("validate agrees with the exported checkers", () => {
    assert.equal(swedishFormats["se-personnummer"].validate("640823-3234"), true);
    assert.equal(swedishFormats["se-samordningsnummer"].validate("701063-2391"), true);
    assert.equal(swedishFormats["se-personal-id"].validate("701063-2391"), true);
    assert.equal(swedishFormats["se-orgnr"].validate("16556036-0793"), true);
    assert.equal(swedishFormats["se-postnummer"].validate("023 45"), false);
    assert.equal(swedishFormats["se-phone"].validate("+46 8 123 456 78"), true);
    assert.equal(swedishFormats["se-mobile"].validate("+46 8 123 456 78"), false);
  });

  it("sources are self-contained and equal to validate (tsx build, property)", () => {
    assertSourcesMatch(swedishFormats, "tsx");
  });

  it("sources are self-contained and equal to validate (tsc build, property)", async () => {
    const file = new URL("../src/formats/swedish.ts", import.meta.url);
    const { outputText } = ts.transpileModule(await readFile(file, "utf8"), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
    });
    const dir = await mkdtemp(join(tmpdir(), "eservice-formats-"));
    try {
      const out = join(dir, "swedish.mjs");
      await writeFile(out, outputText);
      const compiled = (await import(pathToFileURL(out).href)) as { swedishFormats: Record<SwedishFormatName, SwedishFormat> };
      assertSourcesMatch(compiled.swedishFormats, "tsc");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
