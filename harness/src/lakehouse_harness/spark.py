"""The one local Spark application: Delta Lake configured, sized for one small machine, serving Spark
Connect so that notebooks run with remote sessions, as Databricks' standard access mode runs them.

Standard access mode runs Python through Spark Connect
(https://docs.databricks.com/aws/en/compute/access-mode-limitations): the client sends unresolved
plans over gRPC, analysis happens on the server when an action runs, and SparkContext, RDDs and the
JVM are out of reach. Locally the server is the Spark Connect plugin (its jar ships in the pyspark
package) on the application `spark_session` starts, with Delta's SQL extension and catalog
configured there, where Databricks has them; `remote_session` opens a client session on it.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from delta import configure_spark_with_delta_pip
from pyspark.sql import SparkSession

#: The schemas the pipeline writes (the environment catalog's layers, locally in spark_catalog).
LAYERS = ("bronze", "silver", "gold")
#: Set, pyspark's functions and types build Spark Connect objects in this process (pyspark.sql.utils.is_remote).
CONNECT_MODE = "SPARK_CONNECT_MODE_ENABLED"
#: The runtime's source folder (the local runs' runtime_path): the server's Python workers import it.
RUNTIME_SRC = Path(__file__).resolve().parents[3] / "runtime" / "src"


def spark_session(warehouse: Path, app_name: str = "lakehouse-local") -> SparkSession:
    """The local Spark application's own (classic) session, with Delta Lake; the jars come from Maven Central on first use.

    It also serves Spark Connect on a free port of 127.0.0.1 (`connect_url`). SPARK_MASTER,
    SPARK_DRIVER_MEMORY and SPARK_SHUFFLE_PARTITIONS override the defaults (local[2], 2g, 4) for a
    bigger machine, e.g. the bench's 1M rows.
    """
    # Python the server runs for a client (a streaming foreachBatch function) is this interpreter with
    # the runtime importable: the function is pickled by reference to lakehouse_runtime's modules.
    # Both are read from the environment the JVM starts with.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if str(RUNTIME_SRC) not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([str(RUNTIME_SRC), *paths])
    builder = (
        SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
        .appName(app_name)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "4"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # Delta's defaults (50 snapshot partitions, 10000 listing tasks in VACUUM) are meant for
        # clusters and dominate the run time of a small local lake.
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4")
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "2g"))
        .config("spark.sql.session.timeZone", "UTC")
        # ANSI mode as on the job clusters: on by default from Spark 4.0 and Databricks Runtime 17.0
        # (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-ansi-compliance); pinned here
        # so a changed default cannot make the local engine lenient where the cluster fails.
        .config("spark.sql.ansi.enabled", "true")
        # The Spark Connect server in this application; port 0: a free one, so parallel runs never clash.
        .config("spark.plugins", "org.apache.spark.sql.connect.SparkConnectPlugin")
        .config("spark.connect.grpc.binding.address", "127.0.0.1")
        .config("spark.connect.grpc.binding.port", "0")
    )
    spark = configure_spark_with_delta_pip(builder).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    for layer in LAYERS:
        spark.sql(f"CREATE SCHEMA IF NOT EXISTS spark_catalog.{layer}")
    return spark


def connect_url(spark: SparkSession) -> str:
    """The Spark Connect address `spark`'s application serves (the port the server bound)."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    service = getattr(getattr(jvm.org.apache.spark.sql.connect.service, "SparkConnectService$"), "MODULE$")
    return f"sc://127.0.0.1:{service.localPort()}"


def remote_session(url: str) -> SparkSession:
    """A new Spark Connect session on the server at `url`: its own SQL configuration and temporary views,
    the application's catalog and executors, as each notebook attached to a standard access mode cluster has.

    It puts the process in Spark Connect mode, as pyspark's own `builder.remote` does: from then on
    `pyspark.sql.functions` build Connect columns, which a classic session's DataFrames refuse.
    """
    from pyspark.sql.connect.session import SparkSession as RemoteSparkSession

    os.environ[CONNECT_MODE] = "1"
    session: SparkSession = RemoteSparkSession.builder.remote(url).create()  # type: ignore[assignment]
    return session


@contextmanager
def connect_session(server: SparkSession) -> Iterator[SparkSession]:
    """A Spark Connect session on `server`'s application for the block; after it the process is back in classic mode."""
    session = remote_session(connect_url(server))
    try:
        yield session
    finally:
        session.stop()
        os.environ.pop(CONNECT_MODE, None)


def is_remote(spark: SparkSession) -> bool:
    """Whether `spark` is a Spark Connect session."""
    return type(spark).__module__.startswith("pyspark.sql.connect.")


def server_url(remote: Any) -> str:
    """The address of the server a Spark Connect session talks to (its client's channel builder holds it)."""
    return f"sc://{remote.client._builder.endpoint}"


#: Every released Connect session of the process. Kept for the life of the process: a session object
#: the garbage collector finalizes closes its client, which shuts down the thread pool every session
#: of the process shares (pyspark 4.0.1), failing the operations other tasks have running with
#: "cannot schedule new futures after shutdown" (seen here when one pipeline's attempt sessions were
#: collected during the next pipeline's run).
_RELEASED: list[Any] = []


def release(remote: Any) -> None:
    """Ends a Spark Connect session on the server (its temporary views and configuration). Not `stop()`,
    and the object is kept alive (_RELEASED): stop and the finalizer shut the process's shared pool down."""
    remote.client.release_session()
    _RELEASED.append(remote)
