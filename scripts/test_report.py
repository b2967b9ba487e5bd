#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest report/page (label report): the report page (scripts/report.py) as a browser shows it.

Renders the page into a temporary report folder (IRQV_REPORT_DIR) and loads it in headless
Chromium (`--dump-dom`: the DOM after the browser parsed and rendered it; `--screenshot`), then
checks what a person sees:

  1. no section yet: every section says "not run" and shows no figure;
  2. after a real `scripts/regress` of five runs (one a short soak run), one made to fail: the
     run table counts 5 runs, 4 passed, 1 failed; the failing run is shown as FAIL, first in the
     table, with its first mismatch line, a log link to a file that exists and its rerun
     command; the soak run shows its peak memory;
  3. coverage and mutation sections: the figures as percentages, every functional hole and
     survivor listed; text from the data is shown as text (an HTML tag in a hole name or a
     source line does not become an element);
  4. a section that cannot be read says "unreadable" and shows no figure; one produced at
     another commit says so.

Chromium comes from `scripts/deps.sh report` (installed here when running as root). Without it
the test exits 77 (SKIP) with the reason; with IRQV_REQUIRE_CHROMIUM=1 (.ci/run) it fails.

  scripts/test_report.py build/cmake/sim/tb_sim
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import report  # noqa: E402

EVIL = '<img src=x onerror="alert(1)">'


class Fail(Exception):
    pass


class Dom(HTMLParser):
    """The parts of the rendered DOM the checks read: text by element id, the sections' text,
    the rows of every table (cell texts, the row's class, the links in it), element counts."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.sections, self.tables, self.tags = {}, {}, {}, {}
        self._open = []  # (tag, id)
        self._table = None
        self._row = None
        self._section = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag in ("br", "meta", "img", "input", "link"):
            return
        self._open.append((tag, a.get("id")))
        if a.get("id"):
            self.ids[a["id"]] = ""
        if tag == "section":
            self._section = a.get("id")
            self.sections[self._section] = ""
        elif tag == "table":
            self._table = a.get("id") or f"table{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = {"class": a.get("class", ""), "cells": [], "links": []}
            self.tables[self._table].append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._row["cells"].append("")
        elif tag == "a" and self._row is not None:
            self._row["links"].append(a.get("href", ""))

    def handle_endtag(self, tag):
        while self._open:
            t, _ = self._open.pop()
            if t == tag:
                break
        if tag == "table":
            self._table = None
        elif tag == "tr":
            self._row = None
        elif tag == "section":
            self._section = None

    def handle_data(self, data):
        for _, i in self._open:
            if i:
                self.ids[i] += data
        if self._section:
            self.sections[self._section] += data
        if self._row is not None and self._row["cells"]:
            self._row["cells"][-1] += data


def chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    p = subprocess.run([os.path.join(ROOT, "scripts", "deps.sh"), "report"], cwd=ROOT,
                       capture_output=True, text=True)
    if shutil.which("chromium"):
        return shutil.which("chromium")
    why = ("chromium is not installed and cannot be installed here "
           f"(scripts/deps.sh report: {(p.stderr or p.stdout).strip()[-300:]})")
    if os.environ.get("IRQV_REQUIRE_CHROMIUM") == "1":  # CI (.ci/run): a failure, not a skip
        print(f"FAIL: {why}")
        sys.exit(1)
    print(f"SKIP: {why}")
    sys.exit(77)


def browse(browser, page, tmp):
    """The DOM of `page` after headless Chromium rendered it; also takes a screenshot."""
    profile = tempfile.mkdtemp(dir=tmp)
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"]
    try:
        p = subprocess.run(common + ["--dump-dom", "file://" + page], capture_output=True,
                           text=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise Fail("chromium did not finish rendering the page in 60 s (a script on the page, "
                   "e.g. from unescaped data, blocked it?)")
    if p.returncode != 0 or "<body" not in p.stdout:
        raise Fail(f"chromium --dump-dom failed (exit {p.returncode}): {p.stderr[-500:]}")
    shot = os.path.join(tmp, "shot.png")
    if os.path.exists(shot):
        os.remove(shot)
    try:
        subprocess.run(common + [f"--screenshot={shot}", "--window-size=1280,1600",
                                 "file://" + page], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise Fail("chromium --screenshot did not finish in 60 s")
    if not os.path.exists(shot) or os.path.getsize(shot) < 5000:
        raise Fail("chromium --screenshot wrote no picture of the page")
    return Dom(p.stdout)


def expect(cond, what):
    if not cond:
        raise Fail(what)


def case_nothing_run(browser, tmp):
    dom = browse(browser, report.render(), tmp)
    for s in report.SECTIONS:
        text = dom.sections.get(s, "")
        expect("not run" in text, f"section {s} without data does not say 'not run': {text!r}")
        expect("%" not in text and "produced" not in text,
               f"section {s} without data shows a figure: {text!r}")
    expect("runs" not in dom.tables, "a run table without a regression")
    print("case 1 passed: every section says 'not run'")


def case_regress(browser, tmp):
    bad = os.path.join(tmp, "report_bad_cwriter.scn")
    with open(bad, "w", encoding="utf-8") as f:
        # CWRITER is 0 after reset: the check fails in lockstep.
        f.write("block its\nconfig num_rd=4\nreg read 0x88 expect=0x1234\n")
    lst = os.path.join(tmp, "report.list")
    with open(lst, "w", encoding="utf-8") as f:
        f.write(f"scn sim/tests/its_trigger.scn\nscn {bad}\nrandom stimer 2 200\n"
                "soak its 3 300\n")
    p = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "regress"), "--list", lst,
                        "-j", "2", "--no-rerun", "--out", os.path.join(tmp, "regress")],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    expect(p.returncode == 1 and "4 passed, 1 failed" in p.stdout
           and "soak random-its.3 (" in p.stdout and "peak memory" in p.stdout,
           f"scripts/regress: expected exit 1 with 4 passed, 1 failed and the soak run's peak "
           f"memory:\n{p.stdout}{p.stderr}")
    dom = browse(browser, os.path.join(report.report_dir(), "index.html"), tmp)
    counts = {k: dom.ids.get(f"regress-{k}", "").strip()
              for k in ("verdict", "total", "passed", "failed", "skipped")}
    expect(counts == {"verdict": "FAILED", "total": "5", "passed": "4", "failed": "1",
                      "skipped": "0"}, f"run counts on the page: {counts}")
    rows = [r for r in dom.tables.get("runs", []) if "run" in r["class"].split()]
    expect(len(rows) == 5, f"the run table has {len(rows)} runs, expected 5")
    first = rows[0]
    status, block, test, seed = (c.strip() for c in first["cells"][:4])
    expect((status, test, seed) == ("FAIL", "report_bad_cwriter", "1")
           and "fail" in first["class"].split(),
           f"the first row is not the failing run shown as failing: {first}")
    message, rerun = first["cells"][8], first["cells"][9]
    expect("0x1234" in message, f"the failing run's first mismatch is not shown: {message!r}")
    expect("--test" in rerun and bad in rerun and "--seed 1" in rerun,
           f"the failing run's rerun command is not shown: {rerun!r}")
    logs = [h for h in first["links"] if h]
    expect(len(logs) == 1 and os.path.exists(os.path.join(report.report_dir(), logs[0])),
           f"the failing run's log link does not lead to its log: {logs}")
    passed = [r for r in rows[1:] if r["cells"][0].strip() == "PASS"]
    expect(len(passed) == 4 and all("pass" in r["class"].split() for r in passed),
           f"the passing runs are not shown as passing: {rows[1:]}")
    soak = rows[-1]["cells"]
    expect(soak[2].strip() == "random-its" and soak[3].strip() == "3"
           and soak[6].strip().endswith(" MB") and float(soak[6].split()[0]) > 0,
           f"the soak run does not show its peak memory: {soak}")
    expect("not run" in dom.sections["coverage"], "coverage says something without data")
    print(f"case 2 passed: {counts}, failing run shown with its rerun command {rerun.strip()!r}")


def case_coverage_mutate(browser, tmp):
    report.write_section("coverage", {
        "list": "sim/tests/smoke.list", "line": {"hit": 900, "total": 1000},
        "toggle": {"hit": 1500, "total": 2000}, "functional": {"hit": 98, "total": 100},
        "model_line": {"hit": 955, "total": 1000}, "model_branch": {"hit": 440, "total": 500},
        "holes": ["its.cmd.mapd.size_max", EVIL],
        "runs": {"passed": 111, "failed": 0, "skipped": 0}, "html": "", "functional_txt": ""},
        render_page=False)
    report.write_section("mutate", {
        "rate": 87.5, "killed": 7, "survived": 1, "equivalent": 0, "invalid": 0, "goal": 95.0,
        "survivors": [{"id": "m0123abcd", "where": "rtl/its/its_cmd.sv:10", "desc": "== -> !=",
                       "src": f"if (a < b) {EVIL}"}], "args": "--count 8"})
    dom = browse(browser, os.path.join(report.report_dir(), "index.html"), tmp)
    for kind, want in (("line", "90.0 %"), ("toggle", "75.0 %"), ("functional", "98.0 %"),
                       ("model_line", "95.5 %"), ("model_branch", "88.0 %")):
        row = dom.ids.get(f"cov-{kind}", "")
        expect(want in row, f"coverage {kind}: expected {want}, the page shows {row!r}")
    expect(dom.ids.get("cov-holes", "").strip() == "2", "the hole count is not 2")
    holes = dom.ids.get("holes", "")
    expect("its.cmd.mapd.size_max" in holes and EVIL in holes,
           f"the holes are not listed as text: {holes!r}")
    expect(dom.tags.get("img", 0) == 0, "text from the data became an HTML element (no escaping)")
    expect(dom.ids.get("mutate-rate", "").strip() == "87.5 %",
           f"kill rate shown: {dom.ids.get('mutate-rate')!r}")
    surv = dom.tables.get("survivors", [])
    expect(len(surv) == 2 and "m0123abcd" in surv[1]["cells"][0] and EVIL in surv[1]["cells"][3],
           f"the survivor is not listed: {surv}")
    expect("runs" in dom.tables, "the regress section disappeared when another was written")
    print("case 3 passed: coverage and mutation figures, holes and survivors shown as text")


def case_unreadable_and_old(browser, tmp):
    with open(os.path.join(report.report_dir(), "bench.json"), "w", encoding="utf-8") as f:
        f.write('{"section": "bench", "groups": [{"name": "x", "lines": ["42 fig')  # cut off
    path = os.path.join(report.report_dir(), "mutate.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    data["commit"] = "0123456789ab"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)
    dom = browse(browser, report.render(), tmp)
    text = dom.sections.get("bench", "")
    expect("unreadable" in text and "42 fig" not in text,
           f"an unreadable bench section is not shown as such: {text!r}")
    text = dom.sections.get("mutate", "")
    expect("at commit 0123456789ab" in text and "may be stale" in text,
           f"a section from another commit does not say so: {text!r}")
    print("case 4 passed: unreadable section shown as unreadable, old commit flagged")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if not os.path.exists(sys.argv[1]):
        sys.exit(f"FAIL: no simulator {sys.argv[1]}")
    browser = chromium()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["IRQV_REPORT_DIR"] = os.path.join(tmp, "report")
        try:
            case_nothing_run(browser, tmp)
            case_regress(browser, tmp)
            case_coverage_mutate(browser, tmp)
            case_unreadable_and_old(browser, tmp)
        except Fail as e:
            print(f"FAIL: {e}")
            return 1
    print("report/page: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
