#!/usr/bin/env node
/**
 * `npm run bench`: synth wall time and peak memory of the example platform and of generated
 * platforms with 10, 100 and 1000 datasets, next to the floor (an empty cdktf app), then the
 * pipeline on local Spark (first run, 1 % incremental, no-op). Each synth runs the app process
 * exactly as `cdktf synth` does (node + tsx + main.ts), in a fresh process, into a scratch folder.
 *   --synth-only   skip the Spark pipeline benchmark
 *   --runs N       repetitions per synth case (median time, max memory); default 3
 *   --sizes A,B    landing rows of each pipeline bench, one fresh lake per size; default 1000000,5000000
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

// Local runs never plan or deploy: the example's placeholders stand in for deploy values, also under CI=true.
process.env.LAKEHOUSE_PLACEHOLDERS ??= "1";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 3) || 3;
const root = new URL("..", import.meta.url).pathname;

function measure(script, env) {
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  const usageFile = join(dir, "usage");
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ["--require", join(root, "scripts/bench/report-usage.cjs"), "--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, ...env, CDKTF_OUTDIR: join(dir, "out"), BENCH_USAGE_FILE: usageFile },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.status !== 0) throw new Error(`${script} failed:\n${res.stderr}`);
  const peakMb = Number(readFileSync(usageFile, "utf8")) / 1024;
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMb };
}

function bench(name, script, env = {}) {
  const samples = Array.from({ length: runs }, () => measure(script, env));
  const times = samples.map((s) => s.seconds).sort((a, b) => a - b);
  return { name, seconds: times[Math.floor(times.length / 2)], peakMb: Math.max(...samples.map((s) => s.peakMb)) };
}

const generated = "scripts/bench/generated-platform.ts";
const results = [
  bench("floor (empty app)", "scripts/bench/empty-app.ts"),
  bench("example platform", "main.ts"),
  ...[10, 100, 1000].map((n) => bench(`${n} datasets`, "main.ts", { LAKEHOUSE_SPEC: generated, BENCH_DATASETS: String(n) })),
];

const floor = results[0].seconds;
const byName = Object.fromEntries(results.map((r) => [r.name, r]));
console.log(`\nSynth (6 stacks per platform; median of ${runs} runs, peak RSS max of runs)\n`);
console.log("| case | wall s | x floor | peak MB |");
console.log("|---|---:|---:|---:|");
for (const r of results) console.log(`| ${r.name} | ${r.seconds.toFixed(2)} | ${(r.seconds / floor).toFixed(1)} | ${r.peakMb.toFixed(0)} |`);

const checks = [
  ["example platform within 5x the floor", byName["example platform"].seconds <= 5 * floor],
  ["1000 datasets within 12x the 100-dataset time", byName["1000 datasets"].seconds <= 12 * byName["100 datasets"].seconds],
  ["peak memory under 1.5 GB", results.every((r) => r.peakMb < 1536)],
];
console.log("");
for (const [what, ok] of checks) console.log(`${ok ? "PASS" : "MISS"}  ${what}`);

if (!args.includes("--synth-only")) {
  console.log("\nPipeline on local Spark + Delta\n");
  spawnSync(process.execPath, [join(root, "scripts/setup-python.mjs")], { cwd: root, stdio: "inherit" });
  // The harness (harness/src) runs the job; it is used from its folder, never installed into .venv.
  const env = { ...process.env, PYTHONPATH: [join(root, "harness/src"), process.env.PYTHONPATH].filter(Boolean).join(delimiter) };
  const sizes = (args.includes("--sizes") ? args[args.indexOf("--sizes") + 1] : "1000000,5000000").split(",").map(Number);
  const resultsFile = join(mkdtempSync(join(tmpdir(), "bench-pipeline-")), "results.jsonl");
  for (const size of sizes) {
    const py = spawnSync(join(root, ".venv/bin/python"), [join(root, "scripts/bench_pipeline.py"), String(size)], {
      cwd: root,
      stdio: "inherit",
      env: { ...env, BENCH_RESULTS: resultsFile },
    });
    if (py.status !== 0) process.exit(py.status ?? 1);
  }
  const runsBySize = existsSync(resultsFile) ? readFileSync(resultsFile, "utf8").trim().split("\n").map((line) => JSON.parse(line)) : [];
  console.log("\nPipeline against the hand-written full rebuild, same run, same Spark settings\n");
  console.log("| landing rows | first s | rebuild s | first / rebuild | +1 % s | rebuild s | +1 % / rebuild | no-op s | no-op / first |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of runsBySize) {
    const [first, incremental, noop] = r.targets;
    const mark = (t) => `${t.ratio} ${t.met ? "MET" : "MISS"} (<= ${t.limit})`;
    console.log(
      `| ${r.landing_rows} | ${r.runs.first.job_s} | ${r.baseline.first.total} | ${mark(first)} | ${r.runs.incremental.job_s} | ${r.baseline.incremental.total} | ${mark(incremental)} | ${r.runs.noop.job_s} | ${mark(noop)} |`,
    );
  }
}
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
