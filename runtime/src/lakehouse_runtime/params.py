"""Job parameters. A notebook has no defaults: every value comes from the job, and a missing one
fails the task at once, naming every parameter that is missing."""

from typing import Protocol


class Widgets(Protocol):
    def text(self, name: str, defaultValue: str, label: str | None = None) -> None: ...

    def get(self, name: str) -> str: ...


class DbUtils(Protocol):
    @property
    def widgets(self) -> Widgets: ...


class MissingParameterError(ValueError):
    """The task was started without parameters the job always passes (e.g. a manual run)."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"missing job parameter(s): {', '.join(missing)}; the pipeline job passes them, a manual run must pass them too")
        self.missing = missing


def read(dbutils: DbUtils, names: list[str]) -> dict[str, str]:
    """The values of `names`, declared as widgets without a default so a run shows what it needs."""
    for name in names:
        dbutils.widgets.text(name, "")
    values = {name: dbutils.widgets.get(name) for name in names}
    missing = [name for name, value in values.items() if value == ""]
    if missing:
        raise MissingParameterError(missing)
    return values


def flag(value: str) -> bool:
    """A "true"/"false" parameter."""
    if value not in ("true", "false"):
        raise ValueError(f'expected "true" or "false", got {value!r}')
    return value == "true"
