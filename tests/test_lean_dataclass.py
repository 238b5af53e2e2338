"""lean_dataclass: the same class as dataclasses.dataclass, but __repr__, __eq__ and
__hash__ shared instead of compiled per class. Each case is made both ways from the same
body and must answer alike."""

from __future__ import annotations

import dataclasses
import importlib
import pickle
import pkgutil
from collections.abc import Callable
from dataclasses import field
from typing import Any

import pytest

import listlint
from listlint.lean_dataclass import lean_dataclass


def _both(options: dict[str, Any], body: Callable[[], dict[str, Any]]) -> tuple[type, type]:
    """The class made by dataclasses and by lean_dataclass from the same annotations and defaults."""
    made = []
    for decorate in (dataclasses.dataclass(**options), lean_dataclass(**options)):
        namespace = {**body(), "__qualname__": "Outer.Item", "__module__": __name__}
        made.append(decorate(type("Item", (), namespace)))
    return made[0], made[1]


def BODY() -> dict[str, Any]:  # fresh fields for each class: dataclasses writes into them
    return {
        "__annotations__": {"name": "str", "count": "int", "tags": "tuple[str, ...]", "cache": "dict[str, int]", "top": "str"},
        "count": 0,
        "tags": (),
        "cache": field(default_factory=dict, repr=False, compare=False),
        "top": field(default="", init=False, repr=False),
    }
OPTIONS = [{}, {"slots": True}, {"frozen": True}, {"frozen": True, "slots": True}, {"slots": True, "eq": False}]
NAN = float("nan")


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_a_lean_class_answers_as_the_dataclass_does(options: dict[str, Any]) -> None:
    stock, lean = _both(options, BODY)
    pairs = [(("a", 1, ("x",)), ("a", 1, ("x",))), (("a", 1), ("a", 2)), (("a", NAN), ("a", NAN)), (("é'\n", -1, ("y", "z")), ("é'\n", -1, ("y", "z")))]
    for left, right in pairs:
        s1, s2, l1, l2 = stock(*left), stock(*right), lean(*left), lean(*right)
        assert repr(l1) == repr(s1) and repr(l2) == repr(s2)
        assert (l1 == l2) == (s1 == s2) and (l1 != l2) == (s1 != s2)
        assert (l1 == "a") == (s1 == "a") and (l1 == s1) is False  # another class: never equal
        if stock.__hash__ is None or stock.__hash__ is object.__hash__:  # unhashable, or by identity (eq=False)
            assert lean.__hash__ is stock.__hash__
        else:
            assert hash(l1) == hash(s1) and (hash(l1) == hash(l2)) == (hash(s1) == hash(s2))
    lean_nan, stock_nan = lean("a", NAN), stock("a", NAN)
    assert (lean_nan == lean_nan) == (stock_nan == stock_nan)  # tuples compare an item by identity first
    assert [(f.name, f.repr, f.compare) for f in dataclasses.fields(lean)] == [(f.name, f.repr, f.compare) for f in dataclasses.fields(stock)]
    assert dataclasses.replace(lean("a", 1), count=5).count == 5 and dataclasses.asdict(lean("a")) == dataclasses.asdict(stock("a"))
    assert lean.__dataclass_params__.frozen == stock.__dataclass_params__.frozen and ("__slots__" in vars(lean)) == ("__slots__" in vars(stock))


def test_an_object_inside_its_own_repr_is_shown_as_dots() -> None:
    stock, lean = _both({}, lambda: {"__annotations__": {"name": "str", "inner": "Any"}, "inner": None})
    s, l = stock("a"), lean("a")
    s.inner, l.inner = [s], [l]
    assert repr(l) == repr(s) == "Outer.Item(name='a', inner=[...])"


def test_a_lean_frozen_class_refuses_assignment_and_pickles() -> None:
    stock, lean = _both({"frozen": True, "slots": True}, BODY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lean("a").count = 2  # type: ignore[misc]
    globals()["Item"] = lean  # pickled by name
    lean.__qualname__ = "Item"
    try:
        item = lean("a", 3, ("t",))
        assert pickle.loads(pickle.dumps(item)) == item
    finally:
        del globals()["Item"]


def test_every_listlint_dataclass_is_lean() -> None:
    """A class made with the stock decorator would compile its own methods again at import."""
    stock = []
    for module in pkgutil.walk_packages(listlint.__path__, "listlint."):
        if module.name in ("listlint.__main__",):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.name:
                if value.__repr__.__qualname__ != "_repr_of.<locals>.__repr__":
                    stock.append(f"{module.name}.{value.__qualname__}")
    assert stock == []
