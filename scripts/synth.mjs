#!/usr/bin/env node
// `npm run synth`: cdktf synth without telemetry, and without the [ERROR] lines Terraform prints when
// TF_CLI_CONFIG_FILE names a file that does not exist (some machines export one): a synth needs no
// CLI configuration, so a dangling one is dropped rather than reported as an error on every run.
//
// The CLI logs each line the app writes to stderr as it comes ("[ERROR] default - ...") and, when
// the app fails, prints the same stderr again under "Command output on stderr": every spec problem
// would show twice. Its log goes to a file instead (CDKTF_LOG_FILE_DIRECTORY, `cdktf synth --help`),
// so each problem is printed once; the file is kept, and named, only when synth fails.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
const ownLog = !env.CDKTF_LOG_FILE_DIRECTORY;
if (ownLog) env.CDKTF_LOG_FILE_DIRECTORY = mkdtempSync(join(tmpdir(), "cdktf-log-"));
const run = spawnSync("npx", ["--no-install", "cdktf", "synth", ...process.argv.slice(2)], { stdio: "inherit", env });
if (run.status === 0 && ownLog) rmSync(env.CDKTF_LOG_FILE_DIRECTORY, { recursive: true, force: true });
else if (run.status !== 0) console.error(`cdktf's own log: ${join(env.CDKTF_LOG_FILE_DIRECTORY, "cdktf.log")}`);
process.exit(run.status ?? 1);
