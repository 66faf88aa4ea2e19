"""The custom checkov checks (security/checks) and the scanner, run through the pinned checkov in
.venv-security: each check fails its failing fixture and passes its passing one."""

import json
import subprocess
from pathlib import Path

import pytest
import scan

ROOT = Path(__file__).resolve().parents[2]

FIXTURES = Path(__file__).parent / "fixtures"
CHECK_IDS = [f"CKV_LH_{n}" for n in range(1, 7)]
SCANNER = [str(ROOT / ".venv-security/bin/python"), str(ROOT / "security/scan.py")]


def rel(check_id: str, case: str) -> str:
    return str((FIXTURES / check_id.lower() / f"{case}.tf.json").relative_to(ROOT))


@pytest.fixture(scope="module")
def results():
    """(check id, fixture file) -> set of results, from one checkov run over every fixture."""
    report = scan.run_checkov([rel(c, case) for c in CHECK_IDS for case in ("pass", "fail")], checks=CHECK_IDS)
    assert report["summary"]["parsing_errors"] == 0, "every fixture carries terraform.required_version (checkov#7454)"
    out: dict[tuple[str, str], set[str]] = {}
    for kind in ("passed_checks", "failed_checks"):
        for r in scan.records(report, kind):
            out.setdefault((r["check_id"], r["file_path"].lstrip("/")), set()).add(kind)
    return out


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_passes_on_its_passing_fixture(results, check_id):
    assert results.get((check_id, rel(check_id, "pass"))) == {"passed_checks"}


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_fails_if_the_fixture_violates_it(results, check_id):
    assert results.get((check_id, rel(check_id, "fail"))) == {"failed_checks"}


def run_scanner(tmp_path: Path, skips: str, *files: str, checks: str = "CKV_LH_2") -> subprocess.CompletedProcess:
    skip_file = tmp_path / "skips.yaml"
    skip_file.write_text(skips)
    args = [
        *SCANNER,
        "--check",
        checks,
        "--skips",
        str(skip_file),
        "--sarif",
        str(tmp_path / "out.sarif"),
        *files,
    ]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_scanner_prints_counts_per_stack_and_writes_sarif(tmp_path):
    proc = run_scanner(tmp_path, "[]", rel("CKV_LH_2", "pass"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ckv_lh_2" in proc.stdout and "passed" in proc.stdout
    assert '"version": "2.1.0"' in (tmp_path / "out.sarif").read_text()


def test_scanner_fails_if_any_check_fails(tmp_path):
    proc = run_scanner(tmp_path, "[]", rel("CKV_LH_2", "fail"))
    assert proc.returncode == 1
    assert "FAILED CKV_LH_2" in proc.stdout


def test_scanner_counts_a_skipped_check_and_prints_its_reason(tmp_path):
    proc = run_scanner(
        tmp_path,
        "- id: CKV_LH_2\n  reason: fixture storage needs no namespace\n",
        rel("CKV_LH_2", "fail"),
        checks="CKV_LH_2,CKV_LH_3",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "skipped CKV_LH_2: fixture storage needs no namespace" in proc.stdout
    assert any(line.split()[-1] == "2" for line in proc.stdout.splitlines() if line.startswith("ckv_lh_2"))


def test_scanner_skips_only_the_resources_a_scoped_skip_names(tmp_path):
    skips = "- id: CKV_LH_2\n  resources: ['*/uns*']\n  reason: fixture account without a namespace\n"
    proc = run_scanner(tmp_path, skips, rel("CKV_LH_2", "fail"))
    assert proc.returncode == 1
    assert "FAILED CKV_LH_2 resource.lake" in proc.stdout
    assert "resource.unset" not in proc.stdout
    stack_line = next(line for line in proc.stdout.splitlines() if line.startswith("ckv_lh_2"))
    assert stack_line.split()[1:] == ["0", "1", "1"]
    sarif = json.loads((tmp_path / "out.sarif").read_text())
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]] == [7]


def test_scanner_fails_if_a_skip_has_no_reason(tmp_path):
    proc = run_scanner(tmp_path, "- id: CKV_LH_2\n  reason: ''\n", rel("CKV_LH_2", "fail"))
    assert proc.returncode != 0
    assert "CKV_LH_2 has no reason" in proc.stderr
