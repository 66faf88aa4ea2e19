/**
 * The relative links of a Markdown file and whether each resolves: the file or folder exists and,
 * for a `#anchor`, a heading of the target file produces that anchor as GitHub renders it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface Link {
  line: number;
  target: string;
}

/** Removes fenced code blocks and inline code, keeping line numbers. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line.replace(/`[^`]*`/g, "");
  });
}

/** Every `[text](target)` whose target is not an absolute URL. */
export function relativeLinks(markdown: string): Link[] {
  const links: Link[] = [];
  prose(markdown).forEach((text, index) => {
    for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1];
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ line: index + 1, target });
    }
  });
  return links;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** What is wrong with each link of `file` that does not resolve, as `file:line: target: why`. */
export function brokenLinks(file: string): string[] {
  const problems: string[] = [];
  for (const { line, target } of relativeLinks(fs.readFileSync(file, "utf8"))) {
    const [pathPart, anchor] = target.split("#", 2);
    const resolved = pathPart === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    const where = `${file}:${line}: ${target}`;
    if (!fs.existsSync(resolved)) {
      problems.push(`${where}: no such file or folder`);
    } else if (anchor !== undefined && resolved.endsWith(".md") && !headingAnchors(fs.readFileSync(resolved, "utf8")).has(anchor)) {
      problems.push(`${where}: no heading in ${path.basename(resolved)} makes #${anchor}`);
    }
  }
  return problems;
}
