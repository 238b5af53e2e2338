"""Dataclasses whose __repr__, __eq__ and __hash__ are shared functions instead of code
compiled for each class.

`dataclasses.dataclass` writes the source of every method it adds and compiles it as the
class is made: about 0.6 M instructions each for __repr__ and __eq__ of a class of eight
fields, some 50 M (a twelfth) of a pre-commit run on one file, which makes ~40 classes
as it imports their modules. `lean_dataclass` lets dataclasses make the class and its
__init__ (which must stay fast: records and diagnostics are made by the thousand) and adds
methods that do what the generated ones do, from the class's fields read once:

  __repr__  ClassName(name=value!r, ...) over the fields with repr, "..." for an object
            met again inside its own repr (as dataclasses does)
  __eq__    the tuples of the fields with compare, for an object of the very same class;
            NotImplemented otherwise
  __hash__  None (unhashable) unless frozen; frozen: the hash of the tuple of the fields
            with hash (or, when unset, compare)

The class is a real dataclass (fields, replace and asdict work; __dataclass_params__ says
repr=False and eq=False, which only describes who wrote those methods). tests/test_lean_dataclass.py
checks the methods against dataclasses' own.
"""

from __future__ import annotations

import dataclasses
from _thread import get_ident
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

Class = TypeVar("Class", bound=type)


def lean_dataclass(*, frozen: bool = False, slots: bool = False, eq: bool = True) -> Callable[[Class], Class]:
    """`dataclasses.dataclass(frozen=..., slots=..., eq=...)` with shared methods (see the module)."""

    def make(cls: Class) -> Class:
        made: Class = dataclasses.dataclass(cls, repr=False, eq=False, frozen=frozen, slots=slots)
        fields = dataclasses.fields(made)
        made.__repr__ = _repr_of(tuple(f.name for f in fields if f.repr))  # type: ignore[assignment]
        if eq:
            made.__eq__ = _eq_of(_values_of(tuple(f.name for f in fields if f.compare)))  # type: ignore[assignment]
            hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            made.__hash__ = _hash_of(_values_of(hashed)) if frozen else None  # type: ignore[assignment]
        return made

    return make


def _values_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's values of these fields as a tuple (attrgetter of one
    name gives the bare value: a tuple compares its items by identity first, as the
    generated methods' tuples do)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)


def _repr_of(names: tuple[str, ...]) -> Callable[[Any], str]:
    showing: set[tuple[int, int]] = set()  # (object, thread) whose repr is being made

    def __repr__(self: Any) -> str:
        key = (id(self), get_ident())
        if key in showing:
            return "..."
        showing.add(key)
        try:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        finally:
            showing.discard(key)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _eq_of(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash_of(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__
