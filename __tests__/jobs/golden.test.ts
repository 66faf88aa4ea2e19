/**
 * The example platform's notebooks, byte for byte, against jobs/__golden__. A change to an emitter
 * shows up as a reviewable diff of the generated Python; UPDATE_GOLDEN=1 rewrites the files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { planPipeline } from "../../jobs";
import { platform } from "../fixtures/platform";

const GOLDEN = path.join(__dirname, "..", "..", "jobs", "__golden__");
const plan = planPipeline(platform);

if (process.env.UPDATE_GOLDEN === "1") {
  fs.rmSync(GOLDEN, { recursive: true, force: true });
  fs.mkdirSync(GOLDEN, { recursive: true });
  for (const task of plan.tasks) fs.writeFileSync(path.join(GOLDEN, task.fileName), task.source);
}

describe("golden notebooks of the example platform", () => {
  it("has exactly one golden file per task", () => {
    expect(fs.readdirSync(GOLDEN).filter((f) => f.endsWith(".py")).sort()).toEqual(plan.tasks.map((t) => t.fileName).sort());
  });

  it.each(plan.tasks.map((t) => [t.fileName, t] as const))("%s matches its golden file", (fileName, task) => {
    expect(task.source).toBe(fs.readFileSync(path.join(GOLDEN, fileName), "utf8"));
  });
});
