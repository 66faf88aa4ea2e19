"""The dbutils fake: the widgets a notebook task reads, as a job run passes them."""


class Widgets:
    """dbutils.widgets: values the run passes win over the notebook's defaults; declarations are recorded."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = dict(values)
        self.declared: list[tuple[str, str]] = []

    def text(self, name: str, defaultValue: str, label: str | None = None) -> None:  # dbutils' own signature
        self.declared.append((name, defaultValue))
        self.values.setdefault(name, defaultValue)

    def get(self, name: str) -> str:
        return self.values[name]


class DbUtils:
    """The part of dbutils the notebooks and the runtime use."""

    def __init__(self, values: dict[str, str]) -> None:
        self.widgets = Widgets(values)
