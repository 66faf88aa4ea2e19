#!/usr/bin/env node
// Creates each venv from its requirements file (.venv: Spark; .venv-security: checkov; .venv-gx:
// Great Expectations on Spark; .venv-airflow: Airflow, which loads the generated DAGs; .venv-ml: Spark
// with MLflow and scikit-learn; .venv-dbt: dbt with its Spark adapter, which runs the gold project), once:
// a stamp of the requirements' hash makes the second run a no-op, and a changed file reinstalls.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const venvs = [
  [".venv", "requirements.txt"],
  [".venv-security", "security/requirements.txt"],
  [".venv-gx", "requirements-gx.txt"],
  [".venv-airflow", "requirements-airflow.txt"],
  [".venv-ml", "requirements-ml.txt"],
  [".venv-dbt", "requirements-dbt.txt"],
];
const python = process.env.PYTHON ?? "python3";

for (const [venv, requirements] of venvs) {
  const hash = createHash("sha256").update(readFileSync(requirements)).digest("hex");
  const stamp = `${venv}/.requirements.sha256`;
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) {
    console.log(`${venv}: up to date with ${requirements}`);
    continue;
  }
  console.log(`${venv}: installing ${requirements}`);
  if (!existsSync(`${venv}/bin/python`)) execFileSync(python, ["-m", "venv", venv], { stdio: "inherit" });
  execFileSync(`${venv}/bin/python`, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements], { stdio: "inherit" });
  writeFileSync(stamp, hash);
}
