import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  addWorkingDays,
  expectedBy,
  isSwedishPublicHoliday,
  isWorkingDay,
  stockholmDate,
  swedishPublicHolidays,
} from "../src/calendar/index.js";

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

const names = [
  "Nyårsdagen",
  "Trettondedag jul",
  "Långfredagen",
  "Påskdagen",
  "Annandag påsk",
  "Första maj",
  "Kristi himmelsfärdsdag",
  "Sveriges nationaldag",
  "Pingstdagen",
  "Midsommardagen",
  "Alla helgons dag",
  "Juldagen",
  "Annandag jul",
];

describe("swedishPublicHolidays", () => {
  it("lists 2025 (Pingst after nationaldagen)", () => {
    const expected: [string, string][] = [
      ["2025-01-01", "Nyårsdagen"],
      ["2025-01-06", "Trettondedag jul"],
      ["2025-04-18", "Långfredagen"],
      ["2025-04-20", "Påskdagen"],
      ["2025-04-21", "Annandag påsk"],
      ["2025-05-01", "Första maj"],
      ["2025-05-29", "Kristi himmelsfärdsdag"],
      ["2025-06-06", "Sveriges nationaldag"],
      ["2025-06-08", "Pingstdagen"],
      ["2025-06-21", "Midsommardagen"],
      ["2025-11-01", "Alla helgons dag"],
      ["2025-12-25", "Juldagen"],
      ["2025-12-26", "Annandag jul"],
    ];
    assert.deepEqual(swedishPublicHolidays(2025).map((h) => [h.date, h.name.sv]), expected);
  });

  it("lists 2026", () => {
    const dates = [
      "2026-01-01", "2026-01-06", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14",
      "2026-05-24", "2026-06-06", "2026-06-20", "2026-10-31", "2026-12-25", "2026-12-26",
    ];
    const list = swedishPublicHolidays(2026);
    assert.deepEqual(list.map((h) => h.date), dates);
    const byName = new Map(list.map((h) => [h.name.sv, h.date]));
    assert.equal(byName.get("Påskdagen"), "2026-04-05");
    assert.equal(byName.get("Midsommardagen"), "2026-06-20");
    assert.equal(byName.get("Kristi himmelsfärdsdag"), "2026-05-14");
    assert.equal(byName.get("Alla helgons dag"), "2026-10-31");
  });

  it("lists 2027 (early Easter, late midsommar and alla helgon)", () => {
    assert.deepEqual(swedishPublicHolidays(2027).map((h) => h.date), [
      "2027-01-01", "2027-01-06", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01", "2027-05-06",
      "2027-05-16", "2027-06-06", "2027-06-26", "2027-11-06", "2027-12-25", "2027-12-26",
    ]);
  });

  it("names every holiday in Swedish and English", () => {
    const list = swedishPublicHolidays(2026);
    assert.deepEqual(new Set(list.map((h) => h.name.sv)), new Set(names));
    assert.deepEqual(
      list.find((h) => h.name.sv === "Långfredagen")?.name,
      { sv: "Långfredagen", en: "Good Friday" },
    );
    for (const h of list) assert.ok(h.name.en.length > 0);
  });

  it("finds Easter by the Gregorian computus (known dates)", () => {
    const easter: Record<number, string> = {
      1818: "03-22", 1943: "04-25", 2000: "04-23", 2008: "03-23", 2011: "04-24", 2019: "04-21", 2038: "04-25", 2285: "03-22",
    };
    for (const [year, mmdd] of Object.entries(easter)) {
      const found = swedishPublicHolidays(Number(year)).find((h) => h.name.sv === "Påskdagen");
      assert.equal(found?.date, `${year}-${mmdd}`);
    }
  });

  it("keeps both entries when Ascension falls on 1 May (2008)", () => {
    const may1 = swedishPublicHolidays(2008).filter((h) => h.date === "2008-05-01");
    assert.equal(may1.length, 2);
  });

  it("returns a fresh array each time", () => {
    const list = swedishPublicHolidays(2026);
    list.pop();
    assert.equal(swedishPublicHolidays(2026).length, 13);
  });

  it("puts each movable holiday on its weekday and in its window (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 4000 }), (year) => {
        const list = swedishPublicHolidays(year);
        assert.equal(list.length, 13);
        const dates = list.map((h) => h.date);
        assert.deepEqual([...dates].sort(), dates, "sorted");
        const get = (sv: string): string => list.find((h) => h.name.sv === sv)!.date;
        const easter = get("Påskdagen");
        assert.ok(easter >= `${year}-03-22` && easter <= `${year}-04-25`, easter);
        assert.equal(weekday(easter), 0);
        const offset = (sv: string): number => (Date.parse(get(sv)) - Date.parse(easter)) / DAY_MS;
        assert.equal(offset("Långfredagen"), -2);
        assert.equal(offset("Annandag påsk"), 1);
        assert.equal(offset("Kristi himmelsfärdsdag"), 39);
        assert.equal(offset("Pingstdagen"), 49);
        const midsummer = get("Midsommardagen");
        assert.equal(weekday(midsummer), 6);
        assert.ok(midsummer >= `${year}-06-20` && midsummer <= `${year}-06-26`);
        const allSaints = get("Alla helgons dag");
        assert.equal(weekday(allSaints), 6);
        assert.ok(allSaints >= `${year}-10-31` && allSaints <= `${year}-11-06`);
      }),
    );
  });

  it("rejects unsupported years", () => {
    assert.throws(() => swedishPublicHolidays(2026.5), RangeError);
    assert.throws(() => swedishPublicHolidays(1500), RangeError);
  });
});

describe("isSwedishPublicHoliday and isWorkingDay", () => {
  it("knows holidays, eves, weekends and ordinary days", () => {
    assert.equal(isSwedishPublicHoliday("2026-06-06"), true);
    assert.equal(isSwedishPublicHoliday("2026-06-19"), false, "midsommarafton is not a public holiday");
    assert.equal(isSwedishPublicHoliday("2026-06-07"), false, "an ordinary Sunday is not listed");

    assert.equal(isWorkingDay("2026-04-02"), true, "skärtorsdag is a working day");
    assert.equal(isWorkingDay("2026-04-03"), false, "långfredagen");
    assert.equal(isWorkingDay("2026-04-06"), false, "annandag påsk");
    assert.equal(isWorkingDay("2026-05-14"), false, "Kristi himmelsfärdsdag");
    assert.equal(isWorkingDay("2026-05-15"), true, "the day after (klämdag) still counts");
    assert.equal(isWorkingDay("2026-06-19"), false, "midsommarafton: offices closed");
    assert.equal(isWorkingDay("2026-12-24"), false, "julafton: offices closed");
    assert.equal(isWorkingDay("2026-12-31"), false, "nyårsafton: offices closed");
    assert.equal(isWorkingDay("2026-03-14"), false, "Saturday");
    assert.equal(isWorkingDay("2026-03-15"), false, "Sunday");
    assert.equal(isWorkingDay("2026-03-16"), true, "Monday");
  });

  it("rejects anything but a real YYYY-MM-DD date", () => {
    for (const bad of ["2026-02-30", "2026-2-3", "20260203", "2026-13-01", "", "2026-02-03T00:00"]) {
      assert.throws(() => isWorkingDay(bad), RangeError, bad);
      assert.throws(() => isSwedishPublicHoliday(bad), RangeError, bad);
    }
  });
});

describe("addWorkingDays", () => {
  it("skips the Easter weekend", () => {
    assert.equal(addWorkingDays("2026-04-02", 1), "2026-04-07");
    assert.equal(addWorkingDays("2026-04-01", 2), "2026-04-07");
  });

  it("skips Christmas and New Year, including the eves", () => {
    assert.equal(addWorkingDays("2026-12-23", 1), "2026-12-28");
    assert.equal(addWorkingDays("2026-12-23", 4), "2027-01-04");
    assert.equal(addWorkingDays("2026-12-30", 1), "2027-01-04");
    assert.equal(addWorkingDays("2027-01-05", 1), "2027-01-07", "trettondedag jul");
  });

  it("skips a weekend and does not count the start day", () => {
    assert.equal(addWorkingDays("2026-03-13", 1), "2026-03-16");
    assert.equal(addWorkingDays("2026-03-14", 1), "2026-03-16", "from a Saturday");
    assert.equal(addWorkingDays("2026-03-16", 5), "2026-03-23");
    assert.equal(addWorkingDays("2026-03-14", 0), "2026-03-14");
  });

  it("rejects negative or fractional day counts and bad dates", () => {
    assert.throws(() => addWorkingDays("2026-03-13", -1), RangeError);
    assert.throws(() => addWorkingDays("2026-03-13", 1.5), RangeError);
    assert.throws(() => addWorkingDays("2026-03-32", 1), RangeError);
  });

  it("lands on a working day, n working days later (property)", () => {
    const start = fc.integer({ min: Date.UTC(2000, 0, 1) / DAY_MS, max: Date.UTC(2099, 11, 31) / DAY_MS }).map((d) => iso(d * DAY_MS));
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 60 }), (from, n) => {
        const to = addWorkingDays(from, n);
        if (n === 0) return assert.equal(to, from);
        assert.ok(to > from);
        assert.equal(isWorkingDay(to), true, to);
        let count = 0;
        for (let ms = Date.parse(from) + DAY_MS; ms <= Date.parse(to); ms += DAY_MS) {
          if (isWorkingDay(iso(ms))) count++;
        }
        assert.equal(count, n);
      }),
      { numRuns: 300 },
    );
  });
});

describe("stockholmDate and expectedBy", () => {
  it("turns the date at Stockholm midnight in summer time (UTC+2)", () => {
    assert.equal(stockholmDate(new Date("2026-06-30T21:59:59Z")), "2026-06-30");
    assert.equal(stockholmDate(new Date("2026-06-30T22:00:00Z")), "2026-07-01");
    assert.equal(stockholmDate(new Date("2026-07-01T00:00:00Z")), "2026-07-01");
  });

  it("turns the date at Stockholm midnight in winter time (UTC+1)", () => {
    assert.equal(stockholmDate(new Date("2026-01-10T22:59:59Z")), "2026-01-10");
    assert.equal(stockholmDate(new Date("2026-01-10T23:00:00Z")), "2026-01-11");
    assert.equal(stockholmDate(new Date("2026-12-31T23:30:00Z")), "2027-01-01");
  });

  it("rejects an invalid Date", () => {
    assert.throws(() => stockholmDate(new Date(NaN)), RangeError);
  });

  it("counts from the submission day in Stockholm", () => {
    // Monday 23:30 UTC is already Tuesday 00:30 in Stockholm (winter time).
    assert.equal(expectedBy(new Date("2026-03-16T22:30:00Z"), 1), "2026-03-17");
    assert.equal(expectedBy(new Date("2026-03-16T23:30:00Z"), 1), "2026-03-18");
    assert.equal(expectedBy(new Date("2026-03-16T23:30:00Z"), 0), "2026-03-17");
    assert.equal(expectedBy(new Date("2026-04-02T12:00:00Z"), 1), "2026-04-07", "over Easter");
    assert.equal(expectedBy(new Date("2026-12-31T23:30:00Z"), 1), "2027-01-04");
    assert.equal(expectedBy(new Date("2026-03-13T10:00:00Z"), 10), "2026-03-27");
  });
});
