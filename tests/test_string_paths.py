"""A run's files travel as plain strings (Engine.lint_group): a Path made per file interns
its name, which grows the interpreter's table of interned strings with the catalog. The
suffix is read off the string as Path reads it, and a file given as a string is linted
as the same file given as a Path."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from listlint.readers import file_suffix

NAME = st.text(alphabet="ab.-_ ", min_size=1, max_size=8).filter(lambda name: name not in (".", ".."))
FOLDERS = st.lists(st.sampled_from(["", ".", "..", "x", "x.y", ".git"]), max_size=3)


@given(FOLDERS, NAME, st.booleans())
@example([], ".profile", False)
@example([], "notes.", False)
@example(["x.y"], "a.b.yaml", True)
def test_a_files_suffix_is_the_one_path_gives(folders: list[str], name: str, absolute: bool) -> None:
    path = ("/" if absolute else "") + "/".join([*folders, name])
    assert file_suffix(path) == Path(path).suffix


FILES = {
    "item.yaml": "sku: A1\ntitle: Bottle\nbullets: [Order at shop-a.com]\n",
    "item.JSON": '{"sku": "B2", "title": "Cup", "bullets": ["Order at shop-b.com"]}\n',
    "items.csv": "item_sku,item_name,brand_name,bullet_point1\nC3,Bowl,Nimbleo,see shop-c.com\n",
    "notes.": "sku: D4\n",
}


def test_a_file_given_as_a_string_is_linted_as_given_as_a_path(engine, tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, "utf-8")
    as_paths = engine.lint_group([(tmp_path / name, name) for name in FILES], True)
    as_strings = engine.lint_group([(str(tmp_path / name), name) for name in FILES], True)
    assert [(r.path, r.diagnostics, r.listings, r.checked) for r in as_strings] == [(r.path, r.diagnostics, r.listings, r.checked) for r in as_paths]
    assert {d.code for r in as_strings for d in r.diagnostics} >= {"RED001"}  # the files were read and checked
