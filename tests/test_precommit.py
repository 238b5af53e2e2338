"""The pre-commit hook, run for real: pre-commit installs listlint from a git repository
into its own virtualenv and runs `listlint check` on the staged listing files.

/work/main carries uncommitted work, so the hook repository is a snapshot of the files a
build needs (pyproject.toml, src/, rulesets/, README.md, .pre-commit-hooks.yaml) committed
into a fresh git repository; `repo:` is its path and `rev:` its commit. pre-commit builds
the hook environment once for the module (PRE_COMMIT_HOME in a temporary folder, pip from
PyPI); every test then reuses it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

HOOK_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "rulesets")
CLEAN_FIXTURE = ROOT / "fixtures" / "listings" / "clean" / "water-bottle.yaml"

BAD_LISTING = """\
sku: TRL-BTL-500-RED
marketplaces: [US]
product_type: BOTTLE
brand: Trailmere
title: Trailmere Insulated Water Bottle 500 ml, Red
bullets:
  - "Double-wall vacuum insulation keeps drinks cold for 24 hours"
  - "Spare lids and straps at https://trailmere-outdoor.com/spares today"
"""
URL = "https://trailmere-outdoor.com/spares"


def _position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text`."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout.strip()


class Workspace:
    """A user's repository whose .pre-commit-config.yaml points at the hook snapshot."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path = path
        self.env = env

    def git(self, *args: str) -> str:
        return _git(*args, cwd=self.path, env=self.env)

    def git_result(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True, timeout=300)

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def write(self, relative: str, text: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path


@dataclass
class HookSetup:
    env: dict[str, str]
    repo: Path  # the committed snapshot pre-commit installs from
    sha: str = ""


@pytest.fixture(scope="module")
def hook_setup(tmp_path_factory) -> HookSetup:
    base = tmp_path_factory.mktemp("precommit")
    gitconfig = base / "gitconfig"
    gitconfig.write_text("[user]\n\tname = listlint tests\n\temail = tests@example.invalid\n[init]\n\tdefaultBranch = main\n")
    env = dict(os.environ)
    env.update(
        {
            "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
            "GIT_CONFIG_GLOBAL": str(gitconfig),  # no user hooksPath, signing or templates
            "GIT_CONFIG_NOSYSTEM": "1",
            "PRE_COMMIT_COLOR": "never",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
    )
    env.pop("PRE_COMMIT", None)
    env.pop("SKIP", None)
    return HookSetup(env, _hook_repo(base / "hook-repo", env))


def _hook_repo(path: Path, env: dict[str, str]) -> Path:
    path.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in HOOK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, path / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, path / name)
    if not (path / "README.md").exists():  # pyproject names it as the readme
        (path / "README.md").write_text("# listlint\n")
    assert (path / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=path, env=env)
    _git("add", "-A", cwd=path, env=env)
    _git("commit", "-q", "-m", "listlint snapshot for the pre-commit test", cwd=path, env=env)
    return path


@pytest.fixture(scope="module")
def installed(hook_setup, tmp_path_factory) -> HookSetup:
    """Build the hook's virtualenv once (one pip install of listlint for the module)."""
    hook_setup.sha = _git("rev-parse", "HEAD", cwd=hook_setup.repo, env=hook_setup.env)
    warmup = _workspace(tmp_path_factory.mktemp("warmup"), hook_setup)
    result = warmup.pre_commit("install-hooks")
    assert result.returncode == 0, f"pre-commit install-hooks failed:\n{result.stdout}\n{result.stderr}"
    return hook_setup


def _workspace(path: Path, setup: HookSetup) -> Workspace:
    path.mkdir(parents=True, exist_ok=True)
    work = Workspace(path, setup.env)
    work.git("init", "-q")
    work.write(
        ".pre-commit-config.yaml",
        f"repos:\n  - repo: {setup.repo.as_posix()}\n    rev: {setup.sha}\n    hooks:\n      - id: listlint\n",
    )
    work.git("add", ".pre-commit-config.yaml")
    return work


@pytest.fixture()
def work(installed, tmp_path) -> Workspace:
    return _workspace(tmp_path / "shop", installed)


def test_hook_definition_matches_the_brief():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert sorted(hooks) == ["listlint", "listlint-repo"]
    hook = hooks["listlint"]
    assert hook["id"] == "listlint"
    assert hook["language"] == "python"
    assert hook["entry"] == "listlint check"
    assert hook["types"] == ["file"]  # listlint picks its own files (globs, sniffing)
    assert hook["require_serial"] is False
    assert hook.get("pass_filenames", True) is True
    assert hook["args"] == ["--"]  # options end before the staged names (a file may be named --output-file=x)
    assert not hook.get("always_run", False)  # with no listing staged, `listlint check` must not lint the whole tree


def test_clean_listing_passes(work):
    work.write("listings/water-bottle.yaml", CLEAN_FIXTURE.read_text("utf-8"))
    work.git("add", "listings/water-bottle.yaml")
    result = work.pre_commit("run", "--files", "listings/water-bottle.yaml")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "listlint" in output and "Passed" in output


def test_listing_with_url_is_blocked_with_code_and_position(work):
    work.write("listings/water-bottle.yaml", CLEAN_FIXTURE.read_text("utf-8"))
    work.write("listings/bottle-500-red.yaml", BAD_LISTING)
    work.git("add", "listings")
    result = work.pre_commit("run", "--files", "listings/water-bottle.yaml", "listings/bottle-500-red.yaml")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    line, column = _position(BAD_LISTING, URL)
    assert f"listings/bottle-500-red.yaml:{line}:{column}: RED001 error" in output, output
    assert "drafts/" not in output, output  # untracked: not part of the repository
    assert URL in output
    assert "water-bottle.yaml:" not in output  # the clean file gets no finding


def test_git_commit_is_blocked_until_the_url_is_removed(work):
    install = work.pre_commit("install")
    assert install.returncode == 0, install.stdout + install.stderr
    work.write("listings/bottle-500-red.yaml", BAD_LISTING)
    work.git("add", "-A")

    blocked = work.git_result("commit", "-m", "add red bottle")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    line, column = _position(BAD_LISTING, URL)
    assert f"listings/bottle-500-red.yaml:{line}:{column}: RED001" in output, output
    assert work.git_result("rev-parse", "--verify", "-q", "HEAD").returncode != 0  # nothing was committed

    work.write("listings/bottle-500-red.yaml", BAD_LISTING.replace(" at " + URL, " are sold separately"))
    work.git("add", "-A")
    allowed = work.git_result("commit", "-m", "add red bottle")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "listings/bottle-500-red.yaml" in work.git("show", "--name-only", "--format=", "HEAD").splitlines()


def test_files_of_other_tools_pass_and_flat_files_are_linted(work):
    # a URL in a text file and a non-listing YAML file: neither is a listing finding
    work.write("notes/links.txt", "supplier portal: https://supplier.example.com/orders\n")
    work.write("notes/tools.yaml", "formatter: prettier\nline_length: 100\n")
    work.write("listings/water-bottle.yaml", CLEAN_FIXTURE.read_text("utf-8"))
    work.git("add", "-A")
    result = work.pre_commit("run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output

    flat = ROOT / "fixtures" / "flatfiles" / "flagged" / "headsets-attribute-template.csv"
    work.write("listings/headsets.csv", flat.read_text("utf-8"))
    work.git("add", "-A")
    result = work.pre_commit("run", "--files", "listings/headsets.csv")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "listings/headsets.csv:4:85: RED006" in output, output
    (work.path / "listings" / "headsets.csv").unlink()

    work.write("listings/broken.json", '{"sku": "X-1", "title": "Bottle", }\n')
    work.git("add", "-A")
    result = work.pre_commit("run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "listings/broken.json:1:" in output and "INP001" in output, output


def test_a_staged_file_named_like_an_option_is_a_file(work):
    # pre-commit appends staged names after the hook's args; the hook's "--" keeps this one a file name
    victim = "victim: keep me\n"
    work.write("victim.yaml", victim)
    work.write("--output-file=victim.yaml", BAD_LISTING)
    work.git("add", "-A")
    result = work.pre_commit("run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "--output-file=victim.yaml:8:" in output and "RED001" in output, output
    assert (work.path / "victim.yaml").read_text("utf-8") == victim


def test_repo_hook_definition():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    hook = hooks["listlint-repo"]
    assert hook["entry"] == "listlint check --git-only"  # untracked drafts are not part of the repository
    assert hook["pass_filenames"] is False  # one run over the whole repository
    assert hook["language"] == "python"
    assert hook["require_serial"] is True


def test_repo_hook_checks_the_whole_repository_and_honours_the_baseline(installed, tmp_path):
    work = _workspace(tmp_path / "shop", installed)
    work.write(
        ".pre-commit-config.yaml",
        f"repos:\n  - repo: {installed.repo.as_posix()}\n    rev: {installed.sha}\n    hooks:\n      - id: listlint-repo\n",
    )
    work.write("listings/bottle-500-red.yaml", BAD_LISTING)  # an old listing, not part of this commit
    work.git("add", "-A")
    work.git("commit", "-q", "--no-verify", "-m", "old catalog")
    work.write("listings/drafts/untracked.yaml", BAD_LISTING.replace("TRL-BTL-500-RED", "DRAFT-1"))  # never added

    clean = BAD_LISTING.replace(" at " + URL, " are sold separately").replace("TRL-BTL-500-RED", "TRL-BTL-500-BLU").replace("Red", "Blue")
    work.write("listings/water-bottle.yaml", clean)
    work.git("add", "listings/water-bottle.yaml")
    result = work.pre_commit("run", "--files", "listings/water-bottle.yaml")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # the whole repository was checked, not only the staged file
    line, column = _position(BAD_LISTING, URL)
    assert f"listings/bottle-500-red.yaml:{line}:{column}: RED001 error" in output, output
    assert "drafts/" not in output, output  # untracked: not part of the repository

    # adopt: the known finding goes into the baseline the config names; the hook passes
    work.write(".listlint.yaml", "baseline: listlint-baseline.json\n")
    adopt = subprocess.run([sys.executable, "-m", "listlint", "check", "--write-baseline", "listlint-baseline.json"], cwd=work.path, capture_output=True, text=True, timeout=300)
    assert adopt.returncode == 0, adopt.stderr
    work.git("add", ".listlint.yaml", "listlint-baseline.json")  # the draft stays untracked
    result = work.pre_commit("run", "--files", "listings/water-bottle.yaml")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output


def test_readme_pins_a_commit_and_autoupdate_moves_it_to_the_newest_commit(hook_setup, tmp_path):
    """Until listlint has a release tag, the README pins `rev` to a commit sha; `pre-commit
    autoupdate` (no tag to move to) sets it to the sha of the newest commit."""
    import yaml

    readme = (ROOT / "README.md").read_text("utf-8")
    snippet = readme[readme.index("# .pre-commit-config.yaml in your listing repository") :].split("```", 1)[0]
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert repo["rev"] == "<commit-sha>" and "pre-commit autoupdate" in readme
    head = _git("rev-parse", "HEAD", cwd=hook_setup.repo, env=hook_setup.env)
    work = Workspace(tmp_path / "shop", hook_setup.env)
    work.path.mkdir()
    work.git("init", "-q")
    old = "deadbeef" * 5  # some earlier commit
    work.write(".pre-commit-config.yaml", f"repos:\n  - repo: {hook_setup.repo.as_posix()}\n    rev: {old}\n    hooks:\n      - id: listlint\n")
    result = work.pre_commit("autoupdate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert yaml.safe_load((work.path / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]["rev"] == head
