"""Buyer-message templates and YAML messages: REV and RED rules at the template's own lines."""

from __future__ import annotations

from tests.conftest import ROOT, json_diagnostics, run_cli


def _check(*args, cwd=None):
    result = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json_diagnostics(result)


def test_clean_templates_stay_clean():
    assert _check("fixtures/messages/clean", "--fail-on", "info") == []


def _at(path, line, column, code):
    found = _check(path)
    here = [d for d in found if (d["line"], d["column"], d["code"]) == (line, column, code)]
    assert here, [(d["line"], d["column"], d["code"]) for d in found]
    text = (ROOT / path).read_text("utf-8").splitlines()[line - 1]
    assert text[column - 1 :].lower().startswith(here[0]["match"].lower()[:5]), (text, here[0]["match"])
    return here[0]


def test_plain_text_template_positions():
    path = "fixtures/messages/flagged/review-incentive.txt"
    _at(path, 1, 50, "REV007")  # emoji in the subject
    _at(path, 4, 81, "REV002")  # 5-star
    _at(path, 4, 28, "REV003")  # gating
    _at(path, 5, 29, "RED002")  # e-mail
    _at(path, 5, 60, "RED003")  # phone
    _at(path, 7, 9, "REV001")  # gift card for a review
    _at(path, 8, 24, "RED001")  # link other than Amazon's


def test_html_template_links_gif_and_opt_out():
    path = "fixtures/messages/flagged/follow-up.html"
    _at(path, 5, 20, "RED001")
    _at(path, 5, 54, "REV004")
    _at(path, 7, 4, "REV005")
    _at(path, 7, 82, "REV006")
    assert any(d["code"] == "REV008" for d in _check(path))


def test_placeholders_are_never_flagged(tmp_path):
    (tmp_path / "messages").mkdir()
    (tmp_path / "messages" / "note.txt").write_text("Subject: {{ seller_website }}\nHello {{ buyer_email }}, your order {order_id}, see ${review_url}.\n", "utf-8")
    assert _check(".", cwd=tmp_path) == []


def test_unbalanced_placeholders_and_broken_html():
    found = _check("fixtures/messages/flagged/broken-template.j2")
    codes = [(d["line"], d["column"], d["code"]) for d in found]
    assert (3, 10, "INP032") in codes and (4, 47, "INP033") in codes
    assert any(d["code"] == "INP032" and d["line"] == 4 for d in found)  # {tracking_number never closed


def test_sequence_repeat_request_attachment_and_change_request():
    found = {(d["line"], d["code"]) for d in _check("fixtures/messages/flagged/sequence.yaml")}
    assert {(9, "REV011"), (13, "REV002"), (15, "REV009"), (18, "REV004")} <= found


def test_language_other_than_marketplace_is_info():
    (finding,) = _check("fixtures/messages/flagged/wrong-language.yaml")
    assert finding["code"] == "REV013" and finding["severity"] == "info"


def test_length_limit_by_message_type(tmp_path):
    body = "x" * 401
    (tmp_path / "m.yaml").write_text(f"kind: message\ntype: digital_access_key\nsubject: Key\nbody: {body}\n", "utf-8")
    (finding,) = [d for d in _check("m.yaml", cwd=tmp_path) if d["code"] == "REV012"]
    assert (finding["line"], finding["column"]) == (4, 7 + 400) and "400" in finding["message"]
    (tmp_path / "m.yaml").write_text(f"kind: message\ntype: review_request\nsubject: Key\nbody: {body}\n", "utf-8")
    assert not [d for d in _check("m.yaml", cwd=tmp_path) if d["code"] == "REV012"]


def test_templates_found_by_config_glob(tmp_path):
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "thanks.md").write_text("Leave a five star review!\n", "utf-8")
    assert _check(".", cwd=tmp_path) == []  # not under messages/: not a template
    (tmp_path / ".listlint.yaml").write_text("files:\n  messages: ['mail/**']\n", "utf-8")
    assert [d["code"] for d in _check(".", cwd=tmp_path)] == ["REV002"]


def test_review_rules_read_packaging_inserts(tmp_path):
    (tmp_path / "box.yaml").write_text("kind: packaging\nsku: A-1\ninserts:\n  - Enjoying it? Leave a 5-star review and get a free gift!\n", "utf-8")
    codes = {d["code"] for d in _check("box.yaml", cwd=tmp_path)}
    assert {"REV001", "REV002"} <= codes


def test_html_title_is_read_once_as_the_subject(tmp_path):
    (tmp_path / "messages").mkdir()
    html = "<html><head><title>Order {{ order_id at shop-name.com</title></head>\n<body><p>Thanks!</p></body></html>\n"
    (tmp_path / "messages" / "update.html").write_text(html, "utf-8")
    found = [(d["code"], d["line"], d["column"], d["field"]) for d in _check(".", cwd=tmp_path)]
    # one finding per place in the file: the body does not read the title again
    assert found == [("INP032", 1, 26, ""), ("RED001", 1, 41, "subject")]
