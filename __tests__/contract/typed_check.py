"""A strict check of JSON-like data against a Python type: TypedDicts (no unknown or missing keys),
Literals, lists, dicts, unions (TypedDicts told apart by their `kind`), str, int, float, bool, None.
It answers with every mismatch, each at its path, so a drift between the TypeScript that writes a
configuration and the TypedDict the runtime reads it as fails with what differs."""

import types
from typing import (
    Any,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

DISCRIMINATOR = "kind"


def _name(tp: Any) -> str:
    return getattr(tp, "__name__", repr(tp))


def _typeddict(value: Any, tp: Any, path: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path}: expected {_name(tp)}, got {type(value).__name__} {value!r}"]
    hints = get_type_hints(tp)
    found = [f"{path}: missing key {key!r} of {_name(tp)}" for key in sorted(tp.__required_keys__ - value.keys())]
    found += [f"{path}: unknown key {key!r}, not in {_name(tp)}" for key in sorted(value.keys() - hints.keys())]
    for key in sorted(value.keys() & hints.keys()):
        found += mismatches(value[key], hints[key], f"{path}[{key!r}]")
    return found


def _union(value: Any, members: tuple[Any, ...], path: str) -> list[str]:
    results = [mismatches(value, member, path) for member in members]
    if any(not r for r in results):
        return []
    tagged = [m for m in members if is_typeddict(m) and DISCRIMINATOR in get_type_hints(m)]
    if isinstance(value, dict) and tagged and len(tagged) == len(members):
        # A discriminated union: the member its kind names says what is wrong.
        for member, result in zip(members, results, strict=True):
            if not mismatches(value.get(DISCRIMINATOR), get_type_hints(member)[DISCRIMINATOR], path):
                return result
        kinds = sorted(k for m in tagged for k in get_args(get_type_hints(m)[DISCRIMINATOR]))
        return [f"{path}[{DISCRIMINATOR!r}]: {value.get(DISCRIMINATOR)!r} is none of {kinds}"]
    return [f"{path}: {value!r} is none of {' | '.join(_name(m) for m in members)}"]


def mismatches(value: Any, tp: Any, path: str = "value") -> list[str]:
    """Every way `value` differs from `tp`, at its path; empty when it conforms."""
    origin = get_origin(tp)
    if is_typeddict(tp):
        return _typeddict(value, tp, path)
    if origin in (Union, types.UnionType):
        return _union(value, get_args(tp), path)
    if origin is Literal:
        allowed = get_args(tp)
        return [] if any(value == a and type(value) is type(a) for a in allowed) else [f"{path}: {value!r} is none of {list(allowed)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__} {value!r}"]
        (item,) = get_args(tp)
        return [m for i, v in enumerate(value) for m in mismatches(v, item, f"{path}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{path}: expected a dict, got {type(value).__name__} {value!r}"]
        key_type, value_type = get_args(tp)
        return [
            m
            for k, v in value.items()
            for m in [
                *mismatches(k, key_type, f"{path} key"),
                *mismatches(v, value_type, f"{path}[{k!r}]"),
            ]
        ]
    if tp is type(None) or tp is None:
        return [] if value is None else [f"{path}: expected None, got {value!r}"]
    if tp is float:
        # JSON has one number type: an integral float is written as an int (PEP 484's numeric tower agrees).
        return [] if type(value) in (int, float) else [f"{path}: expected a number, got {type(value).__name__} {value!r}"]
    if tp in (str, int, bool):
        return [] if type(value) is tp else [f"{path}: expected {tp.__name__}, got {type(value).__name__} {value!r}"]
    raise TypeError(f"{path}: the checker does not know {tp!r}; teach it before using that type in config.py")
