"""The variant spec's DAGs (__tests__/airflow/variant.ts), written once per session by scripts/airflow-dags.ts."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def variant_dags(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("variant")
    env = {**os.environ, "LAKEHOUSE_PLACEHOLDERS": "1"}
    subprocess.run(["npx", "tsx", "scripts/airflow-dags.ts", "__tests__/airflow/variant.ts", str(out)], check=True, cwd=ROOT, env=env)
    return out / "airflow"
