/** The consultation export formats (parsed back as a spreadsheet would read them) and the one date style. */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { toCsv, toXlsx, type ExportTable } from "../../app/modules/consultations/analysis.server";
import { formatDate, formatDateTime, formatDay, formatPeriod, formatTime } from "../../app/lib/dates";

const submitted = new Date("2027-06-10T16:30:00Z"); // 5:30pm in London (BST)
const table: ExportTable = {
  title: "Riverside park: £40,000 play area",
  header: ["Reference", "Submitted", "Locality", "Consent to publish", "How many visits?", "When do you use the park?: Weekends", "When do you use the park?: Evenings", "Comments"],
  kinds: ["text", "date", "text", "text", "number", "text", "text", "text"],
  rows: [
    ["C1-AAAA-BBBB", submitted, "Riverside", "Yes, publish it without my name", 8, "Yes", "", "=HYPERLINK(\"x\") it’s £5"],
    ["C1-CCCC-DDDD", submitted, "Not known", "No, do not publish it", 2.5, "", "Yes", ""],
  ],
  summary: { responses: 2, exportedAt: submitted, questions: [{ prompt: "When do you use the park?", counts: [{ label: "Weekends", count: 1 }, { label: "Evenings", count: 1 }] }] },
};

describe("CSV export", () => {
  it("starts with a UTF-8 byte-order mark, keeps readable labels and neutralises formulas", () => {
    const csv = toCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(table.header);
    expect(parsed[1]).toEqual(["C1-AAAA-BBBB", "2027-06-10 17:30", "Riverside", "Yes, publish it without my name", "8", "Yes", "", "'=HYPERLINK(\"x\") it’s £5"]);
    expect(parsed[2]![3]).toBe("No, do not publish it");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe("XLSX export", () => {
  it("has numbers as numbers, dates as dates, a frozen filterable header and a summary sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Responses")!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:H1");
    expect(sheet.getRow(1).getCell(6).value).toBe("When do you use the park?: Weekends");
    expect(sheet.getRow(2).getCell(5).value).toBe(8);
    expect(sheet.getRow(3).getCell(5).value).toBe(2.5);
    const when = sheet.getRow(2).getCell(2);
    expect(when.value).toBeInstanceOf(Date);
    expect((when.value as Date).toISOString()).toBe("2027-06-10T17:30:00.000Z"); // the London wall-clock time
    expect(when.numFmt).toBe("d mmmm yyyy h:mm");
    expect(sheet.getRow(2).getCell(8).value).toBe("'=HYPERLINK(\"x\") it’s £5");
    const summary = workbook.getWorksheet("Summary")!;
    expect(summary.getRow(1).getCell(2).value).toBe("Riverside park: £40,000 play area");
    expect(summary.getRow(2).getCell(2).value).toBe(2);
    const rows = summary.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(["Weekends", 1]);
  });
});

describe("dates shown to people", () => {
  it("uses GOV.UK style in UK time", () => {
    expect(formatDate("2027-01-10")).toBe("10 January 2027");
    expect(formatDate(new Date("2027-01-10T23:30:00Z"))).toBe("10 January 2027");
    expect(formatDate(new Date("2027-06-10T23:30:00Z"))).toBe("11 June 2027"); // BST
    expect(formatDate(null)).toBe("not set");
    expect(formatDay(new Date(2027, 0, 5))).toBe("5 January 2027");
    expect(formatTime(new Date("2027-01-10T17:30:00Z"))).toBe("5:30pm");
    expect(formatTime(new Date("2027-06-10T08:00:00Z"))).toBe("9am");
    expect(formatTime(new Date("2027-01-10T12:00:00Z"))).toBe("midday");
    expect(formatTime(new Date("2027-01-10T00:00:00Z"))).toBe("midnight");
    expect(formatDateTime("2027-01-10T17:30:00Z")).toBe("5:30pm on 10 January 2027");
    expect(formatPeriod("2027-01-10", "2027-02-05")).toBe("10 January 2027 to 5 February 2027");
    expect(formatPeriod("2027-01-10", "2027-01-10")).toBe("10 January 2027");
    for (const shown of [formatDate("2027-01-10"), formatDateTime(new Date()), formatPeriod("2027-01-10", "2027-03-01")]) expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
