#!/usr/bin/env python3
"""checkov over every synthesized stack: built-in Terraform checks plus ours (security/checks).

Usage: .venv-security/bin/python security/scan.py [--sarif PATH] [--check IDS] [FILE.tf.json ...]
(default: every cdktf.out/stacks/*/cdk.tf.json). Prints passed/failed/skipped per stack, writes
SARIF for code scanning, and exits 1 on any failed check, any parsing error, or no file at all: a
file checkov cannot parse yields no findings, which must never read as a clean scan. A skip under
which nothing failed any more is reported as stale, so the list shrinks as the gaps close.

Skips come from ONE file, security/checkov-skips.yaml, each with its reason. A skip of a whole check
goes to checkov as --skip-check (a second, narrow run counts what it hides, per stack); a skip
limited to `resources` (globs on `<stack>/<resource name>`) is applied to checkov's results here, because
checkov has no per-resource skip for JSON. Skipped results are left out of the SARIF.

Every checkov release up to 3.3.30 crashes on `terraform.required_version` in cdk.tf.json
(bridgecrewio/checkov#7454): the scan reads a copy with that one setting emptied in place, so line
numbers and the file's relative path (which SARIF reports and CKV_LH_1 reads) stay the same.
"""

from __future__ import annotations

import argparse
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DIR = ROOT / "security" / "checks"
SKIPS_FILE = ROOT / "security" / "checkov-skips.yaml"
CHECKOV = ROOT / ".venv-security" / "bin" / "checkov"
REQUIRED_VERSION = re.compile(r'("required_version"\s*:\s*)"[^"]*"')

# checkov's JSON report and one of its check records, as parsed JSON.
Report = dict[str, Any]
Record = dict[str, Any]


@dataclass(frozen=True)
class Skip:
    id: str
    reason: str
    resources: tuple[str, ...] = ()

    def covers(self, record: Record) -> bool:
        """Whether a failed record falls under this resource-limited skip: the globs match
        `<stack>/<resource name>`, e.g. `*/aws_access_logs_bucket_*` or `azure-dev/*`."""
        name = f"{Path(file_of(record)).parent.name}/{record['resource'].rsplit('.', 1)[-1]}"
        return record["check_id"] == self.id and any(fnmatch.fnmatch(name, p) for p in self.resources)


def load_skips(path: Path = SKIPS_FILE) -> list[Skip]:
    """The skip list; an entry without a written reason is an error, not a silent skip."""
    import yaml  # checkov's dependency: only present in .venv-security, where the scan runs

    skips = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        reason = " ".join(str(entry.get("reason") or "").split())
        if not reason:
            raise SystemExit(f"{path}: skip of {entry.get('id')} has no reason")
        skips.append(Skip(entry["id"], reason, tuple(entry.get("resources") or ())))
    return skips


def run_checkov(files: list[str], checks: list[str] | None = None, skips: list[str] | None = None) -> Report:
    """Runs checkov once over `files` (paths relative to the repo root); returns its JSON report,
    plus the SARIF document under "sarif"."""
    with tempfile.TemporaryDirectory(prefix="checkov-") as tmp:
        work, out = Path(tmp, "src"), Path(tmp, "out")
        for rel in files:
            if Path(rel).is_absolute() or rel.startswith(".."):
                raise SystemExit(f"{rel}: scan files inside the repository, by relative path")
            copy = work / rel
            copy.parent.mkdir(parents=True, exist_ok=True)
            text = (ROOT / rel).read_text(encoding="utf-8")
            copy.write_text(REQUIRED_VERSION.sub(r"\1{}", text), encoding="utf-8")
        args = [
            str(CHECKOV),
            "--framework",
            "terraform_json",
            "--external-checks-dir",
            str(CHECKS_DIR),
        ]
        args += [
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
        proc = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, check=False)
        if not (out / "results_json.json").exists():
            raise SystemExit(f"checkov wrote no report (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
        parsed = json.loads((out / "results_json.json").read_text(encoding="utf-8"))
        report: Report = parsed[0] if isinstance(parsed, list) else parsed
        report["sarif"] = json.loads((out / "results_sarif.sarif").read_text(encoding="utf-8"))
        return report


def records(report: Report, kind: str) -> list[Record]:
    """The passed_checks / failed_checks records of a report."""
    found: list[Record] = report.get("results", {}).get(kind, [])
    return found


def file_of(record: Record) -> str:
    return str(record["file_path"]).lstrip("/")


def without(sarif: dict[str, Any], skipped: list[Record]) -> dict[str, Any]:
    """The SARIF document minus the results of skipped records (same rule, file and first line)."""
    keys = {(r["check_id"], file_of(r), r["file_line_range"][0]) for r in skipped}

    def key(result: dict[str, Any]) -> tuple[str, str, int]:
        location = result["locations"][0]["physicalLocation"]
        return (
            result["ruleId"],
            location["artifactLocation"]["uri"],
            location["region"]["startLine"],
        )

    for run in sarif.get("runs", []):
        run["results"] = [r for r in run.get("results", []) if key(r) not in keys]
    return sarif


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sarif", default="cdktf.out/checkov.sarif", help="where to write SARIF")
    parser.add_argument("--skips", default=str(SKIPS_FILE), help="the skip list (id + reason per entry)")
    parser.add_argument("--check", help="run only these check ids (comma-separated); all by default")
    parser.add_argument("files", nargs="*", help="cdk.tf.json files, relative to the repo root")
    opts = parser.parse_args()
    stacks = sorted(glob.glob(str(ROOT / "cdktf.out/stacks/*/cdk.tf.json")))
    files = opts.files or [os.path.relpath(p, ROOT) for p in stacks]
    if not files:
        print(
            "no synthesized stacks under cdktf.out/stacks: run `npm run synth` first",
            file=sys.stderr,
        )
        return 1

    skips = load_skips(Path(opts.skips))
    whole = [s for s in skips if not s.resources]
    scoped = [s for s in skips if s.resources]
    whole_ids = sorted(s.id for s in whole)
    checks = [c for c in opts.check.split(",") if c not in whole_ids] if opts.check else None
    report = run_checkov(files, checks=checks, skips=whole_ids)
    hidden = records(run_checkov(files, checks=whole_ids), "failed_checks") if whole else []

    failed = [r for r in records(report, "failed_checks") if not any(s.covers(r) for s in scoped)]
    skipped = [r for r in records(report, "failed_checks") if any(s.covers(r) for s in scoped)]
    Path(opts.sarif).parent.mkdir(parents=True, exist_ok=True)
    Path(opts.sarif).write_text(json.dumps(without(report.pop("sarif"), skipped), indent=2), encoding="utf-8")

    passed = Counter(file_of(r) for r in records(report, "passed_checks"))
    failures = Counter(file_of(r) for r in failed)
    skips_hit = Counter(file_of(r) for r in [*hidden, *skipped])
    print(f"{'stack':<16}{'passed':>8}{'failed':>8}{'skipped':>8}")
    for rel in files:
        print(f"{Path(rel).parent.name:<16}{passed[rel]:>8}{failures[rel]:>8}{skips_hit[rel]:>8}")
    for r in failed:
        where = f"{file_of(r)}:{r['file_line_range'][0]}"
        print(f"FAILED {r['check_id']} {r['resource']} ({where}): {r['check_name']}")
    used = {r["check_id"] for r in hidden} | {s.id for s in scoped if any(s.covers(r) for r in skipped)}
    for s in skips:
        print(f"skipped {s.id}{' ' + ','.join(s.resources) if s.resources else ''}: {s.reason}")
    # Staleness is judged on the full scan only: a skip may concern stacks or checks left out here.
    full = not opts.files and not opts.check
    stale = [s.id for s in skips if full and s.id not in used]
    if stale:
        print(
            f"stale skips, nothing failed under them (remove them): {', '.join(stale)}",
            file=sys.stderr,
        )
    errors = report.get("summary", {}).get("parsing_errors", 0)
    if errors:
        print(
            f"{errors} file(s) checkov could not parse: {report['results'].get('parsing_errors')}",
            file=sys.stderr,
        )
    print(f"SARIF: {opts.sarif}")
    return 1 if errors or failed else 0


if __name__ == "__main__":
    sys.exit(main())
