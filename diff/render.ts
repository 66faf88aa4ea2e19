import { type Change, EVERY_ENVIRONMENT } from "./change";

/** The lines of a diff, weakening changes first: "⚠️ scope: line" or "scope: line". */
export function diffLines(changes: readonly Change[]): string[] {
  const ordered = [...changes.filter((c) => c.weakens), ...changes.filter((c) => !c.weakens)];
  return ordered.map((c) => `${c.weakens ? "⚠️ " : ""}${c.scope}: ${c.line}`);
}

/** Markdown for the pull request: weakening changes under a warning heading, then per environment. */
export function renderDiff(changes: readonly Change[], base: string, head: string): string {
  const lines = [`## Platform diff: \`${base}\` -> \`${head}\``, ""];
  if (changes.length === 0) return `${[...lines, "No change to the platform's datasets, access, gold, environments or stateful resources."].join("\n")}\n`;
  const weakening = changes.filter((c) => c.weakens);
  if (weakening.length > 0) {
    lines.push("### ⚠️ Weakens governance or data safety", "");
    for (const c of weakening) lines.push(`- **${c.scope}**: ${c.line}`);
    lines.push("");
  }
  const scopes = [...new Set(changes.map((c) => c.scope))].sort((a, b) => (a === EVERY_ENVIRONMENT ? -1 : b === EVERY_ENVIRONMENT ? 1 : a.localeCompare(b)));
  for (const scope of scopes) {
    const rest = changes.filter((c) => c.scope === scope && !c.weakens);
    if (rest.length === 0) continue;
    lines.push(`### ${scope === EVERY_ENVIRONMENT ? "Every environment" : scope}`, "");
    for (const c of rest) lines.push(`- ${c.line}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
