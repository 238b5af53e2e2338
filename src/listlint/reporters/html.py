"""A self-contained HTML report for people who fix listings (`--format html -o report.html`).

One file, no network: inline CSS and JavaScript, a Content-Security-Policy that forbids
loading anything. Findings are grouped per file and per SKU; each shows the source line
with the offending text highlighted (<mark>), taken from `Diagnostic.context`. The header
shows counts per severity; checkboxes filter by severity and by family (code prefix), and
the URL fragment keeps the filter (`report.html#severity=error&family=RED,IPR`). Every
rule code links to its explanation, embedded at the end (the text of `listlint explain`).

The page is plain server-rendered HTML; the script only toggles `hidden` on rows and
groups, so 10,000 findings stay quick to open and to filter.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from html import escape
from itertools import groupby
from operator import itemgetter
from typing import TextIO

from .. import __version__
from ..diagnostics import Diagnostic, Row, rows_of
from .text import summary_line

SEVERITIES = ("error", "warning", "info")
_URL = re.compile(r"https?://[^\s<>\"')]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

CSS = """
:root{--error:#b3261e;--warning:#8a5a00;--info:#2459a6;--line:#d7dbe0;--muted:#5b6470}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
header{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid var(--line);padding:.8rem 1.2rem}
h1{font-size:1.3rem;margin:0 0 .3rem}
main{padding:1rem 1.2rem;max-width:110rem}
.counts{display:flex;gap:.6rem;flex-wrap:wrap;margin:.4rem 0}
.count{border:1px solid var(--line);border-radius:.4rem;padding:.2rem .6rem;background:#fff}
.count b{font-size:1.1rem}
.filters{display:flex;gap:1.2rem;flex-wrap:wrap;align-items:flex-start}
fieldset{border:1px solid var(--line);border-radius:.4rem;padding:.3rem .7rem;margin:0}
legend{color:var(--muted);font-size:.85rem}
label{margin-right:.7rem;white-space:nowrap}
.shown{color:var(--muted);margin:.4rem 0 0}
details.file{background:#fff;border:1px solid var(--line);border-radius:.5rem;margin:0 0 1rem;padding:.2rem .8rem .6rem}
summary{cursor:pointer}
h2.path{display:inline;font-size:1.05rem;white-space:pre-wrap;word-break:break-all}
h3.sku{font-size:.95rem;margin:.8rem 0 .3rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th:nth-child(1){width:5.5rem}th:nth-child(2){width:5.5rem}th:nth-child(3){width:14rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-top:1px solid var(--line)}
th{font-size:.8rem;color:var(--muted);font-weight:600}
td.loc{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace}
.badge{display:inline-block;border-radius:.3rem;padding:0 .4rem;color:#fff;font-size:.8rem}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
pre.context{margin:.3rem 0 0;padding:.3rem .5rem;background:#f1f3f5;border-radius:.3rem;white-space:pre-wrap;word-break:break-all;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
mark{background:#ffd54f;color:#000;border-radius:.15rem;outline:1px solid #e0a800}
.field{color:var(--muted);font-size:.85rem}
#rules article{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.2rem .8rem;margin:0 0 .8rem}
#rules pre{white-space:pre-wrap}
#rules article:target{outline:3px solid #ffd54f}
.empty{padding:2rem;text-align:center;color:var(--muted)}
"""

JS = """
(function(){
  var form=document.getElementById('filters');
  if(!form)return;
  var rows=Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var groups=Array.prototype.slice.call(document.querySelectorAll('.sku-group'));
  var files=Array.prototype.slice.call(document.querySelectorAll('details.file'));
  function chosen(name){
    var out={};
    Array.prototype.forEach.call(form.querySelectorAll('input[name='+name+']'),function(box){out[box.value]=box.checked;});
    return out;
  }
  function apply(){
    var sev=chosen('severity'),fam=chosen('family'),shown=0,bySev={error:0,warning:0,info:0};
    for(var i=0;i<rows.length;i++){
      var r=rows[i],show=sev[r.getAttribute('data-severity')]!==false&&fam[r.getAttribute('data-family')]!==false;
      if(r.hidden===show)r.hidden=!show;
      if(show){shown++;bySev[r.getAttribute('data-severity')]++;}
    }
    groups.forEach(function(g){g.hidden=!g.querySelector('tr.finding:not([hidden])');});
    files.forEach(function(f){f.hidden=!f.querySelector('.sku-group:not([hidden])');});
    document.getElementById('shown-count').textContent=shown;
    ['error','warning','info'].forEach(function(s){var el=document.getElementById('shown-'+s);if(el)el.textContent=bySev[s];});
    var parts=[];
    ['severity','family'].forEach(function(name){
      var all=chosen(name),on=[],off=0;
      for(var k in all){if(all[k])on.push(k);else off++;}
      if(off)parts.push(name+'='+on.join(','));
    });
    var hash=parts.join('&');
    if(('#'+hash)!==location.hash&&(hash||location.hash)){try{history.replaceState(null,'',hash?'#'+hash:location.pathname+location.search);}catch(e){}}
  }
  function fromHash(){
    var h=location.hash.replace(/^#/,'');
    if(!h)return;
    h.split('&').forEach(function(part){
      var kv=part.split('='),name=kv[0];
      if(name!=='severity'&&name!=='family')return;
      var on=decodeURIComponent(kv[1]||'').split(',');
      Array.prototype.forEach.call(form.querySelectorAll('input[name='+name+']'),function(box){box.checked=on.indexOf(box.value)>=0;});
    });
  }
  form.addEventListener('change',apply);
  document.getElementById('show-all').addEventListener('click',function(){
    Array.prototype.forEach.call(form.querySelectorAll('input[type=checkbox]'),function(box){box.checked=true;});
    apply();
  });
  fromHash();
  apply();
  document.body.setAttribute('data-ready','true');
})();
"""


def _text(value: str) -> str:
    """HTML-escaped, with characters HTML cannot show (controls, lone surrogates) as \\xNN."""
    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value), quote=True)


def _highlight(row: Row) -> str:
    line, column, end_line, end_column, context, context_column = row[1], row[2], row[3], row[4], row[13], row[14]
    if not context:
        return ""
    start = max(0, min(column - context_column, len(context)))
    end = end_column - context_column if end_line == line else len(context)
    end = max(start, min(end, len(context)))
    if end == start and start < len(context):
        end = start + 1  # a point: mark the character it points at
    lead = "…" if context_column > 1 else ""
    return (
        f'<pre class="context"><span class="ln">{line}│ </span>{lead}{_text(context[:start])}'
        f"<mark>{_text(context[start:end])}</mark>{_text(context[end:])}</pre>"
    )


def _row(row: Row) -> str:
    """One finding's table row, made from its diagnostic's row (diagnostics.as_row)."""
    _, line, column, _, _, code, name, severity, message, field = row[:10]
    family = code[:3]
    field = f' <span class="field">in {_text(field)}</span>' if field else ""
    return (
        f'<tr class="finding" data-severity="{severity}" data-family="{_text(family)}" data-code="{_text(code)}">'
        f'<td class="loc">{line}:{column}</td>'
        f'<td><span class="badge {severity}">{severity}</span></td>'
        f'<td><a href="#rule-{_text(code)}" title="{_text(name)}">{_text(code)}</a><br><span class="field">{_text(name)}</span></td>'
        f"<td>{_text(message)}{field}{_highlight(row)}</td></tr>\n"
    )


def _explanation(code: str, rules: dict, name: str) -> str:
    rule = rules.get(code)
    if rule is None:
        body = f"<p>{_text(code)} {_text(name)}</p>"
    else:
        from ..docs import explain_rule

        text = _text(explain_rule(rule))
        body = "<pre>" + _URL.sub(_link, text) + "</pre>"
    return f'<article id="rule-{_text(code)}"><h3>{_text(code)} {_text(name)}</h3>{body}</article>\n'


def _link(match: re.Match[str]) -> str:
    return f'<a href="{match.group()}" rel="noreferrer">{match.group()}</a>'


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    rules = dict(getattr(context, "rules", None) or {})
    families: dict[str, int] = {}
    names: dict[str, str] = {}  # each code's name, as its first finding gives it
    files = array("Q")  # per file with findings: how many, times two, plus one when each sku's are together
    for path, rows in groupby(rows_of(diagnostics), itemgetter(0)):
        count, together = 0, True
        done: set[str] = set()  # the skus whose findings came and went in this file
        sku = None
        for row in rows:
            code = row[5]
            families[code[:3]] = families.get(code[:3], 0) + 1
            names.setdefault(code, row[6])
            count += 1
            if row[10] != sku:
                done.add(sku)
                sku = row[10]
                together = together and sku not in done
        files.append(count << 1 | together)
    out.write(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"listlint {_text(__version__)}\">\n"
        f"<title>listlint report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>listlint report</h1>\n"
        f'<p id="summary">{_text(summary_line(summary))}</p>\n<div class="counts">\n'
    )
    for severity in SEVERITIES:
        out.write(
            f'<span class="count" id="count-{severity}" data-severity="{severity}"><span class="badge {severity}">{severity}</span> '
            f"<b>{summary[severity]}</b></span>\n"
        )
    out.write(f'<span class="count">files checked <b id="count-files">{summary["files"]}</b></span>\n</div>\n')
    if files:
        out.write('<form id="filters" class="filters" onsubmit="return false">\n<fieldset><legend>Severity</legend>\n')
        for severity in SEVERITIES:
            out.write(
                f'<label><input type="checkbox" name="severity" value="{severity}" checked> {severity} '
                f'(<span id="shown-{severity}">{summary[severity]}</span>)</label>\n'
            )
        out.write("</fieldset>\n<fieldset><legend>Family</legend>\n")
        for family in sorted(families):
            out.write(f'<label><input type="checkbox" name="family" value="{_text(family)}" checked> {_text(family)} ({families[family]})</label>\n')
        out.write(
            '</fieldset>\n<button type="button" id="show-all">Show all</button>\n</form>\n'
            f'<p class="shown">Showing <b id="shown-count">{len(diagnostics)}</b> of <b id="total-count">{len(diagnostics)}</b> findings.</p>\n'
        )
    out.write("</header>\n<main>\n")
    if not files:
        out.write('<p class="empty">No problems found.</p>\n')
    for (path, rows), entry in zip(groupby(rows_of(diagnostics), itemgetter(0)), files):
        count, together = entry >> 1, entry & 1
        out.write(
            f'<details class="file" open data-path="{_text(path)}"><summary><h2 class="path">{_text(path)}</h2> '
            f'<span class="field">{count} finding{"s" if count != 1 else ""}</span></summary>\n'
        )
        for sku, findings in _sku_groups(rows, bool(together)):
            heading = f"SKU {_text(sku)}" if sku else "File"
            out.write(
                f'<section class="sku-group" data-sku="{_text(sku)}"><h3 class="sku">{heading}</h3>\n'
                "<table><thead><tr><th>line:col</th><th>severity</th><th>rule</th><th>problem</th></tr></thead><tbody>\n"
            )
            out.writelines(map(_row, findings))
            out.write("</tbody></table></section>\n")
        out.write("</details>\n")
    if files:
        out.write('<section id="rules"><h2>Rules</h2>\n')
        order = [code for code in rules if code in names] + sorted(code for code in names if code not in rules)
        for code in order:
            out.write(_explanation(code, rules, names[code]))
        out.write("</section>\n")
    out.write(f"</main>\n<script>{JS}</script>\n</body>\n</html>\n")


def _sku_groups(rows: Iterable[Row], together: bool) -> Iterable[tuple[str, Iterable[Row]]]:
    """A file's findings by sku, the skus in the order their first findings come: as they
    are read when each sku's findings come together (a flat file's rows), else held (as
    rows) and grouped first."""
    return groupby(rows, itemgetter(10)) if together else _by_sku(rows).items()


def _by_sku(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """A file's findings grouped by sku, the skus in the order their first findings come."""
    by_sku: dict[str, list[Row]] = {}
    for row in rows:
        by_sku.setdefault(row[10], []).append(row)
    return by_sku
