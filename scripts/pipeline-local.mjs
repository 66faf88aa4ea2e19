#!/usr/bin/env node
// `npm run pipeline:local`: makes sure .venv is there, then runs the example pipeline on local Spark.
import { execFileSync } from "node:child_process";

// Local runs never plan or deploy: the example's placeholders stand in for deploy values, also under CI=true.
process.env.LAKEHOUSE_PLACEHOLDERS ??= "1";

execFileSync("node", ["scripts/setup-python.mjs"], { stdio: "inherit" });
execFileSync(".venv/bin/python", ["scripts/pipeline_local.py", ...process.argv.slice(2)], { stdio: "inherit" });
