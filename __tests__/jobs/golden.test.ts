/**
 * The generated notebooks, byte for byte, against __tests__/jobs/__golden__: the example platform's, and
 * (under variants/) those of a dataset covering the branches the example does not render. The
 * notebooks are configuration and one runtime call, so a change shows up as a diff of data.
 * UPDATE_GOLDEN=1 rewrites the files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { planPipeline } from "../../jobs";
import type { PipelineTask } from "../../jobs/plan";
import { platform } from "../fixtures/platform";
import { VARIANT_TASKS, variants } from "../fixtures/variants";

const GOLDEN = path.join(__dirname, "__golden__");
const sets: Array<[string, string, PipelineTask[]]> = [
  ["the example platform", GOLDEN, [...planPipeline(platform).tasks]],
  ["the variants", path.join(GOLDEN, "variants"), planPipeline(variants).tasks.filter((t) => VARIANT_TASKS.includes(t.taskKey))],
];

if (process.env.UPDATE_GOLDEN === "1") {
  for (const [, dir, tasks] of sets) {
    // Only the notebooks: the folder also holds other golden files (governance.sql).
    fs.mkdirSync(dir, { recursive: true });
    for (const stale of fs.readdirSync(dir).filter((f) => f.endsWith(".py"))) fs.rmSync(path.join(dir, stale));
    for (const task of tasks) fs.writeFileSync(path.join(dir, task.fileName), task.source);
  }
}

describe.each(sets)("golden notebooks of %s", (_, dir, tasks) => {
  it("has exactly one golden file per task", () => {
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".py")).sort()).toStrictEqual(tasks.map((t) => t.fileName).sort());
  });

  it.each(tasks.map((t) => [t.fileName, t] as const))("%s matches its golden file", (fileName, task) => {
    expect(task.source).toBe(fs.readFileSync(path.join(dir, fileName), "utf8"));
  });
});
