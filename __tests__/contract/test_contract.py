"""One contract between TypeScript and Python, checked on the Python side: every CONFIG a generated
notebook passes is exactly what its runtime module's run() declares (config.py's TypedDicts: no
unknown or missing key, no wrong type), and the parameters the job passes each task are exactly those
its notebook and runtime module read. Both examples' freshly generated notebooks and every golden
notebook (the variants included) are checked."""

import ast
import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, get_type_hints

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "runtime" / "src"))

from lakehouse_runtime.config import Rule, SilverConfig  # noqa: E402 - importable once runtime/src is on sys.path, as in a notebook
from typed_check import mismatches  # noqa: E402

SPECS = {"retail": None, "logistics": "examples/logistics.ts"}
GOLDEN = sorted((REPO / "__tests__" / "jobs" / "__golden__").rglob("*.py"))
RUNTIME_IMPORT = re.compile(r"^from lakehouse_runtime import (\w+)$", re.MULTILINE)
NOTEBOOK_WIDGET = re.compile(r'dbutils\.widgets\.text\("(\w+)"')


def runtime_module(source: str) -> ModuleType:
    found = RUNTIME_IMPORT.search(source)
    assert found, "the notebook imports no lakehouse_runtime module"
    return importlib.import_module(f"lakehouse_runtime.{found.group(1)}")


def config_of(source: str) -> Any:
    """The notebook's CONFIG literal."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["CONFIG"]:
            return ast.literal_eval(node.value)
    raise AssertionError("the notebook has no CONFIG")


def config_mismatches(source: str) -> list[str]:
    """How the notebook's CONFIG differs from the type its runtime module's run() takes."""
    module = runtime_module(source)
    return mismatches(config_of(source), get_type_hints(module.run)["config"], "CONFIG")


@pytest.fixture(scope="module", params=sorted(SPECS))
def generated(request, tmp_path_factory):
    """(tasks with their job parameters, notebook folder) of one example, from the TypeScript side."""
    spec = SPECS[request.param]
    notebooks = tmp_path_factory.mktemp(f"notebooks-{request.param}")
    env = {key: value for key, value in os.environ.items() if key != "LAKEHOUSE_SPEC"} | {"LAKEHOUSE_PLACEHOLDERS": "1"}
    if spec:
        env["LAKEHOUSE_SPEC"] = spec
    args = [
        "npx",
        "--no-install",
        "tsx",
        "scripts/pipeline-plan.ts",
        str(tmp_path_factory.mktemp("lake")),
        str(notebooks),
    ]
    out = subprocess.run(args, cwd=REPO, env=env, check=True, capture_output=True, text=True).stdout
    plan = json.loads(out)
    # The training and scoring tasks too (the local run leaves them out: MLflow is in .venv-ml, not needed to check them).
    return plan["tasks"] + plan["trainingTasks"] + plan["scoringTasks"], notebooks


def test_every_generated_config_is_what_its_runtime_module_declares(generated):
    tasks, notebooks = generated
    found = {t["fileName"]: config_mismatches((notebooks / t["fileName"]).read_text()) for t in tasks}
    assert {name: problems for name, problems in found.items() if problems} == {}
    assert len(found) == len(tasks) > 0


@pytest.mark.parametrize("notebook", GOLDEN, ids=lambda p: str(p.relative_to(REPO / "__tests__" / "jobs" / "__golden__")))
def test_every_golden_config_is_what_its_runtime_module_declares(notebook):
    assert config_mismatches(notebook.read_text()) == []


def test_the_job_passes_each_task_exactly_the_parameters_it_reads(generated):
    tasks, notebooks = generated
    drift = {}
    for task in tasks:
        source = (notebooks / task["fileName"]).read_text()
        read = set(runtime_module(source).PARAMETERS) | set(NOTEBOOK_WIDGET.findall(source))
        passed = set(task["parameters"])
        if passed != read:
            drift[task["taskKey"]] = {
                "passed, never read": sorted(passed - read),
                "read, never passed": sorted(read - passed),
            }
    assert drift == {}


# ---- the checker itself: a drift must fail, naming what differs ------------------------------------


def silver_config() -> SilverConfig:
    source = (REPO / "__tests__" / "jobs" / "__golden__" / "silver_orders.py").read_text()
    config: SilverConfig = config_of(source)
    return config


def test_a_conforming_config_has_no_mismatch():
    assert mismatches(silver_config(), SilverConfig, "CONFIG") == []


def test_an_unknown_or_missing_key_is_named():
    config: Any = silver_config()
    config["gate"] = 10
    del config["ordering_column"]
    assert mismatches(config, SilverConfig, "CONFIG") == [
        "CONFIG: missing key 'ordering_column' of SilverConfig",
        "CONFIG: unknown key 'gate', not in SilverConfig",
    ]


def test_a_wrong_type_is_named_at_its_path():
    config: Any = silver_config()
    config["max_failed_fraction"] = "0.2"
    config["columns"][0]["cast"] = 1
    config["schema_evolution"] = "rescue"
    assert mismatches(config, SilverConfig, "CONFIG") == [
        "CONFIG['columns'][0]['cast']: expected bool, got int 1",
        "CONFIG['max_failed_fraction']: expected a number, got str '0.2'",
        "CONFIG['schema_evolution']: 'rescue' is none of ['addNewColumns', 'fail']",
    ]


def test_a_rule_is_checked_as_the_type_of_its_kind():
    assert mismatches({"name": "r", "kind": "between", "column": "q", "min": 0}, Rule, "rule") == []
    assert mismatches({"name": "r", "kind": "between", "column": "q", "min": "0"}, Rule, "rule") == [
        "rule['min']: expected a number, got str '0'"
    ]
    assert mismatches({"name": "r", "kind": "in_set", "column": "q"}, Rule, "rule") == ["rule: missing key 'values' of InSetRule"]
    assert mismatches({"name": "r", "kind": "sql", "expression": "x > 0", "column": "x"}, Rule, "rule") == [
        "rule: unknown key 'column', not in SqlRule"
    ]
    assert mismatches({"name": "r", "kind": "range", "column": "q"}, Rule, "rule") == [
        "rule['kind']: 'range' is none of ['between', 'column_set', 'in_set', 'not_null', 'regex', 'sql', 'type', 'unique', 'well_formed']"
    ]
