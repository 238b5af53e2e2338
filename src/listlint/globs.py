"""Config globs (`**` any folders, `*` and `?` within one name) matched in linear time.

A backtracking regex for a glob with many `**` or `*` can take exponential time on a deep
path that nearly matches (a 14-level `**` glob against a 60-deep tree ran past a minute),
and a repository's config and folder names are anyone's to write. Here a set of globs is
a small automaton whose states are sets of positions in the globs; each path character
moves the whole set one step, so a path costs len(path) x (number of glob tokens) at
most. Steps already taken are remembered, so the usual path costs one dictionary lookup
per character.

Globs with at most two wildcards (`**/*.yaml`, `vendor/**`: nearly all of them) go to one
`re` pattern instead, which is faster in C; with two wildcards backtracking costs at most
len(path) squared, and the usual globs are linear there too.

A glob without a slash matches the file name in any folder, as in .gitignore; a path may
end with one "/" (folders are matched as "a/b/").
"""

from __future__ import annotations

import re
from functools import lru_cache

# token kinds: one character; any one character but "/"; any run within a name ("*");
# any run at all ("**" not followed by "/"); "**/" is two tokens: _FOLDERS, which may be
# skipped with its body, and _FOLDER_BODY, any run that ends at a "/" (".*/")
_CHAR, _ONE, _NAME, _ANY, _FOLDERS, _FOLDER_BODY = range(6)
_MAX_REMEMBERED_STEPS = 50_000  # past this, the automaton starts afresh (memory stays bounded)
_NOTHING = 1  # the state that matches nothing
_MAX_REMEMBERED_FOLDERS = 4096  # folder parts of paths whose states are remembered

_WILDCARDS = (_NAME, _ANY, _FOLDERS)
_ANY_FOLDERS = [(_FOLDERS, ""), (_FOLDER_BODY, "")]  # "**/", and what a glob without a slash starts with
_MOST_WILDCARDS_FOR_RE = 2

State = frozenset[int]  # positions in GlobSet.tokens


class Globs:
    """Whether a path matches any of several globs."""

    def __init__(self, globs: tuple[str, ...]) -> None:
        tokens = {glob: _tokens(glob) for glob in globs}
        simple = [glob for glob in globs if sum(kind in _WILDCARDS for kind, _ in tokens[glob]) <= _MOST_WILDCARDS_FOR_RE]
        hard = tuple(glob for glob in globs if glob not in simple)
        # the globs that start with "**/" share one "(?:.*/)?": it backtracks over a path's
        # folders once, not once for each of them
        anywhere = [glob for glob in simple if tokens[glob][:2] == _ANY_FOLDERS]
        parts = [_regex(tokens[glob]) for glob in simple if glob not in anywhere]
        if anywhere:
            parts.append(_regex(_ANY_FOLDERS) + "(?:" + "|".join(_regex(tokens[glob][2:]) for glob in anywhere) + ")")
        self._regex = re.compile("(?:" + "|".join(parts) + r")/?\Z", re.DOTALL) if simple else None
        self._automaton = GlobSet(hard) if hard else None

    def matches(self, path: str) -> bool:
        if self._regex is not None and self._regex.match(path) is not None:
            return True
        return self._automaton is not None and self._automaton.matches(path)


def _regex(tokens: list[tuple[int, str]]) -> str:
    parts = {_ONE: "[^/]", _NAME: "[^/]*", _ANY: ".*", _FOLDERS: "(?:.*/)?", _FOLDER_BODY: ""}
    return "".join(re.escape(literal) if kind == _CHAR else parts[kind] for kind, literal in tokens)


class GlobSet:
    """Several globs matched at once by the automaton: whether a path matches any of them."""

    def __init__(self, globs: tuple[str, ...]) -> None:
        self.tokens: list[tuple[int, str]] = []
        self.ends: set[int] = set()
        starts = []
        for glob in globs:
            starts.append(len(self.tokens))
            self.tokens.extend(_tokens(glob))
            self.ends.add(len(self.tokens))
            self.tokens.append((_CHAR, ""))  # a separator no character matches
        # the automaton so far: its states (0 is the start, 1 matches nothing), which of them
        # accept, and the steps taken from each, by character
        self._start = self._closure(starts)
        self._states: list[State] = []
        self._ids: dict[State, int] = {}
        self._accepting: list[bool] = []
        self._name_may_match: list[bool] = []
        self._steps: list[dict[str, int]] = []
        self._folders: dict[str, int] = {}  # state after each folder part met (_after_folder)
        self._forget()

    def _forget(self) -> None:
        """Back to the start and nothing (the lists are emptied in place: `matches` holds them)."""
        for table in (self._states, self._accepting, self._name_may_match, self._steps):
            table.clear()
        self._ids.clear()
        self._folders.clear()  # their states are numbered anew
        self._remembered = 0
        self._id(self._start)
        self._id(frozenset())

    def matches(self, path: str) -> bool:
        folder = path.endswith("/")
        name = path.rfind("/", 0, len(path) - 1) + 1  # where the last name starts
        state = self._after_folder(path[:name])
        if not folder and not self._name_may_match[state]:
            return False  # the usual excluded-folder glob (**/.*/**) against a file's name
        state = self._run(state, path[name:-1] if folder else path[name:])
        if folder and not self._accepting[state]:
            state = self._run(state, "/")
        return self._accepting[state]

    def _id(self, state: State) -> int:
        found = self._ids.get(state)
        if found is None:
            found = self._ids[state] = len(self._states)
            self._states.append(state)
            self._accepting.append(not self.ends.isdisjoint(state))
            self._name_may_match.append(self._may_match_name(state))
            self._steps.append({})
        return found

    def _after_folder(self, folder: str) -> int:
        """The state after a path's folders ("a/b/"), remembered: a walk asks for every
        file of a folder, and most of a path's characters are its folders'."""
        state = self._folders.get(folder)
        if state is None:
            state = self._run(0, folder)
            if len(self._folders) >= _MAX_REMEMBERED_FOLDERS:
                self._folders.clear()
            self._folders[folder] = state
        return state

    def _run(self, state: int, text: str) -> int:
        """The state after `text` from `state` (_NOTHING as soon as nothing can match)."""
        steps = self._steps
        for character in text:
            following = steps[state].get(character)
            state = self._step(state, character) if following is None else following
            if state == _NOTHING:
                break
        return state

    def _may_match_name(self, state: State) -> bool:
        """Whether characters without a "/" can lead from `state` to a match: if not, a path
        whose rest is one name does not match (its characters need not be read)."""
        todo = list(state)
        seen = set()
        while todo:
            at = todo.pop()
            if at in self.ends:
                return True
            if at in seen:
                continue
            seen.add(at)
            kind, literal = self.tokens[at]
            if kind in (_ONE, _NAME, _ANY) or (kind == _CHAR and literal != "/"):
                todo.append(at + 1)  # past one character that is no "/" (or none)
            elif kind == _FOLDERS:
                todo.append(at + 2)  # "**/" matching nothing; its body needs a "/"
        return False

    def _step(self, state: int, character: str) -> int:
        """The state after `character`, worked out and remembered (`matches` looks up the
        steps it already knows itself)."""
        reached = self._closure([after for at in self._states[state] for after in self._moves(at, character)])
        if self._remembered >= _MAX_REMEMBERED_STEPS:
            self._forget()  # memory stays bounded; the cost per character stays linear
            return self._id(reached)
        following = self._steps[state][character] = self._id(reached)
        self._remembered += 1
        return following

    def _moves(self, at: int, character: str) -> tuple[int, ...]:
        kind, literal = self.tokens[at]
        if kind == _CHAR:
            return (at + 1,) if character == literal and literal else ()
        if kind == _ONE:
            return (at + 1,) if character != "/" else ()
        if kind == _NAME:
            return (at,) if character != "/" else ()
        if kind == _ANY:
            return (at,)
        if kind == _FOLDER_BODY:
            return (at, at + 1) if character == "/" else (at,)
        return ()  # _FOLDERS: left only through its closure

    def _closure(self, positions: list[int]) -> State:
        """The positions plus those reachable without a character: past a `*`, `**` or
        `**/` that matches nothing, and into the body of a `**/`."""
        reached = set()
        todo = list(positions)
        while todo:
            at = todo.pop()
            if at in reached:
                continue
            reached.add(at)
            kind = self.tokens[at][0]
            if kind in (_NAME, _ANY, _FOLDERS):
                todo.append(at + 1)
            if kind == _FOLDERS:
                todo.append(at + 2)
        return frozenset(reached)


def _tokens(glob: str) -> list[tuple[int, str]]:
    if "/" not in glob.rstrip("/"):
        glob = "**/" + glob
    tokens = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            tokens += [(_FOLDERS, ""), (_FOLDER_BODY, "")]
            index += 3
        elif glob.startswith("**", index):
            tokens.append((_ANY, ""))
            index += 2
        elif glob[index] == "*":
            tokens.append((_NAME, ""))
            index += 1
        elif glob[index] == "?":
            tokens.append((_ONE, ""))
            index += 1
        else:
            tokens.append((_CHAR, glob[index]))
            index += 1
    return tokens


@lru_cache(maxsize=64)
def glob_set(globs: tuple[str, ...]) -> Globs:
    return Globs(globs)
