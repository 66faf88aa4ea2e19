#!/usr/bin/env node
// `npm test`: every check the project has, TypeScript and Python, failing on the first red step.
import { execFileSync } from "node:child_process";

const steps = [
  ["type check", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."]],
  // Before jest: the workflow tests run actionlint (.tools) and shellcheck (.venv).
  ["python env", "node", ["scripts/setup-python.mjs"]],
  ["actionlint", "node", ["scripts/setup-actionlint.mjs"]],
  ["jest", "npx", ["jest", "--ci"]],
  // The runtime package (runtime/): strict types, lint and format, unit tests on local Spark.
  ["runtime types", "../.venv/bin/python", ["-m", "mypy"], "runtime"],
  ["runtime lint", "../.venv/bin/python", ["-m", "ruff", "check", "."], "runtime"],
  ["runtime format", "../.venv/bin/python", ["-m", "ruff", "format", "--check", "."], "runtime"],
  ["runtime tests", "../.venv/bin/python", ["-m", "pytest", "-q"], "runtime"],
  // The local harness (harness/): the same checks; its tests run fake tasks, no Spark.
  ["harness types", "../.venv/bin/python", ["-m", "mypy"], "harness"],
  ["harness lint", "../.venv/bin/python", ["-m", "ruff", "check", "."], "harness"],
  ["harness format", "../.venv/bin/python", ["-m", "ruff", "format", "--check", "."], "harness"],
  ["harness tests", "../.venv/bin/python", ["-m", "pytest", "-q"], "harness"],
  // The training module on local Spark with a SQLite MLflow store, in its own venv (requirements-ml.txt).
  ["runtime training tests", "../.venv-ml/bin/python", ["-m", "pytest", "-q", "tests_ml"], "runtime"],
  // The checkov scan and its custom checks (security/): the same tools, types read from .venv-security.
  ["security types", "../.venv/bin/python", ["-m", "mypy"], "security"],
  ["security lint", "../.venv/bin/python", ["-m", "ruff", "check", "."], "security"],
  ["security format", "../.venv/bin/python", ["-m", "ruff", "format", "--check", "."], "security"],
  // The rest of the Python (the scripts and the pytest suites): mypy's default check (mypy.ini), ruff (ruff.toml).
  ["scripts and tests types", ".venv/bin/python", ["-m", "mypy", "scripts", "__tests__"]],
  ["scripts and tests lint", ".venv/bin/python", ["-m", "ruff", "check", "scripts", "__tests__"]],
  ["scripts and tests format", ".venv/bin/python", ["-m", "ruff", "format", "--check", "scripts", "__tests__"]],
  ["synth", "npm", ["run", "--silent", "synth"]],
  ["security scan", ".venv-security/bin/python", ["security/scan.py"]],
  ["pytest", ".venv/bin/python", ["-m", "pytest", "-q", "__tests__", "--ignore=__tests__/gx", "--ignore=__tests__/ml", "--ignore=__tests__/dbt"]],
  // The generated expectation suites, run by Great Expectations itself (its own venv) over the pipeline's tables.
  ["great expectations", ".venv-gx/bin/python", ["-m", "pytest", "-q", "__tests__/gx"]],
  // The synthesized training task, run with MLflow and scikit-learn (.venv-ml) on a local SQLite store.
  ["training task", ".venv-ml/bin/python", ["-m", "pytest", "-q", "__tests__/ml"]],
  // The generated gold dbt project, run by dbt-spark in session mode (its own venv) over the examples' silver.
  ["dbt", ".venv-dbt/bin/python", ["-m", "pytest", "-q", "__tests__/dbt"]],
];

// Every step, the synth and pytest included, sees the example's placeholders instead of any deploy
// variables the shell exports, and CI=true does not demand real ones: tests never plan or deploy.
// A pipeline task attempt that hangs times out in 5 minutes (a local attempt takes seconds) and is
// retried as the job says (harness/src/lakehouse_harness/pipeline.py, TIMEOUT_CAP).
const env = { ...process.env, LAKEHOUSE_PLACEHOLDERS: "1", LAKEHOUSE_TASK_TIMEOUT_SECONDS: "300" };

// No step may take CI's whole budget: one that runs past its limit is stopped with SIGABRT, on which
// Python's faulthandler (on in pytest) prints every thread's stack, then the run fails naming it.
// The slowest step takes under 8 minutes here; installing the venvs on a cold cache takes longer.
const STEP_LIMIT_MIN = 25;
const LIMIT_MIN = { "python env": 45 };

for (const [name, cmd, args, cwd = "."] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cwd === "." ? "" : `(in ${cwd}) `}${cmd} ${args.join(" ")}`);
  try {
    execFileSync(cmd, args, { stdio: "inherit", cwd, env, timeout: (LIMIT_MIN[name] ?? STEP_LIMIT_MIN) * 60_000, killSignal: "SIGABRT" });
  } catch (err) {
    const limit = err.code === "ETIMEDOUT" ? ` (stopped after its limit of ${LIMIT_MIN[name] ?? STEP_LIMIT_MIN} min)` : "";
    console.error(`\n✗ ${name} failed${limit}`);
    process.exit(1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
