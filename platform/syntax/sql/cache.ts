/**
 * Fragments known to parse, kept across runs in node_modules/.cache (as eslint and babel keep
 * theirs): the Spark grammar takes about a second to load and warm up, and a synth whose SQL has
 * not changed then never loads it. Only successes are kept, so an error is always re-parsed and
 * reported in full. Keyed by the parser's version; any I/O failure just means no cache.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const FILE = path.join(process.cwd(), "node_modules", ".cache", "lakehouse-as-code", "sql-fragments.json");

function parserVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("dt-sql-parser/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
}

let known: Set<string> | undefined;
let version: string | undefined;
let dirty = false;

function load(): Set<string> {
  if (known) return known;
  version = parserVersion();
  known = new Set();
  try {
    const stored = JSON.parse(fs.readFileSync(FILE, "utf8")) as { version?: string; fragments?: string[] };
    if (stored.version === version && Array.isArray(stored.fragments)) known = new Set(stored.fragments);
  } catch {
    // no cache yet
  }
  return known;
}

function save(): void {
  try {
    fs.mkdirSync(path.dirname(FILE), { recursive: true });
    const tmp = `${FILE}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify({ version, fragments: [...load()] }));
    fs.renameSync(tmp, FILE);
  } catch {
    // a read-only tree just runs without the cache
  }
}

export const isKnownValid = (key: string) => load().has(key);

export function rememberValid(key: string): void {
  load().add(key);
  if (!dirty) process.once("exit", save);
  dirty = true;
}
