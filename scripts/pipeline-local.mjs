#!/usr/bin/env node
// `npm run pipeline:local`: makes sure .venv is there, then runs the example pipeline on local Spark
// through the harness's command line (harness/, python -m lakehouse_harness; --help for its options).
import { execFileSync } from "node:child_process";
import { delimiter } from "node:path";

// Local runs never plan or deploy: the example's placeholders stand in for deploy values, also under CI=true.
process.env.LAKEHOUSE_PLACEHOLDERS ??= "1";
// The harness is used from its folder, never installed into the shared .venv.
process.env.PYTHONPATH = ["harness/src", process.env.PYTHONPATH].filter(Boolean).join(delimiter);

execFileSync("node", ["scripts/setup-python.mjs"], { stdio: "inherit" });
execFileSync(".venv/bin/python", ["-m", "lakehouse_harness", ...process.argv.slice(2)], { stdio: "inherit" });
