import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { javaRegexProblem } from "../../platform/syntax/java-regex";

/**
 * The checker against the real java.util.regex.Pattern (java 17, a precondition of npm test): each
 * pattern with sample strings. "same" patterns compile in Java and match exactly what they match in
 * JavaScript; "java-error" ones do not compile in Java; "differs" ones compile in both but match
 * differently (many are Java syntax JavaScript reads as plain letters); "java-only" ones are Java
 * syntax JavaScript rejects, which the checker rejects too, to stay conservative.
 */
type Verdict = "same" | "java-error" | "differs" | "java-only";
const corpus: Array<[string, Verdict, string[]]> = [
  ["^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", "same", ["a@b.nl", "a b@c.nl", "x@y"]],
  ["^[A-Z]{2}\\d{2}[A-Z0-9]{4}\\d{7}([A-Z0-9]?){0,16}$", "same", ["NL91ABNA0417164300", "nl91"]],
  ["^\\d{4}-\\d{2}-\\d{2}$", "same", ["2024-01-31", "2024-1-31"]],
  ["(?<year>\\d{4})-\\k<year>", "same", ["2024-2024", "2024-2025"]],
  ["(a|b)\\1", "same", ["aa", "ab"]],
  ["(?<=\\$)\\d+", "same", ["$12", "12"]],
  ["(?<!x)y", "same", ["ay", "xy"]],
  ["a(?=b)", "same", ["ab", "ac"]],
  ["(?i)^abc$", "same", ["ABC", "abd"]],
  ["\\x41\\u0042", "same", ["AB", "ab"]],
  ["[\\w.-]+", "same", ["a.b-c", "!!"]],
  ["^\\s*$", "same", ["  ", " a "]],
  ["a{2,3}?b", "same", ["aab", "ab"]],
  ["\\bword\\b", "same", ["a word here", "swordfish"]],
  ["[\\[\\]]", "same", ["[", "a"]],
  ["\\{x\\}", "same", ["{x}", "x"]],
  ["a{", "java-error", ["a{"]],
  ["x{,3}", "java-error", ["x{,3}"]],
  ["[^]", "java-error", ["a"]],
  ["[]a]", "differs", ["a", "]"]],
  ["\\0", "java-error", ["\u0000"]],
  ["\\8", "differs", ["8"]],
  ["\\y", "java-error", ["y"]],
  ["\\g", "java-error", ["g"]],
  ["(?<my_name>x)", "java-error", ["x"]],
  ["(?<=a+)b", "same", ["aab"]],
  ["(?<=a*)b", "same", ["b", "c"]],
  ["[[a]", "java-error", ["[", "a"]],
  ["\\u{41}", "java-error", ["A", "uuuuu"]],
  ["\\v", "differs", ["\u000b", "\n"]],
  ["\\a", "differs", ["a", "\u0007"]],
  ["\\e", "differs", ["e", "\u001b"]],
  ["\\h", "differs", ["h", " "]],
  ["\\R", "differs", ["R", "\n"]],
  ["\\Z", "differs", ["Z", "x"]],
  ["[a&&b]", "differs", ["&", "a"]],
  ["(x)\\2", "differs", ["x\u0002", "x"]],
  ["\\101", "differs", ["A", "A1"]],
  ["a*+", "java-only", ["aaa"]],
  ["(?>ab)", "java-only", ["ab"]],
  ["\\p{Alpha}+", "differs", ["abc"]],
  ["\\Q.*\\E", "differs", [".*"]],
  ["\\Aab\\z", "differs", ["ab"]],
];

const escapeSample = (s: string) => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t");

function oracle(): string[] {
  const input = corpus.map(([pattern, , samples]) => [pattern, ...samples.map(escapeSample)].join("\t")).join("\n") + "\n";
  const out = execFileSync("java", [path.join(__dirname, "java", "RegexOracle.java")], { input, encoding: "utf8" });
  return out.trimEnd().split("\n");
}

function jsMatches(pattern: string, samples: string[]): string | null {
  const flags = /^\(\?i\)/.test(pattern) ? "i" : "";
  try {
    const re = new RegExp(pattern.replace(/^\(\?i\)/, ""), flags);
    return samples.map((s) => (re.test(s) ? "1" : "0")).join("");
  } catch {
    return null;
  }
}

describe("Java regex dialect check", () => {
  const java = oracle();

  it.each(corpus.map((c, i) => [...c, i] as const))("classifies %j as %s, as java.util.regex.Pattern does", (pattern, verdict, samples, i) => {
    const javaResult = java[i];
    const js = jsMatches(pattern, samples);
    const observed: Verdict = javaResult === "error" ? "java-error" : js === null ? "java-only" : js === javaResult ? "same" : "differs";
    expect(observed).toBe(verdict);
    expect(javaRegexProblem(pattern) === null).toBe(verdict === "same");
  });

  it("points at the offending construct", () => {
    expect(javaRegexProblem("ab[^]")).toStrictEqual({ offset: 2, message: "[^] (any character) is an error in Java; write [\\s\\S]" });
  });
});
