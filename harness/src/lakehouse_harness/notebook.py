"""Runs a Databricks source notebook's code cells in order, in one namespace, as a notebook task does."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession

from .dbutils import DbUtils

CELL_SEPARATOR = "\n# COMMAND ----------\n"
HEADER = "# Databricks notebook source"


def cells(source: str) -> Iterator[str]:
    """The code cells of a source notebook (markdown cells are all `# MAGIC` lines)."""
    for cell in source.split(CELL_SEPARATOR):
        lines = [line for line in cell.splitlines() if line.strip() and line != HEADER]
        if lines and not all(line.startswith("# MAGIC") for line in lines):
            yield cell


def run_notebook(spark: SparkSession, path: Path, parameters: dict[str, str]) -> dict[str, Any]:
    """Executes the notebook with `spark` and a dbutils whose widgets hold `parameters`; returns its namespace."""
    namespace: dict[str, Any] = {"__name__": "__main__", "spark": spark, "dbutils": DbUtils(parameters)}
    for i, cell in enumerate(cells(path.read_text())):
        exec(compile(cell, f"{path}[cell {i}]", "exec"), namespace)
    return namespace
