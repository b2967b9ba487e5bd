#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""One static report page: build/report/index.html.

Each script writes its own section as JSON under build/report/ (or $IRQV_REPORT_DIR), then the
page is rendered again from whatever sections exist:

  regress.json   scripts/regress (a local run or a Slurm merge): every run with its status, log,
                 rerun command and first mismatch; peak memory where the run reported it
  coverage.json  scripts/coverage: line, toggle and functional figures, the functional holes
  mutate.json    scripts/mutate: kill rate, killed/survived counts, the survivors
  bench.json     scripts/bench.sh (make bench): the figures it printed

A section that does not exist says "not run"; one that cannot be read says so (never a figure
from elsewhere). Every section carries when and at which commit it was produced, and the page
says when that commit is not the current one.

  scripts/report.py                       render build/report/index.html
  scripts/report.py bench FILE            make the bench section from the output of
                                          scripts/bench.sh in FILE, then render
"""
import datetime
import html
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = ("regress", "coverage", "mutate", "bench")
TITLES = {"regress": "Regression runs", "coverage": "Coverage", "mutate": "Mutation testing",
          "bench": "Benchmarks"}
HOW = {"regress": "scripts/regress", "coverage": "scripts/coverage", "mutate": "scripts/mutate",
       "bench": "make bench"}
FORMAT = 1


def rel(path):
    r = os.path.relpath(path, ROOT)
    return path if r.startswith("..") else r


def report_dir():
    return os.environ.get("IRQV_REPORT_DIR") or os.path.join(ROOT, "build", "report")


def git_commit():
    try:
        p = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT,
                           capture_output=True, text=True, timeout=20)
        return p.stdout.strip() if p.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def utc(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M:%S UTC")


def write_section(name, data, render_page=True):
    """Writes section `name` (a dict; produced time and commit are added) atomically, then
    renders the page. Returns the page's path."""
    if name not in SECTIONS:
        raise ValueError(f"unknown report section '{name}'")
    d = report_dir()
    os.makedirs(d, exist_ok=True)
    now = time.time()
    body = dict(data, section=name, format=FORMAT, produced=now, produced_utc=utc(now),
                commit=git_commit())
    path = os.path.join(d, f"{name}.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(body, f, indent=1)
    os.replace(path + ".tmp", path)
    return render() if render_page else path


def read_section(name):
    """(data, None), (None, None) when the section does not exist, (None, why) when it cannot
    be read."""
    path = os.path.join(report_dir(), f"{name}.json")
    if not os.path.exists(path):
        return None, None
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        if data.get("section") != name or data.get("format") != FORMAT:
            raise ValueError(f"section '{data.get('section')}' format {data.get('format')}, "
                             f"expected '{name}' format {FORMAT}")
        float(data["produced"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        return None, f"{rel(path)} cannot be read: {e}"
    return data, None


# ---- Rendering (every value goes through esc) ----

def esc(v):
    return html.escape(str(v), quote=True)


def pct(hit, total):
    return f"{100.0 * hit / total:.1f} %" if total else "-"


def link(path, text=None):
    """A link to a file of the repository (relative to the page when it is inside build/)."""
    if not path:
        return ""
    full = path if os.path.isabs(path) else os.path.join(ROOT, path)
    href = os.path.relpath(full, report_dir())
    return f'<a href="{esc(href)}">{esc(text or path)}</a>'


def provenance(data, head):
    commit = data.get("commit") or "unknown"
    note = ""
    if head and commit != head:
        note = (f' <span class="warn">(the checkout is now at {esc(head)}: these figures may '
                'be stale)</span>')
    return (f'<p class="produced">produced {esc(data.get("produced_utc", ""))} at commit '
            f'{esc(commit)}{note}</p>')


def render_regress(d):
    runs = d.get("runs", [])
    counts = {s: sum(r.get("status") == s for r in runs) for s in ("PASS", "FAIL", "ERROR",
                                                                   "SKIP")}
    failed = counts["FAIL"] + counts["ERROR"]
    verdict = "FAILED" if failed else "PASSED"
    out = [f'<p class="summary {"fail" if failed else "pass"}" id="regress-summary">'
           f'<span id="regress-verdict">{verdict}</span>: '
           f'<span id="regress-total">{len(runs)}</span> runs, '
           f'<span id="regress-passed">{counts["PASS"]}</span> passed, '
           f'<span id="regress-failed">{failed}</span> failed, '
           f'<span id="regress-skipped">{counts["SKIP"]}</span> skipped '
           f'({esc(d.get("mode", ""))}, list {esc(d.get("list", ""))}, '
           f'{float(d.get("seconds", 0)):.0f} s)</p>']
    if d.get("junit"):
        out.append(f"<p>JUnit XML: {link(d['junit'])}</p>")
    out.append('<table id="runs"><thead><tr><th>status</th><th>block</th><th>test</th>'
               '<th>seed</th><th>ops</th><th>cycles</th><th>peak memory</th><th>log</th>'
               '<th>first mismatch / reason</th><th>rerun</th></tr></thead><tbody>')
    # Failures first, then the rest in list order.
    order = sorted(runs, key=lambda r: r.get("status") not in ("FAIL", "ERROR"))
    for r in order:
        st = str(r.get("status", "?"))
        cls = {"PASS": "pass", "SKIP": "skip"}.get(st, "fail")
        rss = r.get("peak_rss_kb")
        rss_s = f"{int(rss) / 1024:.1f} MB" if isinstance(rss, (int, float)) and rss else ""
        waves = f"<br>waves: <code>{esc(r['waves'])}</code>" if r.get("waves") else ""
        out.append(
            f'<tr class="run {cls}"><td class="status">{esc(st)}</td><td>{esc(r.get("block"))}'
            f'</td><td class="test">{esc(r.get("test"))}</td><td class="seed">'
            f'{esc(r.get("seed"))}</td><td>{esc(r.get("ops", ""))}</td><td>'
            f'{esc(r.get("cycles", ""))}</td><td class="rss">{esc(rss_s)}</td><td>'
            f'{link(r.get("log"), "log")}</td><td class="message">{esc(r.get("message", ""))}'
            f'</td><td class="rerun"><code>{esc(r.get("rerun", ""))}</code>{waves}</td></tr>')
    out.append("</tbody></table>")
    return out


def render_coverage(d):
    out = ['<table id="coverage-figures"><thead><tr><th>kind</th><th>covered</th>'
           '<th>of</th><th>%</th></tr></thead><tbody>']
    names = {"line": "line (rtl/)", "toggle": "toggle (rtl/)", "functional": "functional bins",
             "model_line": "line (cmodel/src, gcov)", "model_branch": "branch (cmodel/src, gcov)",
             "functional_flat": "functional bins: flat", "functional_cross": "functional bins: cross"}
    # The flat/cross split of the functional figure, when the run gave it.
    split = tuple(k for k in ("functional_flat", "functional_cross") if k in d)
    for kind in ("line", "toggle", "functional") + split + ("model_line", "model_branch"):
        v = d.get(kind)
        if isinstance(v, dict) and v.get("total"):
            out.append(f'<tr id="cov-{kind}"><td>{names[kind]}</td><td>{esc(v["hit"])}</td>'
                       f'<td>{esc(v["total"])}</td><td class="pct">'
                       f'{esc(pct(v["hit"], v["total"]))}</td></tr>')
        else:
            out.append(f'<tr id="cov-{kind}"><td>{names[kind]}</td><td colspan="3">no data in this '
                       f'run</td></tr>')
    out.append("</tbody></table>")
    runs = d.get("runs", {})
    out.append(f'<p>{esc(runs.get("passed", 0))} runs passed, {esc(runs.get("failed", 0))} '
               f'failed, {esc(runs.get("skipped", 0))} skipped (list {esc(d.get("list", ""))})'
               '</p>')
    if d.get("html"):
        out.append(f"<p>line/toggle report: {link(d['html'])}</p>")
    if d.get("functional_txt"):
        out.append(f"<p>bin table: {link(d['functional_txt'])}</p>")
    holes = d.get("holes", [])
    out.append(f'<h3>functional holes: <span id="cov-holes">{len(holes)}</span></h3>')
    if holes:
        out.append('<ul id="holes">' + "".join(f"<li>{esc(h)}</li>" for h in holes) + "</ul>")
    return out


def render_mutate(d):
    rate = d.get("rate")
    rate_s = f"{float(rate):.1f} %" if isinstance(rate, (int, float)) else "n/a"
    out = [f'<p class="summary" id="mutate-summary">kill rate <span id="mutate-rate">'
           f'{esc(rate_s)}</span>: {esc(d.get("killed", 0))} killed, '
           f'{esc(d.get("survived", 0))} survived, {esc(d.get("equivalent", 0))} equivalent, '
           f'{esc(d.get("invalid", 0))} invalid (goal {esc(d.get("goal", ""))} %; '
           f'{esc(d.get("args", ""))})</p>']
    surv = d.get("survivors", [])
    out.append(f'<h3>survivors: <span id="mutate-survivors">{len(surv)}</span></h3>')
    if surv:
        out.append('<table id="survivors"><thead><tr><th>id</th><th>where</th>'
                   '<th>mutation</th><th>source line</th></tr></thead><tbody>')
        for s in surv:
            out.append(f'<tr><td>{esc(s.get("id"))}</td><td>{esc(s.get("where"))}</td><td>'
                       f'{esc(s.get("desc"))}</td><td><code>{esc(s.get("src"))}</code></td></tr>')
        out.append("</tbody></table>")
    return out


def render_bench(d):
    out = []
    if d.get("rc", 0) != 0:
        out.append(f'<p class="fail">scripts/bench.sh exited {esc(d.get("rc"))}: some figures '
                   "are missing</p>")
    out.append('<table id="bench"><tbody>')
    for g in d.get("groups", []):
        out.append(f'<tr><th colspan="2">{esc(g.get("name"))}</th></tr>')
        for line in g.get("lines", []):
            out.append(f"<tr><td colspan=\"2\"><code>{esc(line)}</code></td></tr>")
    out.append("</tbody></table>")
    return out


RENDER = {"regress": render_regress, "coverage": render_coverage, "mutate": render_mutate,
          "bench": render_bench}

STYLE = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }
tr.fail td.status, .fail, .summary.fail { color: #b00; font-weight: bold; }
tr.pass td.status, .summary.pass { color: #070; }
.notrun { color: #777; font-style: italic; }
.warn { color: #a60; }
.produced { color: #555; font-size: 90%; }
code { font-size: 90%; }
td.rerun code { word-break: break-all; }
"""


def render(out=None):
    """Renders index.html from the sections that exist; returns its path."""
    d = report_dir()
    os.makedirs(d, exist_ok=True)
    out = out or os.path.join(d, "index.html")
    head = git_commit()
    now = time.time()
    body = [f"<h1>irqv-cosim report</h1><p class=\"produced\">page rendered {esc(utc(now))}; "
            f"checkout at commit {esc(head or 'unknown')}</p>"]
    for name in SECTIONS:
        body.append(f'<section id="{name}"><h2>{esc(TITLES[name])}</h2>')
        data, why = read_section(name)
        if why:
            body.append(f'<p class="fail" id="{name}-state">unreadable: {esc(why)}</p>')
        elif data is None:
            body.append(f'<p class="notrun" id="{name}-state">not run (run '
                        f'<code>{esc(HOW[name])}</code>)</p>')
        else:
            body.append(provenance(data, head))
            try:
                body += RENDER[name](data)
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                body.append(f'<p class="fail">section data malformed: {esc(e)}</p>')
        body.append("</section>")
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>irqv-cosim report</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(out + ".tmp", out)
    return out


# ---- The bench section from scripts/bench.sh output ----

def bench_from_text(text, rc):
    groups = []
    for line in text.splitlines():
        if line.startswith("== "):
            groups.append({"name": line[3:].strip(), "lines": []})
        elif line.strip():
            if not groups:
                groups.append({"name": "output", "lines": []})
            groups[-1]["lines"].append(line.rstrip())
    return {"groups": groups, "rc": rc}


def main(argv):
    if len(argv) >= 1 and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if not argv:
        print(f"report: {rel(render())}")
        return 0
    if argv[0] == "bench" and len(argv) in (2, 3):
        try:
            with open(argv[1], encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError as e:
            print(f"report: cannot read {argv[1]}: {e}", file=sys.stderr)
            return 2
        rc = int(argv[2]) if len(argv) == 3 else 0
        page = write_section("bench", bench_from_text(text, rc))
        print(f"report: {rel(page)}")
        return 0
    print("usage: scripts/report.py [bench FILE [EXIT_CODE]]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
