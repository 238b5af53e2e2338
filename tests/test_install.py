"""The README's install snippets work as written: the wheel that `pip wheel --no-deps -w dist .`
builds installs in a fresh virtual environment and runs, the `pip install "git+…@<commit-sha>"`
form installs listlint from a clone of this repository, and the GitHub Actions and GitLab CI
snippets install exactly that form (listlint is not on PyPI: `pip install listlint` fails).

The fresh environments get listlint's dependencies from the running interpreter (a .pth line
naming its site-packages) so that the tests need no index; listlint itself comes only from
the wheel or the clone.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
GIT_PLACEHOLDER = "git+https://<git-host>/<owner>/listlint@<commit-sha>"


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else len(README)]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def _install_commands(commands: list[str]) -> list[list[str]]:
    return [shlex.split(c, comments=True) for c in commands if re.search(r"\bpip install\b", c)]


def _ci_install_commands() -> list[tuple[str, list[str]]]:
    github, gitlab = _blocks(_section("CI integration"), "yaml")
    steps = yaml.safe_load(github)["jobs"]["listlint"]["steps"]
    found = [("github", words) for words in _install_commands([s["run"] for s in steps if "run" in s])]
    found += [("gitlab", words) for words in _install_commands(yaml.safe_load(gitlab)["listlint"]["script"])]
    return found


def _requirements(words: list[str]) -> list[str]:
    after = words[words.index("install") + 1 :]
    return [w for w in after if not w.startswith("-")]


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, args))}:\n{result.stdout}\n{result.stderr}"
    return result


def _fresh_venv(folder: Path) -> Path:
    """A new virtual environment that sees the running interpreter's packages (listlint's
    dependencies) after its own; returns its bin folder."""
    _run(sys.executable, "-m", "venv", folder)
    bin_dir = folder / ("Scripts" if sys.platform == "win32" else "bin")
    purelib = Path(_run(bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (purelib / "zz-listlint-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return bin_dir


def _assert_runs_from(bin_dir: Path, tmp_path: Path) -> None:
    version = _run(bin_dir / "listlint", "--version")
    assert version.stdout.startswith("listlint ")
    where = _run(bin_dir / "python", "-c", "import listlint; print(listlint.__file__)").stdout.strip()
    assert Path(where).is_relative_to(bin_dir.parent) and not Path(where).is_relative_to(ROOT)  # the installed copy
    listing = tmp_path / "plush-toy.yaml"
    listing.write_text((ROOT / "fixtures" / "listings" / "flagged" / "plush-toy.yaml").read_text("utf-8"), "utf-8")
    checked = subprocess.run([bin_dir / "listlint", "check", listing.name], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 1 and "IPR001" in checked.stdout, checked.stderr  # shipped rulesets are in the package


def test_setup_section_names_the_git_and_wheel_installs():
    setup = _section("Set up on a fresh machine")
    assert f'pip install "{GIT_PLACEHOLDER}"' in setup
    assert "pip wheel --no-deps -w dist . && pip install dist/listlint-" in setup


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_ci_snippets_install_listlint_from_the_repository(ci):
    found = [words for name, words in _ci_install_commands() if name == ci]
    assert found, f"no pip install step in the {ci} snippet"
    for words in found:
        assert _requirements(words) == [GIT_PLACEHOLDER], words  # never `pip install listlint`: it is not on PyPI


def test_wheel_builds_installs_in_a_fresh_venv_and_runs(tmp_path):
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ".", cwd=ROOT)  # the README's command
    (wheel,) = dist.glob("listlint-*.whl")
    assert f"dist/{wheel.name}" in _section("Set up on a fresh machine")  # the file name the README installs
    with zipfile.ZipFile(wheel) as archive:  # the language model and its licence (tools/build_language_model.py)
        packed = {Path(name).name for name in archive.namelist() if name.startswith("listlint/data/langid/")}
    assert packed == {path.name for path in (ROOT / "src" / "listlint" / "data" / "langid").iterdir()}
    bin_dir = _fresh_venv(tmp_path / "venv")
    _run(bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    _assert_runs_from(bin_dir, tmp_path)


def test_git_install_form_installs_from_a_clone(tmp_path):
    clone = tmp_path / "listlint"
    _run("git", "clone", "-q", ROOT, clone)
    sha = _run("git", "rev-parse", "HEAD", cwd=clone).stdout.strip()
    requirement = GIT_PLACEHOLDER.replace("https://<git-host>/<owner>/listlint", clone.as_uri()).replace("<commit-sha>", sha)
    bin_dir = _fresh_venv(tmp_path / "venv")
    _run(bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", requirement)
    _assert_runs_from(bin_dir, tmp_path)
