"""The runtime asks nothing of Spark that Spark Connect (Databricks' standard access mode) refuses, on
any path, the Databricks-only ones included, which no local run takes: no SparkContext, RDD or JVM
(https://docs.databricks.com/aws/en/compute/access-mode-limitations), and no DeltaTable API, which
needs Delta's Connect plugin on the server. The pipeline suites run the rest through Spark Connect."""

import ast
from pathlib import Path

import lakehouse_runtime

PACKAGE = Path(lakehouse_runtime.__file__).parent
#: Attributes that reach the JVM or the RDD API: absent or refused on a Spark Connect session or DataFrame.
REFUSED_ATTRIBUTES = {"sparkContext", "rdd", "_jvm", "_jsc", "_jsparkSession", "_jdf", "_sc"}
#: Modules a Spark Connect session cannot use: the classic-only SparkContext and Delta's DeltaTable API.
REFUSED_MODULES = {"pyspark.SparkContext", "pyspark.context", "pyspark.rdd", "delta.tables"}


def refused_uses(source: str) -> list[str]:
    """Every use of a refused attribute or module in `source`, as `line: what`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in REFUSED_ATTRIBUTES:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Name) and node.id == "SparkContext":
            found.append((node.lineno, "SparkContext"))
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if {node.module, *(f"{node.module}.{a.name}" for a in node.names)} & REFUSED_MODULES:
                found.append((node.lineno, f"from {node.module} import"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name in REFUSED_MODULES]
    return [f"{line}: {what}" for line, what in sorted(found)]


def test_no_runtime_module_uses_spark_context_rdds_the_jvm_or_the_delta_table_api():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 10
    uses = {str(m.relative_to(PACKAGE)): refused_uses(m.read_text()) for m in modules}
    assert {m: u for m, u in uses.items() if u} == {}


def test_fails_if_a_module_reaches_the_spark_context_an_rdd_or_the_delta_table_api():
    source = "\n".join(
        [
            "from delta.tables import DeltaTable",
            "from pyspark import SparkContext",
            "q = spark.sparkContext.getLocalProperty('x')",
            "n = frame.rdd.count()",
            "j = spark._jvm",
        ]
    )
    assert refused_uses(source) == [
        "1: from delta.tables import",
        "2: from pyspark import",
        "3: .sparkContext",
        "4: .rdd",
        "5: ._jvm",
    ]
