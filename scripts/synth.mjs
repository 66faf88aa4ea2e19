#!/usr/bin/env node
// `npm run synth`: cdktf synth without telemetry, and without the [ERROR] lines Terraform prints when
// TF_CLI_CONFIG_FILE names a file that does not exist (some machines export one): a synth needs no
// CLI configuration, so a dangling one is dropped rather than reported as an error on every run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
const run = spawnSync("npx", ["--no-install", "cdktf", "synth", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(run.status ?? 1);
