import json

import pytest

from lakehouse_harness.job import Task, job_from_stack, width
from lakehouse_harness.pipeline import local_job, not_run_locally


def test_width_is_the_largest_set_of_tasks_that_can_run_at_once():
    chain = [Task("a"), Task("b", ("a",)), Task("c", ("b",))]
    assert width(chain) == 1
    # Two datasets (bronze -> silver) and a gold task on one: at most two at once (e.g. gold_x beside silver_y).
    medallion = [
        Task("bronze_x"),
        Task("bronze_y"),
        Task("silver_x", ("bronze_x",)),
        Task("silver_y", ("bronze_y",)),
        Task("gold_x", ("silver_x",)),
        Task("maintenance", ("gold_x", "silver_x", "silver_y")),
    ]
    assert width(medallion) == 2
    assert width([Task("a"), Task("b"), Task("c"), Task("d", ("a",))]) == 3


def test_a_cycle_or_an_unknown_dependency_is_refused_by_name():
    with pytest.raises(ValueError, match="cycle among: a, b"):
        width([Task("a", ("b",)), Task("b", ("a",))])
    with pytest.raises(ValueError, match="a -> nope"):
        width([Task("a", ("nope",))])


def test_a_task_refuses_an_unknown_run_if_naming_the_accepted_ones():
    with pytest.raises(ValueError, match="task t: run_if 'SOMETIMES' is not one of ALL_SUCCESS, AT_LEAST_ONE_SUCCESS"):
        Task("t", run_if="SOMETIMES")


def test_the_pipeline_job_is_read_from_the_synth_output(tmp_path):
    notebook = {"path": "/Shared/x/bronze_a", "source": "assets/nb/bronze_a.py"}
    pipeline = {
        "name": "x-dev-pipeline",
        "task": [
            {
                "task_key": "bronze_a",
                "max_retries": 2,
                "min_retry_interval_millis": 60000,
                "timeout_seconds": 3600,
                "retry_on_timeout": True,
                "notebook_task": {"notebook_path": "${databricks_notebook.nb_bronze_a.path}", "base_parameters": {"catalog": "c"}},
            },
            {
                "task_key": "governance",
                "depends_on": [{"task_key": "bronze_a"}],
                "run_if": "ALL_DONE",
                "notebook_task": {"notebook_path": "/Shared/x/bronze_a"},
            },
        ],
    }
    monitoring = {"name": "x-dev-monitoring", "task": [{"task_key": "alert", "sql_task": {}}]}
    stack = {"resource": {"databricks_notebook": {"nb_bronze_a": notebook}, "databricks_job": {"m": monitoring, "p": pipeline}}}
    (tmp_path / "cdk.tf.json").write_text(json.dumps(stack))
    assert job_from_stack(tmp_path, {"bronze_a", "governance"}) == [
        Task(
            "bronze_a",
            max_retries=2,
            min_retry_interval_s=60.0,
            timeout_s=3600.0,
            retry_on_timeout=True,
            parameters={"catalog": "c"},
            notebook=tmp_path / "assets/nb/bronze_a.py",
        ),
        # Left out, the Jobs API's defaults: no retry, no timeout, no retry on timeout.
        Task("governance", ("bronze_a",), "ALL_DONE", notebook=tmp_path / "assets/nb/bronze_a.py"),
    ]
    with pytest.raises(ValueError, match=r"no job with the tasks \['other'\]; its jobs: \['x-dev-monitoring', 'x-dev-pipeline'\]"):
        job_from_stack(tmp_path, {"other"})
    # A task the local run leaves out (the training task) is matched and dropped, not returned.
    assert [t.key for t in job_from_stack(tmp_path, {"bronze_a"}, frozenset({"governance"}))] == ["bronze_a"]


def test_the_tasks_a_local_run_leaves_out_are_named_with_their_reason():
    plan = {
        "tasks": [{"taskKey": "gold_x"}],
        "validationTasks": [{"taskKey": "validate_expectations"}],
        "trainingTasks": [{"taskKey": "train_m"}],
    }
    assert not_run_locally(plan) == {
        "validate_expectations": "needs great_expectations (.venv-gx), gold runs without waiting for it; __tests__/gx runs it",
        "train_m": "needs MLflow and scikit-learn (.venv-ml); __tests__/ml runs it",
    }


def test_a_validating_environments_job_runs_locally_without_the_validation_task_and_gold_s_edge_to_it(tmp_path):
    notebook = {"path": "/x/prod/gold_g", "source": "assets/nb/gold_g.py"}
    task = {"notebook_task": {"notebook_path": "${databricks_notebook.nb.path}", "base_parameters": {"catalog": "c"}}}
    pipeline = {
        "name": "x-prod-pipeline",
        "task": [
            {"task_key": "silver_a", **task},
            {"task_key": "validate_expectations", "depends_on": [{"task_key": "silver_a"}], **task},
            {"task_key": "gold_g", "depends_on": [{"task_key": "silver_a"}, {"task_key": "validate_expectations"}], **task},
        ],
    }
    stack = {"resource": {"databricks_notebook": {"nb": notebook}, "databricks_job": {"p": pipeline}}}
    (tmp_path / "cdk.tf.json").write_text(json.dumps(stack))
    parameters = {"catalog": "spark_catalog"}
    plan = {
        "tasks": [{"taskKey": k, "parameters": parameters} for k in ("gold_g", "silver_a")],
        "validationTasks": [{"taskKey": "validate_expectations", "parameters": parameters}],
    }
    assert {t.key: t.depends_on for t in local_job(plan, tmp_path, tmp_path)} == {"silver_a": (), "gold_g": ("silver_a",)}
