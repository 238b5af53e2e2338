"""The HTML report, opened in a real headless Chromium and checked as a person would see it.

The test starts Chromium with --remote-debugging-pipe (the DevTools protocol over two
pipes, no port, no extra package), opens the report from a file: URL, clicks the filter
checkboxes and reads what is rendered: which rows have a layout box, the counts shown, the
<mark> highlights, the rule explanation a code links to. It is skipped, saying why, only
where no Chromium or Chrome binary exists at all; .ci/run installs Debian's `chromium`.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)
DEADLINE = 180  # seconds a single protocol answer may take before the test gives up (a hang guard, not a timing check)


def browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """A headless Chromium driven over the DevTools pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, binary: str, profile: Path, log: Path) -> None:
        # the shell moves our stdin/stdout pipes to fds 3 and 4, where Chromium expects them
        self.log = log
        self.process = subprocess.Popen(
            ["sh", "-c", 'exec "$@" 3<&0 4>&1 </dev/null >/dev/null', "sh", binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log.open("wb"),
        )
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []
        self.session = ""

    def send(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message).encode() + b"\0")
        self.process.stdin.flush()
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        end = time.monotonic() + DEADLINE
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                raise AssertionError(f"Chromium did not answer; its log:\n{self.log.read_text(errors='replace')[-3000:]}")
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise AssertionError(f"Chromium exited; its log:\n{self.log.read_text(errors='replace')[-3000:]}")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.body && document.body.getAttribute('data-ready') === 'true'")

    def wait_for(self, expression: str) -> None:
        end = time.monotonic() + DEADLINE
        while not self.js(f"!!({expression})"):
            assert time.monotonic() < end, f"never true in the page: {expression}"
            time.sleep(0.05)

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    binary = browser()
    if binary is None:
        pytest.skip(f"no Chromium or Chrome on this machine (looked for {', '.join(BROWSERS)}); .ci/run installs Debian's chromium")
    folder = tmp_path_factory.mktemp("chromium")
    driver = Chromium(binary, folder / "profile", folder / "chromium.log")
    yield driver
    driver.close()


def report(tmp_path: Path, *args: str, cwd: Path = ROOT) -> tuple[Path, dict]:
    target = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "listlint", "check", "--format", "html", "--output-file", str(target), *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    data = subprocess.run([sys.executable, "-m", "listlint", "check", "--format", "json", *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    return target, json.loads(data.stdout)


# What a person sees: rows with a layout box (not hidden by the filters or a closed group)
VISIBLE_ROWS = "Array.from(document.querySelectorAll('tr.finding')).filter(r => r.getClientRects().length > 0)"


def visible(chromium, attribute: str = "data-severity") -> list[str]:
    return chromium.js(f"{VISIBLE_ROWS}.map(r => r.getAttribute('{attribute}'))")


def click(chromium, selector: str) -> None:
    chromium.js(f"document.querySelector({json.dumps(selector)}).click()")


def test_fixture_report_shows_counts_highlights_and_filters(chromium, tmp_path):
    path, data = report(tmp_path, "fixtures/")
    diagnostics, summary = data["diagnostics"], data["summary"]
    chromium.open(path.as_uri())

    # nothing loaded from anywhere: one self-contained file
    assert chromium.js("performance.getEntriesByType('resource').length") == 0
    assert len(visible(chromium)) == len(diagnostics)
    for severity, key in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
        assert chromium.js(f"document.querySelector('#count-{severity} b').innerText") == str(summary[key])
    assert chromium.js("document.getElementById('shown-count').innerText") == str(len(diagnostics))
    assert chromium.js("document.getElementById('summary').innerText").startswith(f"Found {len(diagnostics)} problems")

    # every finding highlights its text in the source line, and the highlight is drawn
    marks = chromium.js(f"{VISIBLE_ROWS}.map(r => {{ const m = r.querySelector('mark'); return m && m.getClientRects().length ? m.innerText : null; }})")
    assert all(marks), marks
    for d, mark in zip(diagnostics, marks):
        if d["match"] and d["end_line"] == d["line"] and d["match"] in mark:
            continue
        # the value differs from its source text (YAML quoting, a multi-line span): the mark still starts where the finding does
        assert mark.strip(), d
    url = next(d for d in diagnostics if d["code"] == "RED001")
    assert url["match"] in marks
    assert chromium.js("getComputedStyle(document.querySelector('mark')).backgroundColor") != "rgba(0, 0, 0, 0)"

    # per file and SKU
    files = chromium.js("Array.from(document.querySelectorAll('details.file')).map(f => f.getAttribute('data-path'))")
    assert files == sorted({d["path"] for d in diagnostics})
    skus = set(chromium.js("Array.from(document.querySelectorAll('.sku-group')).map(g => g.getAttribute('data-sku'))"))
    assert {d["sku"] for d in diagnostics if d["sku"]} <= skus

    # filter out warnings: only errors (and info) stay visible, and the counts follow
    click(chromium, "input[name=severity][value=warning]")
    shown = visible(chromium)
    assert "warning" not in shown
    assert len(shown) == summary["errors"] + summary["info"]
    assert chromium.js("document.getElementById('shown-count').innerText") == str(len(shown))
    assert chromium.js("location.hash") == "#severity=error,info"

    # and a family: no RED row stays
    click(chromium, "input[name=family][value=RED]")
    families = visible(chromium, "data-family")
    expected = [d for d in diagnostics if d["severity"] != "warning" and not d["code"].startswith("RED")]
    assert "RED" not in families and len(families) == len(expected)
    # a file whose findings are all filtered out disappears
    hidden_files = chromium.js("Array.from(document.querySelectorAll('details.file')).filter(f => !f.getClientRects().length).length")
    assert hidden_files == len({d["path"] for d in diagnostics}) - len({d["path"] for d in expected})

    click(chromium, "#show-all")
    assert len(visible(chromium)) == len(diagnostics)

    # a rule code links to its explanation, embedded in the page
    click(chromium, "a[href='#rule-RED001']")
    assert chromium.js("location.hash") == "#rule-RED001"
    explanation = chromium.js("document.getElementById('rule-RED001').innerText")
    explain = subprocess.run([sys.executable, "-m", "listlint", "explain", "RED001"], cwd=ROOT, capture_output=True, text=True, timeout=120).stdout
    assert explain.splitlines()[2][:60] in explanation.replace("\n", " ") or explain.split("\n")[0] in explanation
    assert chromium.js("document.getElementById('rule-RED001').getBoundingClientRect().top") < 900  # scrolled into view


def test_filter_state_comes_from_the_link(chromium, tmp_path):
    path, data = report(tmp_path, "fixtures/")
    chromium.open(path.as_uri() + "#severity=warning")
    shown = visible(chromium)
    assert shown and set(shown) == {"warning"}
    assert len(shown) == data["summary"]["warnings"]
    assert chromium.js("document.querySelector('input[name=severity][value=error]').checked") is False


def test_hostile_paths_and_text_render_as_text(chromium, tmp_path):
    folder = tmp_path / "shop"
    (folder / "listings").mkdir(parents=True)
    name = "a <b>&amp; 100%: ü\nx.yaml"
    (folder / "listings" / name).write_text(
        'sku: "X<script>alert(1)</script>"\ntitle: "<b>Bold</b> bottle, see https://evil.example/?a=<i>&b=1"\n', "utf-8"
    )
    path, data = report(tmp_path, cwd=folder)
    chromium.open(path.as_uri())
    assert chromium.js("document.querySelectorAll('script').length") == 1  # only the report's own
    assert chromium.js("document.querySelector('details.file').getAttribute('data-path')") == f"listings/{name}"
    assert chromium.js("document.querySelector('h2.path').textContent") == f"listings/{name}"
    marks = chromium.js("Array.from(document.querySelectorAll('mark')).map(m => m.textContent)")
    assert "https://evil.example/?a=" in marks, marks
    contexts = chromium.js("Array.from(document.querySelectorAll('pre.context')).map(p => p.textContent)")
    assert any('title: "<b>Bold</b> bottle, see https://evil.example/?a=<i>&b=1"' in c for c in contexts), contexts
    assert chromium.js("document.querySelectorAll('main b, main i').length") == 0  # the listing's tags stay text
    assert len(visible(chromium)) == len(data["diagnostics"])


def test_ten_thousand_findings_stay_usable(chromium, tmp_path):
    # 1,000 listings with ten addresses each (and too many bullets), linted for real
    folder = tmp_path / "big"
    (folder / "listings").mkdir(parents=True)
    for part in range(4):
        lines = ["listings:"]
        for i in range(part * 250, part * 250 + 250):
            lines += [f"  - sku: S-{i}", "    marketplaces: [US]", f"    title: Bottle {i}", "    bullets:"]
            lines += [f"      - 'Part {n} at https://shop{n}.example/p'" for n in range(10)]
        (folder / "listings" / f"part-{part}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    path, data = report(tmp_path, cwd=folder)
    total = len(data["diagnostics"])
    assert total >= 10_000
    chromium.open(path.as_uri())
    assert chromium.js("document.querySelectorAll('tr.finding').length") == total
    assert chromium.js("document.getElementById('shown-count').innerText") == str(total)
    click(chromium, "input[name=severity][value=error]")
    assert chromium.js("document.getElementById('shown-count').innerText") == str(total - data["summary"]["errors"])
    assert chromium.js(f"{VISIBLE_ROWS}.length") == total - data["summary"]["errors"]
    click(chromium, "#show-all")
    assert chromium.js(f"{VISIBLE_ROWS}.length") == total
