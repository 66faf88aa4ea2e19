/**
 * Spark's rlike compiles a pattern with java.util.regex.Pattern, not JavaScript's engine. The
 * pattern is parsed as ECMAScript (regexpp) and every construct Java rejects, or reads differently,
 * is reported. Java-only syntax (possessive quantifiers, atomic groups, \Q..\E, \p{Alpha}) is
 * rejected too, except leading inline flags such as (?i): the check stays conservative, so an
 * accepted pattern compiles in Java and means what it means in JavaScript.
 */
import { RegExpParser, visitRegExpAST } from "@eslint-community/regexpp";
import type { Backreference, CapturingGroup, Character, CharacterClass } from "@eslint-community/regexpp/ast";

/** Why one pattern is not Java-safe, with the 0-based offset of the construct. */
export interface JavaRegexProblem {
  readonly offset: number;
  readonly message: string;
}

const parser = new RegExpParser({ ecmaVersion: 2025 });
/** Inline flags Java reads at the start of a pattern; JavaScript has no inline flags. */
const LEADING_FLAGS = /^\(\?[imsux]+\)/;
/** JavaScript escapes of letters with the same meaning in Java. */
const SAME_ESCAPES = new Set(["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\b", "\\B", "\\t", "\\n", "\\r", "\\f"]);
/** A name Java accepts for a named group: an ASCII letter, then ASCII letters and digits. */
const JAVA_GROUP_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

function characterProblem(c: Character): string | null {
  if (c.raw === "{") return "a lone '{' is a quantifier in Java (PatternSyntaxException: Illegal repetition); escape it as \\{";
  if (c.raw === "\\v") return "\\v is a vertical tab in JavaScript but any vertical whitespace in Java; write \\x0B";
  if (c.raw === "\\0") return "\\0 is NUL in JavaScript but starts an octal escape in Java; write \\x00";
  if (/^\\[89]$/.test(c.raw)) return `${c.raw} is a back-reference in Java but the digit ${c.raw[1]} in JavaScript; write ${c.raw[1]}`;
  if (/^\\[1-9]\d*$/.test(c.raw)) return `${c.raw} is a back-reference in Java but a character in JavaScript; write \\x${c.value.toString(16).padStart(2, "0")}`;
  if (/^\\[0-7]{2,3}$/.test(c.raw)) return `${c.raw} is an octal escape only JavaScript reads; write \\x${c.value.toString(16).padStart(2, "0")}`;
  if (/^\\u\{/.test(c.raw)) return "\\u{...} is not a Java escape; write \\x{...}";
  if (/^\\[A-Za-z]$/.test(c.raw) && !SAME_ESCAPES.has(c.raw)) {
    return `${c.raw} means the letter ${c.raw[1]} in JavaScript but is a Java escape or an error; write ${c.raw[1]}`;
  }
  if (c.parent.type === "CharacterClass" && (c.raw === "[" || c.raw === "&")) {
    return c.raw === "["
      ? "an unescaped '[' inside a character class opens a nested class in Java; escape it as \\["
      : "'&' inside a character class may form Java's && intersection; escape it as \\&";
  }
  return null;
}

/**
 * The first construct of `pattern` that Java's Pattern rejects or reads differently (one root
 * cause, one message); null when the pattern is safe.
 */
export function javaRegexProblem(pattern: string): JavaRegexProblem | null {
  return javaRegexProblems(pattern)[0] ?? null;
}

function javaRegexProblems(pattern: string): JavaRegexProblem[] {
  const flags = LEADING_FLAGS.exec(pattern)?.[0].length ?? 0;
  let ast;
  try {
    ast = parser.parsePattern(pattern, flags, pattern.length, { unicode: false });
  } catch (error) {
    const index = (error as { index?: number }).index ?? 0;
    return [{ offset: index, message: (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "") }];
  }
  const problems: JavaRegexProblem[] = [];
  const add = (node: { start: number }, message: string) => problems.push({ offset: node.start, message });
  visitRegExpAST(ast, {
    onCharacterEnter: (c: Character) => {
      const message = characterProblem(c);
      if (message) add(c, message);
    },
    onCharacterClassEnter: (c: CharacterClass) => {
      if (c.elements.length === 0) add(c, c.negate ? "[^] (any character) is an error in Java; write [\\s\\S]" : "[] (never matches) is an error in Java");
    },
    onCapturingGroupEnter: (g: CapturingGroup) => {
      if (g.name !== null && !JAVA_GROUP_NAME.test(g.name)) add(g, `Java group names are an ASCII letter then letters and digits; "${g.name}" is not`);
    },
    onBackreferenceEnter: (b: Backreference) => {
      if (/^\\k/.test(b.raw) && !/^\\k<[A-Za-z][A-Za-z0-9]*>$/.test(b.raw)) add(b, `Java cannot refer to the group in ${b.raw}`);
    },
  });
  return problems;
}
