"""The pipeline suite's harness (../pipeline/conftest.py) in this venv (.venv-gx: Spark, Delta and
Great Expectations): the same scenario, run once here, for the GX tests to validate."""

import importlib.util
import os
from pathlib import Path

# No usage statistics from the tests (CI has no network for them anyway).
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

_spec = importlib.util.spec_from_file_location("pipeline_harness", Path(__file__).resolve().parent.parent / "pipeline" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_harness)

server = _harness.server
spark = _harness.spark
pipeline = _harness.pipeline
scenario = _harness.scenario
