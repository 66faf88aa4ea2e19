#!/usr/bin/env python3
"""checkov over every synthesized stack: built-in Terraform checks plus ours (security/checks).

Usage: .venv-security/bin/python security/scan.py [--sarif PATH] [FILE.tf.json ...]
(default: every cdktf.out/stacks/*/cdk.tf.json). Prints passed/failed/skipped per stack, writes
SARIF for code scanning, and exits 1 on any failed check, any parsing error, or no file at all:
a file checkov cannot parse yields no findings, which must never read as a clean scan.

Skipped checks come from ONE file, security/checkov-skips.yaml, each with its reason; they go to
checkov as --skip-check, and their would-be failures are counted here as "skipped" per stack.

Every checkov release up to 3.3.30 crashes on `terraform.required_version` in cdk.tf.json
(bridgecrewio/checkov#7454): the scan reads a copy with that one setting emptied in place, so line
numbers and the file's relative path (which SARIF reports and CKV_LH_1 reads) stay the same.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DIR = ROOT / "security" / "checks"
SKIPS_FILE = ROOT / "security" / "checkov-skips.yaml"
CHECKOV = ROOT / ".venv-security" / "bin" / "checkov"
REQUIRED_VERSION = re.compile(r'("required_version"\s*:\s*)"[^"]*"')


def load_skips(path: Path = SKIPS_FILE) -> dict[str, str]:
    """check id -> reason; an entry without a written reason is an error, not a silent skip."""
    import yaml  # checkov's dependency: only present in .venv-security, where the scan runs

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    skips = {}
    for entry in entries:
        reason = str(entry.get("reason") or "").strip()
        if not reason:
            raise SystemExit(f"{path}: skip of {entry.get('id')} has no reason")
        skips[entry["id"]] = reason
    return skips


def run_checkov(
    files: list[str], checks: list[str] | None = None, skips: list[str] | None = None
) -> dict:
    """Runs checkov once over `files` (paths relative to the repo root); returns its JSON report,
    plus the SARIF text under "sarif"."""
    with tempfile.TemporaryDirectory(prefix="checkov-") as tmp:
        work, out = Path(tmp, "src"), Path(tmp, "out")
        for rel in files:
            copy = work / rel
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(
                REQUIRED_VERSION.sub(r"\1{}", (ROOT / rel).read_text(encoding="utf-8")),
                encoding="utf-8",
            )
        args = [
            str(CHECKOV),
            "--framework",
            "terraform_json",
            "--external-checks-dir",
            str(CHECKS_DIR),
            "--skip-download",
            "-o",
            "json",
            "-o",
            "sarif",
            "--output-file-path",
            str(out),
        ]
        args += ["--check", ",".join(checks)] if checks else []
        args += ["--skip-check", ",".join(skips)] if skips else []
        for rel in files:
            args += ["-f", rel]
        # BC_SKIP_MAPPING: no call home for guideline mappings (CI and tests run without that network).
        env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "LOG_LEVEL": "WARNING"}
        proc = subprocess.run(
            args, cwd=work, env=env, capture_output=True, text=True, check=False
        )
        if not (out / "results_json.json").exists():
            raise SystemExit(
                f"checkov wrote no report (exit {proc.returncode}):\n{proc.stderr[-4000:]}"
            )
        report = json.loads((out / "results_json.json").read_text(encoding="utf-8"))
        report = report[0] if isinstance(report, list) else report
        report["sarif"] = (out / "results_sarif.sarif").read_text(encoding="utf-8")
        return report


def records(report: dict, kind: str) -> list[dict]:
    """The passed_checks / failed_checks / skipped_checks records of a report."""
    return report.get("results", {}).get(kind, [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sarif", default="cdktf.out/checkov.sarif", help="where to write SARIF"
    )
    parser.add_argument(
        "--skips", default=str(SKIPS_FILE), help="the skip list (id + reason per entry)"
    )
    parser.add_argument(
        "--check", help="run only these check ids (comma-separated); all by default"
    )
    parser.add_argument(
        "files", nargs="*", help="cdk.tf.json files, relative to the repo root"
    )
    opts = parser.parse_args()
    files = opts.files or sorted(
        os.path.relpath(p, ROOT)
        for p in glob.glob(str(ROOT / "cdktf.out/stacks/*/cdk.tf.json"))
    )
    if not files:
        print(
            "no synthesized stacks under cdktf.out/stacks: run `npx cdktf synth` first",
            file=sys.stderr,
        )
        return 1

    skips = load_skips(Path(opts.skips))
    # Skipped ids run in a second, skip-free pass only to count what the skip hides, per stack.
    checks = (
        [c for c in opts.check.split(",") if c not in skips] if opts.check else None
    )
    report = run_checkov(files, checks=checks, skips=sorted(skips))
    hidden = (
        Counter(
            r["file_path"].lstrip("/")
            for r in records(run_checkov(files, checks=sorted(skips)), "failed_checks")
        )
        if skips
        else Counter()
    )
    Path(opts.sarif).parent.mkdir(parents=True, exist_ok=True)
    Path(opts.sarif).write_text(report.pop("sarif"), encoding="utf-8")

    count = {
        kind: Counter(r["file_path"].lstrip("/") for r in records(report, kind))
        for kind in ("passed_checks", "failed_checks")
    }
    print(f"{'stack':<16}{'passed':>8}{'failed':>8}{'skipped':>8}")
    for rel in files:
        stack = Path(rel).parent.name
        print(
            f"{stack:<16}{count['passed_checks'][rel]:>8}{count['failed_checks'][rel]:>8}{hidden[rel]:>8}"
        )
    for r in records(report, "failed_checks"):
        print(
            f"FAILED {r['check_id']} {r['resource']} ({r['file_path'].lstrip('/')}:{r['file_line_range'][0]}): {r['check_name']}"
        )
    for check_id, reason in sorted(skips.items()):
        print(f"skipped {check_id}: {reason}")
    errors = report.get("summary", {}).get("parsing_errors", 0)
    if errors:
        print(
            f"{errors} file(s) checkov could not parse: {report['results'].get('parsing_errors')}",
            file=sys.stderr,
        )
    print(f"SARIF: {opts.sarif}")
    return 1 if errors or count["failed_checks"] else 0


if __name__ == "__main__":
    sys.exit(main())
