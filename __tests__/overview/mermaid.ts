import { execFileSync } from "node:child_process";
import * as path from "node:path";

export type ParseResult = { ok: true; type: string } | { ok: false; error: string };

/** Parses each diagram with the real Mermaid parser (in a Node child process, see parse-mermaid.mjs). */
export function parseMermaid(diagrams: ReadonlyArray<string>): ParseResult[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, "parse-mermaid.mjs")], { input: JSON.stringify(diagrams), encoding: "utf8" });
  return JSON.parse(out) as ParseResult[];
}
