import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { brokenLinks, headingAnchors, relativeLinks } from "./markdown-links";

const ROOT = path.join(__dirname, "../..");
const DOCS = path.join(ROOT, "docs");
const files = [path.join(ROOT, "README.md"), ...fs.readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => path.join(DOCS, f))];

describe("the README and docs/ link only to what exists", () => {
  it.each(files.map((f) => [path.relative(ROOT, f), f]))("%s", (_name, file) => {
    expect(brokenLinks(file)).toStrictEqual([]);
  });

  it("the README links to every page of docs/", () => {
    const linked = relativeLinks(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).map((l) => l.target.split("#")[0]);
    const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
    expect(pages.filter((p) => !linked.includes(p))).toStrictEqual([]);
  });
});

describe("the link checker", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "links-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("makes GitHub's anchors, numbering repeated headings", () => {
    expect([...headingAnchors("# Safe deploys (CI/CD)\n## The `runtime/` package\n## Notes\n## Notes\n```\n# not a heading\n```")]).toStrictEqual([
      "safe-deploys-cicd",
      "the-runtime-package",
      "notes",
      "notes-1",
    ]);
  });

  it("finds relative links outside code, skipping URLs", () => {
    const markdown = "[a](docs/x.md) [b](https://example.com/y) `[c](z.md)`\n```\n[d](w.md)\n```\n[e](#top \"title\")";
    expect(relativeLinks(markdown)).toStrictEqual([
      { line: 1, target: "docs/x.md" },
      { line: 5, target: "#top" },
    ]);
  });

  it("reports a missing file, a missing anchor and nothing for good links", () => {
    fs.writeFileSync(path.join(dir, "target.md"), "# Target\n## Good part\n");
    fs.mkdirSync(path.join(dir, "folder"), { recursive: true });
    const page = path.join(dir, "page.md");
    fs.writeFileSync(page, "# Page\n[ok](target.md#good-part) [dir](folder) [self](#page)\n[gone](missing.md)\n[bad](target.md#nope)\n");
    expect(brokenLinks(page)).toStrictEqual([
      `${page}:3: missing.md: no such file or folder`,
      `${page}:4: target.md#nope: no heading in target.md makes #nope`,
    ]);
  });
});
