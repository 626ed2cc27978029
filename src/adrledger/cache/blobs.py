"""Records as bytes: the pickled form the cache stores and parse workers send back.

Loading a log of 10,000 records rebuilds some 200,000 model objects, so how each is rebuilt
decides how fast a warm run is. By default a frozen slotted dataclass pickles through a
Python __getstate__ / __setstate__ pair per object; a call of the class runs the generated
__init__, which sets each field through object.__setattr__. Here each model class gets a
maker that creates the object and fills its slots through the slot descriptors directly (the
same object, about half the cost of __init__), and pickles as a call of that maker with the
fields in order. Objects of any other class pickle as usual.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
import sys
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from .. import model

Reducer = Callable[[Any], Any]

# Short words that recur in every record (section titles and keys, statuses, problem codes,
# relation kinds): each unpickled copy would be a string of its own, 40 % of the memory of a
# loaded log; interned, there is one of each. Long unique texts are left alone.
INTERNED = {
    "Section": ("title", "key"),
    "Problem": ("code", "message", "severity"),
    "Relation": ("kind", "label", "source"),
    "Alternative": ("verdict", "group"),
    "Risk": ("impact", "likelihood"),
    "Criterion": ("weight_raw",),
    "Checklist": ("title",),
    "ReviewEntry": ("author",),
    "DecisionMatrix": ("weight_unit",),
    "Record": ("style", "status", "status_raw", "status_source", "package", "date", "date_raw"),
}


def _maker(cls: type) -> Callable[..., Any] | None:
    """A function making a cls from its fields in order, bypassing __init__; None if not slotted."""
    names = [f.name for f in dataclasses.fields(cls)]
    setters = [getattr(cls.__dict__.get(name), "__set__", None) for name in names]
    if not names or any(setter is None for setter in setters):
        return None
    params = ", ".join(f"v{i}" for i in range(len(names)))
    interned = INTERNED.get(cls.__name__, ())
    body = "\n".join(
        f"    s{i}(obj, intern(v{i}) if v{i}.__class__ is str else v{i})"
        if name in interned
        else f"    s{i}(obj, v{i})"
        for i, name in enumerate(names)
    )
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, "intern": sys.intern}
    namespace.update((f"s{i}", setter) for i, setter in enumerate(setters))
    name = f"make_{cls.__name__}"
    # Generated like dataclasses' own __init__: one plain function per class, no loop at call time.
    exec(f"def {name}({params}):\n    obj = new(cls)\n{body}\n    return obj\n", namespace)
    make: Callable[..., Any] = namespace[name]
    make.__module__, make.__qualname__ = __name__, name
    setattr(sys.modules[__name__], name, make)  # pickle finds makers by module and name
    return make


def _reducer(make: Callable[..., Any], names: list[str]) -> Reducer:
    fields = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (make, (fields(obj),))
    return lambda obj: (make, fields(obj))


def _dispatch_table() -> dict[type, Reducer]:
    table: dict[type, Reducer] = dict(copyreg.dispatch_table)
    for value in list(vars(model).values()):
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__:
            make = _maker(value)
            if make is not None:
                table[value] = _reducer(make, [f.name for f in dataclasses.fields(value)])
    return table


_DISPATCH = _dispatch_table()


def dumps_records(value: Any) -> bytes:
    """Pickle records (or anything holding them) in the form loads_records reads fastest."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return buffer.getvalue()


def loads_records(blob: bytes) -> Any:
    return pickle.loads(blob)  # blobs come from our own signed cache file or our own parse workers
