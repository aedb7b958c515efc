import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, neutraliseFormulas, toCsv } from "./csv";

const withoutBom = (csv: string) => {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  return csv.slice(CSV_BOM.length);
};

describe("toCsv", () => {
  it("[EXPORT] starts with a UTF-8 byte order mark so Excel reads accents", () => {
    expect(toCsv([["Zoë", "Łódź"]])).toBe(`${CSV_BOM}"Zoë","Łódź"\r\n`);
  });

  it("[EXPORT] quotes every text cell, doubles quotes, keeps line breaks inside the cell, ends lines with CRLF", () => {
    expect(
      withoutBom(
        toCsv([
          ["name", "comment"],
          ['Ana "A"', "good, clear\nwork"],
        ]),
      ),
    ).toBe('"name","comment"\r\n"Ana ""A""","good, clear\nwork"\r\n');
  });

  it("[EXPORT] numbers and empty cells are written as they are", () => {
    expect(withoutBom(toCsv([[-5, null, 3.5, "plain"]]))).toBe('-5,,3.5,"plain"\r\n');
  });

  it("[EXPORT] a semicolon inside a cell never splits it: the cell is quoted", () => {
    expect(withoutBom(toCsv([["a;b", "c"]]))).toBe('"a;b","c"\r\n');
  });
});

describe("neutraliseFormulas", () => {
  it.each(["=SUM(A1:A2)", "+1", "-2+3", "@cmd", "\tx", "\rx"])("[EXPORT] %j at the start is neutralised", (text) => {
    expect(neutraliseFormulas(text)).toBe(`'${text}`);
  });

  it.each([
    ["ok;=1+2", "ok;'=1+2"],
    ["ok,=1+2", "ok,'=1+2"],
    ["ok|@SUM(1)", "ok|'@SUM(1)"],
    ["a\t-1", "a\t'-1"],
    ["line\n=cmd()", "line\n'=cmd()"],
    ["ok; =1+2", "ok; '=1+2"],
    ["=A1;+B1;-C1", "'=A1;'+B1;'-C1"],
  ])("[EXPORT] %j: a formula start after a separator is neutralised too (%j)", (text, expected) => {
    expect(neutraliseFormulas(text)).toBe(expected);
  });

  it.each(["plain text", "2 - 1 = 1", "email@example.org", "a-b", "x=y", "semi; colon", "Zoë — “quoted”"])(
    "[EXPORT] %j has no formula start and stays as it is",
    (text) => {
      expect(neutraliseFormulas(text)).toBe(text);
    },
  );

  it("[EXPORT] a neutralised cell is still quoted whole", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("ok;=1+2")).toBe(`"ok;'=1+2"`);
  });
});
