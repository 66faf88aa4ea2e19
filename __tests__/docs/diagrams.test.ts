import * as fs from "node:fs";
import * as path from "node:path";
import { parseMermaid } from "../overview/mermaid";

const ROOT = path.join(__dirname, "../..");
const files = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** The body of every ```mermaid fence in a Markdown file. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

describe("the docs' diagrams", () => {
  it("the README draws the architecture as a flowchart", () => {
    const blocks = mermaidBlocks(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
    expect(parseMermaid(blocks)).toStrictEqual([{ ok: true, type: "flowchart-v2" }]);
  });

  it("every Mermaid block in README.md and docs/ parses with Mermaid's own parser", () => {
    const blocks = files.flatMap((file) => mermaidBlocks(fs.readFileSync(path.join(ROOT, file), "utf8")).map((source) => ({ file, source })));
    const failed = parseMermaid(blocks.map((b) => b.source))
      .map((result, i) => ({ file: blocks[i].file, result }))
      .filter(({ result }) => !result.ok);
    expect(failed).toStrictEqual([]);
  });
});
