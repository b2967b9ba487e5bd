# SPDX-License-Identifier: Apache-2.0
"""Shared by scripts/bugs and scripts/mutate: copies of the sources under build/ (rtl/ and
cmodel/ stay clean), the tb_sim build of a copy, a block's lockstep suite with the location of
the first failure, and the deterministic source-level mutator of scripts/mutate
(docs/mutation.md)."""
import glob
import hashlib
import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass

import simlib

ROOT = simlib.ROOT

# ---------------------------------------------------------------------------------------------
# Copies of the sources
# ---------------------------------------------------------------------------------------------


def source_files():
    """The checkout's files (tracked and untracked, not ignored), build/ excluded."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\n")
    return sorted({f for f in files if f and not f.startswith("build/")
                   and os.path.isfile(os.path.join(ROOT, f))})


def copy_tree(dst):
    """A fresh copy of the sources in dst (file times kept)."""
    for f in source_files():
        os.makedirs(os.path.dirname(os.path.join(dst, f)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, f), os.path.join(dst, f))


def write_file(path, data):
    """Writes data (bytes or str) with a fresh modification time, so make rebuilds from it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def sync_tree(dst):
    """Makes dst a copy of the sources, rewriting only the files whose content differs (with a
    fresh time, so an incremental build there rebuilds exactly what changed) and removing the
    files the checkout no longer has. Returns the number of files written or removed."""
    files = source_files()
    n = 0
    for f in files:
        with open(os.path.join(ROOT, f), "rb") as fh:
            data = fh.read()
        d = os.path.join(dst, f)
        if os.path.isfile(d):
            with open(d, "rb") as fh:
                if fh.read() == data:
                    continue
        write_file(d, data)
        n += 1
    keep = set(files)
    for dirpath, _, names in os.walk(dst):
        for name in names:
            rel = os.path.relpath(os.path.join(dirpath, name), dst)
            if rel not in keep:
                os.remove(os.path.join(dirpath, name))
                n += 1
    return n


def sources_digest(prefixes=("rtl/", "cmodel/", "tb/", "sim/", "CMakeLists.txt"),
                   exclude=()):
    """A digest of the sources a simulation result depends on (for reusing results)."""
    h = hashlib.sha256()
    for f in source_files():
        if f.startswith(prefixes) and f not in exclude:
            h.update(f.encode() + b"\0")
            with open(os.path.join(ROOT, f), "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
    return h.hexdigest()[:16]


def cmake_build(src, bld, targets, log, jobs=2, configure=True, cmake_args=(), env=None,
                timeout=1800):
    """Configures (Release) and builds the targets of the tree src in bld, appending the output
    to log. Returns True on success."""
    cmds = []
    if configure or not os.path.exists(os.path.join(bld, "CMakeCache.txt")):
        cmds.append(["cmake", "-S", src, "-B", bld, "-DCMAKE_BUILD_TYPE=Release"]
                    + list(cmake_args))
    cmds.append(["cmake", "--build", bld, "-j", str(jobs), "--target"] + list(targets))
    with open(log, "a", encoding="utf-8") as f:
        for cmd in cmds:
            f.write("$ " + " ".join(cmd) + "\n")
            f.flush()
            try:
                rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env,
                                    timeout=timeout).returncode
            except subprocess.TimeoutExpired:
                f.write(f"\nTIMEOUT after {timeout} s\n")
                return False
            if rc != 0:
                return False
    return True


def first_build_error(log):
    """The first compiler or Verilator error of a build log ('' when none is recognised)."""
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("%Error") or line.startswith("%Warning") or " error: " in line:
                return line.strip()[:200]
    return ""


# ---------------------------------------------------------------------------------------------
# The lockstep suite of a block
# ---------------------------------------------------------------------------------------------


def block_scenarios(block):
    return [s for s in sorted(glob.glob(os.path.join(ROOT, "sim", "tests", "*.scn")))
            if simlib.scenario_block(s) == block]


def lockstep_runs(exe, block, seeds, ops, default_config_only=False):
    """(name, argv) of the block's directed scenarios then its random seeds on the tb_sim
    executable exe. default_config_only: only the scenarios whose `config` line asks for the
    default build (the others would report SKIP on tb_sim)."""
    runs = []
    for s in block_scenarios(block):
        if default_config_only and simlib.scenario_binary(s) != simlib.TB_SIM:
            continue
        runs.append((os.path.basename(s), [exe, "--test", s, "--seed", "1"]))
    runs += [(f"random-{block} --seed {s} --ops {ops}",
              [exe, "--test", f"random-{block}", "--seed", str(s), "--ops", str(ops)])
             for s in range(1, seeds + 1)]
    return runs


MISMATCH_RE = re.compile(r"test \S+\s+seed \d+\s+cycle (\d+).*operation #(\d+)")


def failure_where(out, rc):
    """Where a failing run failed: the bench's mismatch report ('operation #N, cycle C: what'),
    else its first failure line, else the exit status."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        m = MISMATCH_RE.match(line)
        if m:
            what = next((x.strip() for x in lines[i + 1:i + 4]
                         if x.strip() and not x.startswith("scenario line")), "")
            return f"operation #{m.group(2)}, cycle {m.group(1)}: {what}"
    for line in lines:
        if re.search(r"MISMATCH|FAIL|expected|[Aa]ssert|%Error|error", line):
            return line.strip()
    if rc is not None and rc < 0:
        return f"crashed (signal {-rc})"
    return f"exit code {rc}"


def run_suite(runs, timeout=900, log_dir=None, append=False, env=None):
    """Runs (name, argv) in order and stops at the first failure (exit code other than 0 and 77,
    a crash, or a timeout). Returns (failed, where, number of runs done); with log_dir, writes
    (or appends to) runs.txt (one line per run) and fail.log (the failing run's output) there.
    env: the environment of the runs (the schemata build's PRJ_MUT)."""
    done = []
    failed, where = False, f"{len(runs)} runs passed"
    for name, argv in runs:
        try:
            p = subprocess.run(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace", timeout=timeout, env=env)
            out, rc = p.stdout, p.returncode
        except subprocess.TimeoutExpired as e:
            out = e.stdout if isinstance(e.stdout, str) else (e.stdout or b"").decode(
                "utf-8", "replace")
            out, rc = out + f"\nTIMEOUT after {timeout} s\n", None
        status = "pass" if rc == 0 else "skip" if rc == 77 else "FAIL"
        done.append(f"{status:4} {name}")
        if status == "FAIL":
            failed = True
            cause = f"timeout after {timeout} s (hang)" if rc is None else failure_where(out, rc)
            where = f"{name}: {cause}"[:300]
            if log_dir:
                pre = "".join(f"{k}={env[k]} " for k in ("PRJ_MUT",) if env and k in env)
                with open(os.path.join(log_dir, "fail.log"), "w", encoding="utf-8") as f:
                    f.write("$ " + pre + " ".join(argv) + "\n" + out)
            break
    if log_dir:
        with open(os.path.join(log_dir, "runs.txt"), "a" if append else "w",
                  encoding="utf-8") as f:
            f.write("\n".join(done) + "\n")
    return failed, where, len(done)


# ---------------------------------------------------------------------------------------------
# The source-level mutator
# ---------------------------------------------------------------------------------------------

BLOCKS = ("its", "stimer")
RTL_GLOBS = ("rtl/its/*.sv", "rtl/stimer/*.sv")
MODEL_GLOBS = ("cmodel/src/*.c", "cmodel/src/*.h")


@dataclass
class Mutant:
    mid: str      # stable id: hash of file, original line text, column in it and the edit
    path: str     # relative to the repo root
    side: str     # rtl | model
    block: str    # its | stimer | common (model code shared by both blocks)
    line: int
    col: int
    start: int    # the edit replaces text[start:end] with new
    end: int
    new: str
    desc: str

    @property
    def where(self):
        return f"{self.path}:{self.line}:{self.col}"

    def apply(self, text):
        return text[:self.start] + self.new + text[self.end:]


@dataclass
class Tok:
    kind: str
    text: str
    start: int
    end: int


def _tokens(regex, text):
    pos = 0
    out = []
    while pos < len(text):
        m = regex.match(text, pos)
        if not m:  # an unknown character: one token of its own
            out.append(Tok("other", text[pos], pos, pos + 1))
            pos += 1
            continue
        if m.lastgroup not in ("ws", "comment"):
            out.append(Tok(m.lastgroup, m.group(), pos, m.end()))
        pos = m.end()
    return out


SV_TOKEN_RE = re.compile(r"""
   (?P<ws>\s+)
  |(?P<comment>//[^\n]*|/\*.*?\*/)
  |(?P<string>"(?:\\.|[^"\\\n])*")
  |(?P<directive>`[A-Za-z_]\w*)
  |(?P<sized>\d[\d_]*\s*'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ?_]+)
  |(?P<based>'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ?_]+)
  |(?P<fill>'[01xXzZ](?![\w']))
  |(?P<number>\d[\d_]*(?:\.\d+)?)
  |(?P<ident>[A-Za-z_$][\w$]*(?:::[A-Za-z_][\w$]*)*)
  |(?P<op><<<|>>>|===|!==|==\?|!=\?|\|->|\|=>|<->|->|==|!=|<=|>=|&&|\|\||<<|>>|\+:|-:|\+\+|--
       |\*\*|~&|~\||~\^|\^~|'\{|[-+*/%<>=!~&|^?:;,.(){}\[\]\#@'])
""", re.X | re.S)

C_TOKEN_RE = re.compile(r"""
   (?P<ws>\s+)
  |(?P<comment>//[^\n]*|/\*.*?\*/)
  |(?P<string>"(?:\\.|[^"\\\n])*")
  |(?P<char>'(?:\\.|[^'\\\n])+')
  |(?P<pp>(?<![^\n])[ \t]*\#[ \t]*[A-Za-z]+)
  |(?P<number>0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*(?![.\w]))
  |(?P<float>\d[\w.]*)
  |(?P<ident>[A-Za-z_]\w*)
  |(?P<op><<=|>>=|\.\.\.|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||\+=|-=|\*=|/=|%=|&=|\|=|\^=
       |[-+*/%<>=!~&|^?:;,.(){}\[\]\#])
""", re.X | re.S)

SWAP = {"==": "!=", "!=": "==", "<": "<=", "<=": "<", ">": ">=", ">=": ">", "&&": "||",
        "||": "&&", "+": "-", "-": "+", "&": "|", "|": "&", "+=": "-=", "-=": "+=",
        "&=": "|=", "|=": "&="}

SV_DECL_KW = {"logic", "bit", "byte", "int", "integer", "shortint", "longint", "wire", "reg",
              "input", "output", "inout", "typedef", "parameter", "localparam", "module",
              "package", "import", "function", "task", "genvar", "interface", "var", "const",
              "automatic", "struct", "enum", "string", "real"}
SV_STMT_END = {";", "begin", "end", "endcase", "endfunction", "endmodule", "endpackage",
               "endgenerate", "endtask", "else", "generate", None}
SV_OPERAND_END = {"ident", "number", "sized", "based", "fill"}


def _match(toks, i, open_, close):
    """Index of the token closing the bracket toks[i] (or the last token)."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].text == open_:
            depth += 1
        elif toks[j].text == close:
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def _skip_statement(toks, i):
    """Index of the `;` ending the statement that starts at i, at bracket depth 0."""
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j].text
        if t in ("(", "[", "{", "'{"):
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
        elif t == ";" and depth <= 0:
            return j
    return len(toks) - 1


def _sv_literal_mutations(tok):
    """Edits of one SV literal: (new text, description)."""
    t = tok.text
    if tok.kind == "fill":
        if t in ("'0", "'1"):
            n = "'1" if t == "'0" else "'0"
            return [(n, f"{t} -> {n}")]
        return []
    if tok.kind == "number":
        if "." in t:
            return []
        v = int(t.replace("_", ""))
        out = [(str(v + 1), f"{t} -> {v + 1}")]
        if v > 0:
            out.append((str(v - 1), f"{t} -> {v - 1}"))
        return out
    m = re.fullmatch(r"(\d[\d_]*)\s*'([sS]?)([bBoOdDhH])\s*([0-9a-fA-F_]+)", t)
    if not m:
        return []  # x/z digits, or an unsized based literal
    width = int(m.group(1).replace("_", ""))
    base = m.group(3)
    radix = {"b": 2, "o": 8, "d": 10, "h": 16}[base.lower()]
    digits = m.group(4).replace("_", "")
    v = int(digits, radix)
    if width > 64 or v >= (1 << width):
        return []

    def fmt(x):
        s = {2: format(x, "b"), 8: format(x, "o"), 10: str(x), 16: format(x, "X")}[radix]
        if radix == 16 and digits == digits.lower():
            s = s.lower()
        if radix != 10:
            s = s.zfill(len(digits))  # keep the digit count: 8'h01 -> 8'h02
        return f"{m.group(1)}'{m.group(2)}{base}{s}"

    if width == 1:
        n = fmt(v ^ 1)
        return [(n, f"{t} -> {n}")]
    out = []
    if v + 1 < (1 << width):
        out.append((fmt(v + 1), f"{t} -> {fmt(v + 1)}"))
    if v > 0:
        out.append((fmt(v - 1), f"{t} -> {fmt(v - 1)}"))
    return out


def _short(s, n=40):
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 3] + "..."


def sv_edits(text):
    """Candidate edits of one SystemVerilog file: (start, end, new, description).

    Mutated: operators (== !=, < <=, > >=, && ||, binary + -, binary & |; a `<=` only where
    it is a comparison, never a non-blocking assignment), literals (sized: +1/-1, a 1-bit one
    flipped; '0/'1 swapped; unsized decimals +1/-1; a constant bit or element select [N] +1/-1)
    and `if (c)` conditions negated. Not mutated: comments and strings; `ifdef PRJ_ASSERT_ON
    sections and the PRJ_ASSERT* macros; initial/final blocks; compiler directives;
    declarations (ports, signals, types, functions' headers, parameters and integer
    localparams, which set widths, bit positions and configuration) except the value of a
    `localparam logic/bit` constant (register values and masks, opcodes, error codes, MSR
    numbers, RAM word map); parameter overrides #(...) of instances; ranges, part selects and
    other expressions inside [...]; a width of a cast N'(...) or of a replication N{...}."""
    toks = _tokens(SV_TOKEN_RE, text)
    n = len(toks)
    mutable = [True] * n
    i = 0
    prev = None  # text of the previous significant token (for statement starts)
    while i < n:
        t = toks[i]
        skip_to = None
        if t.kind == "directive":
            name = t.text[1:]
            if name in ("ifdef", "ifndef") and i + 1 < n and toks[i + 1].text == "PRJ_ASSERT_ON":
                depth, j = 0, i
                while j < n:
                    if toks[j].text in ("`ifdef", "`ifndef"):
                        depth += 1
                    elif toks[j].text == "`endif":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                skip_to = j
            elif name.startswith("PRJ_ASSERT"):
                skip_to = _match(toks, i + 1, "(", ")") if i + 1 < n and \
                    toks[i + 1].text == "(" else i
            else:  # include, define, ifdef of another macro, ...: the rest of its line
                eol = text.find("\n", t.start)
                eol = n if eol < 0 else eol
                j = i
                while j + 1 < n and toks[j + 1].start < eol:
                    j += 1
                skip_to = j
        elif t.text in ("initial", "final"):
            j = i + 1
            skip_to = _match(toks, j, "begin", "end") if j < n and toks[j].text == "begin" \
                else _skip_statement(toks, j)
        elif t.kind == "ident" and prev in SV_STMT_END:
            nxt = toks[i + 1] if i + 1 < n else None
            if t.text == "localparam" and i + 1 < n and toks[i + 1].text in ("logic", "bit"):
                # The value of a typed constant is mutable, its declared range is not.
                end = _skip_statement(toks, i)
                eq = next((j for j in range(i, end) if toks[j].text == "="), end)
                for j in range(i, eq + 1):
                    mutable[j] = False
                i = eq + 1
                prev = "="
                continue
            if t.text in SV_DECL_KW:
                skip_to = _skip_statement(toks, i)
            elif (("::" in t.text or re.search(r"_[te]$", t.text)) and nxt is not None and
                  nxt.kind == "ident" and i + 2 < n and toks[i + 2].text != "("):
                skip_to = _skip_statement(toks, i)  # a declaration of a user type (pkg::x_t)
            elif nxt is not None and nxt.text == "#":  # instance: skip the parameter overrides
                j = _match(toks, i + 2, "(", ")") if i + 2 < n else i + 1
                for k in range(i, j + 1):
                    mutable[k] = False
                i = j + 1
                prev = ")"
                continue
        if skip_to is not None:
            for j in range(i, skip_to + 1):
                mutable[j] = False
            prev = toks[skip_to].text if toks[skip_to].text == ";" else prev
            i = skip_to + 1
            continue
        prev = t.text
        i += 1

    edits = []
    paren = bracket = 0
    assigned = False   # an assignment (=, a non-blocking <=) or ?: was seen in this statement
    prev = None
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < n else None
        x = t.text
        if x in (";", "begin", "end", "else") or (x == ":" and not assigned and paren == 0
                                                     and bracket == 0):
            assigned = False
        ok = mutable[i]
        if t.kind == "op":
            operand_before = prev is not None and (prev.kind in SV_OPERAND_END or
                                                   prev.text in (")", "]", "}"))
            if x == "<=" and paren == 0 and bracket == 0 and not assigned:
                assigned = True  # a non-blocking assignment
            elif ok and bracket == 0 and x in SWAP and x not in ("+=", "-=", "&=", "|="):
                binary_only = x in ("+", "-", "&", "|")
                if not binary_only or operand_before:
                    edits.append((t.start, t.end, SWAP[x], f"{x} -> {SWAP[x]}"))
            if x in ("=", "?") and paren == 0:
                assigned = True
        elif ok and t.kind in ("number", "sized", "fill"):
            cast_or_rep = nxt is not None and nxt.text in ("'", "{", "'{") and t.kind == "number"
            single_index = (bracket == 1 and prev is not None and prev.text == "[" and
                            nxt is not None and nxt.text == "]" and t.kind == "number")
            if (bracket == 0 and not cast_or_rep) or single_index:
                for new, desc in _sv_literal_mutations(t):
                    if single_index:
                        desc = f"[{x}] -> [{new}]"
                    edits.append((t.start, t.end, new, desc))
        elif ok and x == "if" and nxt is not None and nxt.text == "(":
            j = _match(toks, i + 1, "(", ")")
            inner = text[nxt.end:toks[j].start]
            edits.append((nxt.start, toks[j].end, f"(!({inner}))",
                          f"if ({_short(inner)}) negated"))
        if x == "(":
            paren += 1
        elif x == ")":
            paren -= 1
        elif x == "[":
            bracket += 1
        elif x == "]":
            bracket -= 1
        prev = t
    return edits


C_TYPES = {"void", "char", "short", "int", "long", "unsigned", "signed", "bool", "float",
           "double", "size_t", "struct", "union", "enum", "const", "static"}
C_KEYWORDS = {"return", "case", "sizeof", "if", "while", "for", "switch", "do", "else",
              "goto", "default"}


def _c_literal_mutations(tok):
    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)", tok.text)
    if not m:
        return []
    digits, suffix = m.group(1), m.group(2)
    hexa = digits[:2].lower() == "0x"
    if not hexa and len(digits) > 1 and digits[0] == "0":
        return []  # octal: leave alone
    v = int(digits, 16 if hexa else 10)

    def fmt(x):
        if hexa:
            s = format(x, "X") if digits[2:] == digits[2:].upper() else format(x, "x")
            return digits[:2] + s.zfill(len(digits) - 2) + suffix
        return str(x) + suffix

    out = []
    if v + 1 < (1 << 64):
        out.append((fmt(v + 1), f"{tok.text} -> {fmt(v + 1)}"))
    if v > 0:
        out.append((fmt(v - 1), f"{tok.text} -> {fmt(v - 1)}"))
    return out


def _c_after_struct_body(toks, i):
    """Whether toks[i] is the `}` closing a struct/union/enum body (a declarator follows)."""
    if toks[i].text != "}":
        return False
    depth = 0
    for j in range(i, -1, -1):
        if toks[j].text == "}":
            depth += 1
        elif toks[j].text == "{":
            depth -= 1
            if depth == 0:
                before = [t.text for t in toks[max(0, j - 2):j]]
                return any(b in ("struct", "union", "enum") for b in before)
    return False


def c_edits(text, defines_only=False):
    """Candidate edits of one C file: (start, end, new, description).

    Mutated: operators (== !=, < <=, > >=, && ||, binary + -, += -=, binary & |, &= |=),
    integer literals +1/-1, true/false swapped, `if (c)` conditions negated; in #define bodies
    too (a header contributes its #define bodies only). Not mutated: comments, strings and
    characters; #include/#if/... lines and the name of a #define; assert() and static
    assertions; array sizes in declarations."""
    toks = _tokens(C_TOKEN_RE, text)
    n = len(toks)
    mutable = [not defines_only] * n
    i = 0
    while i < n:
        t = toks[i]
        if t.kind == "pp":
            eol = t.start
            while True:  # the directive's logical line (backslash continuations)
                eol = text.find("\n", eol)
                if eol < 0:
                    eol = len(text)
                    break
                if text[eol - 1] != "\\":
                    break
                eol += 1
            j = i
            while j + 1 < n and toks[j + 1].start < eol:
                j += 1
            body = i + 2  # after `#define NAME`
            if t.text.split("#")[1].strip() == "define" and body <= j:
                if toks[body].text == "(" and toks[body].start == toks[i + 1].end:
                    body = _match(toks, body, "(", ")") + 1  # function-like: skip parameters
                for k in range(i, j + 1):
                    mutable[k] = k >= body
            else:
                for k in range(i, j + 1):
                    mutable[k] = False
            i = j + 1
            continue
        if t.text in ("assert", "static_assert", "_Static_assert") and i + 1 < n and \
                toks[i + 1].text == "(":
            j = _match(toks, i + 1, "(", ")")
            for k in range(i, j + 1):
                mutable[k] = False
            i = j + 1
            continue
        i += 1

    edits = []
    for i, t in enumerate(toks):
        if not mutable[i]:
            continue
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[i + 1] if i + 1 < n else None
        x = t.text
        if t.kind == "op" and x in SWAP:
            operand_before = prev is not None and (
                (prev.kind == "ident" and prev.text not in C_KEYWORDS) or
                prev.kind in ("number", "char", "string") or prev.text in (")", "]"))
            if x not in ("+", "-", "&", "|") or operand_before:
                edits.append((t.start, t.end, SWAP[x], f"{x} -> {SWAP[x]}"))
        elif t.kind == "number":
            in_decl_size = (prev is not None and prev.text == "[" and i >= 3 and
                            toks[i - 2].kind == "ident" and
                            (toks[i - 3].text in C_TYPES or toks[i - 3].text.endswith("_t")
                             or toks[i - 3].text == "*" or _c_after_struct_body(toks, i - 3)))
            if not in_decl_size:
                for new, desc in _c_literal_mutations(t):
                    edits.append((t.start, t.end, new, desc))
        elif x in ("true", "false"):
            new = "false" if x == "true" else "true"
            edits.append((t.start, t.end, new, f"{x} -> {new}"))
        elif x == "if" and nxt is not None and nxt.text == "(":
            j = _match(toks, i + 1, "(", ")")
            inner = text[nxt.end:toks[j].start]
            edits.append((nxt.start, toks[j].end, f"(!({inner}))",
                          f"if ({_short(inner)}) negated"))
    return edits


def file_block(path):
    base = os.path.basename(path)
    if base.startswith("its"):
        return "its"
    if base.startswith("stimer"):
        return "stimer"
    return "common"


def enumerate_mutants(root=ROOT):
    """Every candidate mutant of the RTL and model sources, in a deterministic order."""
    out = []
    for side, globs in (("rtl", RTL_GLOBS), ("model", MODEL_GLOBS)):
        files = sorted({os.path.relpath(p, root) for g in globs
                        for p in glob.glob(os.path.join(root, g))})
        for rel in files:
            with open(os.path.join(root, rel), encoding="utf-8") as f:
                text = f.read()
            if side == "rtl":
                edits = sv_edits(text)
            else:
                edits = c_edits(text, defines_only=rel.endswith(".h"))
            lines = text.split("\n")
            seen = {}
            for start, end, new, desc in sorted(edits):
                line = text.count("\n", 0, start) + 1
                col = start - (text.rfind("\n", 0, start) + 1) + 1
                src = lines[line - 1]
                indent = len(src) - len(src.lstrip())
                key = f"{rel}|{src.strip()}|{col - indent}|{desc}"
                seen[key] = seen.get(key, 0) + 1
                mid = "m" + hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:8]
                out.append(Mutant(mid, rel, side, file_block(rel), line, col, start, end,
                                  new, desc))
    return out


def load_equivalent(path):
    """{id: reason} from a list of equivalent mutants: one a line, `ID REASON`, '#' comments
    (a line starting with '#'; the reason itself may contain '#')."""
    eq = {}
    if not path or not os.path.exists(path):
        return eq
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            words = [] if line.lstrip().startswith("#") else line.split(None, 1)
            if not words:
                continue
            if not words[0].startswith("m") or len(words) < 2:
                raise ValueError(f"{path}:{n}: expected 'ID REASON' (an id from "
                                 f"scripts/mutate --list)")
            eq[words[0]] = words[1].strip()
    return eq


def select_mutants(cands, count, seed):
    """count mutants (None: all) spread evenly over the sides present and, within a side, over
    its and stimer (model code shared by both blocks gets its share of the candidates)."""
    if count is None:
        return list(cands)
    sides = sorted({m.side for m in cands}, key=["rtl", "model"].index)
    picked = []
    for si, side in enumerate(sides):
        n_side = count // len(sides) + (1 if si < count % len(sides) else 0)
        pools = {}
        for m in cands:
            if m.side == side:
                pools.setdefault(m.block, []).append(m)
        total = sum(len(p) for p in pools.values())
        quota = {}
        if "common" in pools:
            quota["common"] = round(n_side * len(pools["common"]) / total)
        blocks = [b for b in BLOCKS if b in pools]
        rest = n_side - quota.get("common", 0)
        for bi, b in enumerate(blocks):
            quota[b] = rest // len(blocks) + (1 if bi < rest % len(blocks) else 0)
        # A pool smaller than its quota gives the surplus to the others.
        for _ in range(3):
            spare = sum(max(0, quota[b] - len(pools[b])) for b in quota)
            for b in quota:
                quota[b] = min(quota[b], len(pools[b]))
            for b in quota:
                room = len(pools[b]) - quota[b]
                take = min(room, spare)
                quota[b] += take
                spare -= take
        for b in sorted(pools):
            rng = random.Random(f"{seed}/{side}/{b}")
            picked += rng.sample(pools[b], quota[b])
    order = {id(m): i for i, m in enumerate(cands)}
    return sorted(picked, key=lambda m: order[id(m)])


def unified_diff(m, text):
    import difflib
    new = m.apply(text)
    return "".join(difflib.unified_diff(text.splitlines(True), new.splitlines(True),
                                        "a/" + m.path, "b/" + m.path, n=1))


# ---------------------------------------------------------------------------------------------
# Mutant schemata: every mutant of a file in one copy of it, selected at run time
# ---------------------------------------------------------------------------------------------
#
# Each edit of the mutator sits in a token of some expression. A schemata file wraps the
# smallest enclosing expression context E whose extent is known (the content of a parenthesised
# group or one comma-separated segment of it, one segment of a concatenation, the right-hand
# side of an assignment or a `return` up to its `;`, an `if` condition) as
#   ((SEL == k) ? (E with mutant k's edit) : (E))
# Several mutants of one context nest. In SystemVerilog a conditional operator's operands are
# context-determined, so the widths stay those of the original expression; in C both branches
# have the same type. SEL is the selector: in a module a variable set at start from the DPI
# function prj_mut_sel_get(), in a package the function itself, in C the global prj_mut_sel;
# all three read the environment variable PRJ_MUT (0 or unset: no mutant). The mutated copy is
# written on one line (tokens joined by spaces, comments dropped), so the file's other lines
# keep their numbers. An edit with no such context (a declaration, a case label, a localparam
# value, a left-hand side) is left to the per-mutant build.

SEL_ENV = "PRJ_MUT"
SEL_C_SOURCE = """\
/* Generated by scripts/mutate (mutant schemata build only): the selector of the mutant schemata,
 * from the environment variable PRJ_MUT (unset or 0: no mutant). */
#include <stdlib.h>
unsigned prj_mut_sel;
int prj_mut_sel_get(void);
static void prj_mut_sel_init(void) __attribute__((constructor));
/* Read from the environment on every call: the table patches of the schemata (constructors of
 * other files) may run before prj_mut_sel_init. */
int prj_mut_sel_get(void) {
  const char *s = getenv("PRJ_MUT");
  return s ? (int)strtoul(s, NULL, 10) : 0;
}
static void prj_mut_sel_init(void) { prj_mut_sel = (unsigned)prj_mut_sel_get(); }
"""
SEL_C_FILE = "cmodel/src/prj_mut_sel.c"  # only in the schemata tree (cmodel globs src/*.c)


def _groups(toks, opens, closes):
    """(open index, close index) of every bracket group, all kinds tracked for nesting."""
    out, stack = [], []
    for i, t in enumerate(toks):
        if t.text in opens:
            stack.append(i)
        elif t.text in closes and stack:
            out.append((stack.pop(), i))
    return out


def _segments(toks, a, b, seps=(",",)):
    """Token index ranges [i, j] of the separator-split segments of toks[a..b] at its top
    level."""
    out, depth, start = [], 0, a
    for k in range(a, b + 1):
        x = toks[k].text
        if x in ("(", "[", "{", "'{"):
            depth += 1
        elif x in (")", "]", "}"):
            depth -= 1
        elif depth == 0 and x in seps:
            if start <= k - 1:
                out.append((start, k - 1))
            start = k + 1
    if start <= b:
        out.append((start, b))
    return out


def _top_level(toks, a, b):
    """The texts of toks[a..b] at bracket depth 0."""
    out, depth = [], 0
    for k in range(a, b + 1):
        x = toks[k].text
        if x in ("(", "[", "{", "'{"):
            if depth == 0:
                out.append(x)
            depth += 1
        elif x in (")", "]", "}"):
            depth -= 1
        elif depth == 0:
            out.append(x)
    return out


SV_PROC_KW = ("always", "always_comb", "always_ff", "always_latch", "function", "task")
SV_CASE_KW = ("case", "casez", "casex")


def _sv_stmt_end(toks, i):
    """Index of the last token of the SV statement starting at toks[i]."""
    n = len(toks)
    x = toks[i].text if i < n else ""
    if x == "begin":
        depth = 0
        for j in range(i, n):
            if toks[j].text in ("begin", "fork"):
                depth += 1
            elif toks[j].text in ("end", "join", "join_any", "join_none"):
                depth -= 1
                if depth == 0:
                    return j
        return n - 1
    if x in ("unique", "unique0", "priority") and i + 1 < n:
        return _sv_stmt_end(toks, i + 1)
    if x in SV_CASE_KW:
        depth = 0
        for j in range(i, n):
            if toks[j].text in SV_CASE_KW:
                depth += 1
            elif toks[j].text == "endcase":
                depth -= 1
                if depth == 0:
                    return j
        return n - 1
    if x in ("if", "for", "while", "foreach", "repeat") and i + 1 < n and toks[i + 1].text == "(":
        j = _sv_stmt_end(toks, _match(toks, i + 1, "(", ")") + 1)
        if x == "if" and j + 1 < n and toks[j + 1].text == "else":
            j = _sv_stmt_end(toks, j + 2)
        return j
    return _skip_statement(toks, i)


def sv_case_items(toks, kinds=("case",)):
    """(first, last token) of each expression of the case items of procedural case
    statements of the kinds given (in always blocks, functions and tasks; a generate case's
    items are constant). SystemVerilog allows any expression there: a case item compares at
    run time, in order. (Not casez/casex: Verilator 5.006 wants their items constant, the
    right-hand side of a wildcard ==?.)"""
    out = set()
    procs = []
    for i, t in enumerate(toks):
        if t.text in SV_PROC_KW and (i == 0 or toks[i - 1].text != "."):
            if t.text in ("function", "task"):
                end = next((j for j in range(i, len(toks))
                            if toks[j].text == "end" + t.text), len(toks) - 1)
            else:
                j = i + 1
                if j < len(toks) and toks[j].text == "@":
                    j = _match(toks, j + 1, "(", ")") + 1 if toks[j + 1].text == "(" else j + 2
                end = _sv_stmt_end(toks, j)
            procs.append((i, end))
    for i, t in enumerate(toks):
        if t.text not in kinds or not any(a < i < b for a, b in procs):
            continue
        if i + 1 >= len(toks) or toks[i + 1].text != "(":
            continue
        j = _match(toks, i + 1, "(", ")") + 1
        if j < len(toks) and toks[j].text == "inside":
            continue
        end = _sv_stmt_end(toks, i)
        while j < end:
            if toks[j].text == "default":
                j += 1
                if toks[j].text == ":":
                    j += 1
                j = _sv_stmt_end(toks, j) + 1
                continue
            depth, colon, q = 0, None, 0
            for k in range(j, end):
                x = toks[k].text
                if x in ("(", "[", "{", "'{"):
                    depth += 1
                elif x in (")", "]", "}"):
                    depth -= 1
                elif depth == 0 and x == "?":
                    q += 1
                elif depth == 0 and x == ":":
                    if q:
                        q -= 1
                    else:
                        colon = k
                        break
            if colon is None or colon == j:
                break
            for a, b in _segments(toks, j, colon - 1):
                out.add((a, b))
            j = _sv_stmt_end(toks, colon + 1) + 1
    return out


def sv_contexts(toks, case_items=None):
    """Expression contexts of an SV token list: (first token, last token) index pairs.
    case_items: a set that receives the contexts that are case item expressions."""
    ctx = set()
    items = sv_case_items(toks)
    ctx |= items
    if case_items is not None:
        case_items |= items
    groups = _groups(toks, ("(", "{", "'{", "["), (")", "}", "]"))
    # Named port connections .name(expr), whole: an output's is a left-hand side, and Verilator
    # 5.006 miscompiles a conditional operator in an input's.
    ports = [(o, c) for o, c in groups if toks[o].text == "(" and o > 1 and
             toks[o - 2].text == "." and toks[o - 1].kind == "ident"]

    def in_port(a, b):
        return any(o <= a and b <= c for o, c in ports)
    for o, c in groups:
        if toks[o].text == "[" or c - o < 2 or in_port(o, c):
            continue
        before = toks[o - 1].text if o > 0 else ""
        if toks[o].text == "(" and before in ("@", "#", "for", "foreach", "module", "repeat"):
            continue
        nxt = toks[c + 1].text if c + 1 < len(toks) else ""
        if toks[o].text == "{" and nxt in ("=", "<=") and before in (
                ";", "begin", "end", "else", ")", ":", "assign"):
            continue  # a concatenation assigned to
        for a, b in _segments(toks, o + 1, c - 1):
            top = _top_level(toks, a, b)
            if toks[a].text == "." or "=" in top or ("?" not in top and ":" in top):
                continue
            # a replication N{...} (an operand directly followed by a brace group)
            if any(top[k] in ("{", "'{") and k > 0 and top[k - 1] not in
                   ("(", "{", ",", "?", ":", "&&", "||", "!", "~", "&", "|", "^", "+", "-")
                   for k in range(len(top))):
                continue
            ctx.add((a, b))
    # Right-hand sides of assignments and returns, up to the `;`.
    depth, assigned, decl, i, n = 0, False, False, 0, len(toks)
    stmt_start = True
    while i < n:
        x = toks[i].text
        if x in ("(", "[", "{", "'{"):
            depth += 1
        elif x in (")", "]", "}"):
            depth -= 1
        if depth == 0:
            if stmt_start and x in ("localparam", "parameter", "typedef", "function", "task"):
                decl = True
            if x in (";", "begin", "end", "else") or (x == ":" and not assigned):
                assigned, decl, stmt_start = False, False, True
                i += 1
                continue
            stmt_start = False
            if not assigned and (x in ("=", "<=") or x == "return"):
                assigned = True
                end = _skip_statement(toks, i + 1)
                if not decl and toks[end].text == ";" and end - 1 >= i + 1:
                    ctx.add((i + 1, end - 1))
        i += 1
    return ctx


def c_contexts(toks):
    """Expression contexts of a C token list: (first token, last token) index pairs."""
    ctx = set()
    groups = _groups(toks, ("(", "{", "["), (")", "}", "]"))
    # Run-time contexts only: inside a function body (a top-level brace group after `)`), not
    # in a static declaration there nor in a case label; #define bodies are added below.
    top = [(o, c) for o, c in groups if toks[o].text == "{" and not any(
        o2 < o and c < c2 for o2, c2 in groups)]
    bodies = [(o, c) for o, c in top if o > 0 and toks[o - 1].text == ")"]
    banned = []
    for i, t in enumerate(toks):
        if t.text == "case":
            j = i + 1
            while j < len(toks) and toks[j].text != ":":
                j += 1
            banned.append((i, j))
        elif t.text == "static" and any(o < i < c for o, c in bodies):
            banned.append((i, _skip_statement(toks, i)))
        elif t.kind == "pp":
            j = i  # a directive's own line is handled with the #define bodies
            while j + 1 < len(toks) and "\n" not in _c_gap(toks[j], toks[j + 1]):
                j += 1
            banned.append((i, j))

    def runtime(a, b):
        return any(o < a and b < c for o, c in bodies) and \
            not any(x <= a <= y or x <= b <= y for x, y in banned)
    for o, c in groups:
        if c - o < 2 or not runtime(o, c):
            continue
        before = toks[o - 1].text if o > 0 else ""
        if toks[o].text == "{" and before != "=":
            continue  # a block, not an initializer
        if toks[o].text == "(" and (before in ("sizeof", "_Alignof") or
                                    toks[o - 1].kind == "pp"):
            continue
        seps = (",", ";") if toks[o].text == "(" else (",",)
        for a, b in _segments(toks, o + 1, c - 1, seps):
            top = _top_level(toks, a, b)
            if toks[a].text in C_TYPES or toks[a].text.endswith("_t") or toks[a].text == ".":
                continue  # a declaration, a type name, a designated initializer
            if any(x in ("=", "+=", "-=", "&=", "|=", "{") for x in top):
                continue
            if "?" not in top and ":" in top:
                continue
            ctx.add((a, b))
    assign_ops = ("=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=")
    for i, t in enumerate(toks):
        if (t.text in assign_ops or t.text == "return") and runtime(i, i):
            depth, j = 0, i + 1
            while j < len(toks):
                x = toks[j].text
                if x in ("(", "[", "{"):
                    depth += 1
                elif x in (")", "]", "}"):
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and x in (";", ","):
                    break
                elif toks[j].kind == "pp":
                    break
                j += 1
            if j - 1 >= i + 1 and toks[i + 1].text != "{":
                ctx.add((i + 1, j - 1))
        elif t.kind == "pp" and t.text.split("#")[1].strip() == "define" and i + 2 < len(toks):
            body = i + 2  # after the name (and a function-like macro's parameters)
            if toks[body].text == "(" and toks[body].start == toks[i + 1].end:
                body = _match(toks, body, "(", ")") + 1
            last = i + 1  # the last token of the logical line
            while last + 1 < len(toks) and "\n" not in _c_gap(toks[last], toks[last + 1]):
                last += 1
            if body <= last:
                ctx.add((body, last))
    return ctx


_C_TEXT = {"text": ""}


def _c_gap(t, u):
    """The source text between two tokens, backslash-newlines removed."""
    return _C_TEXT["text"][t.end:u.start].replace("\\\n", " ")


def _join(toks, a, b, edit=None):
    """Tokens a..b joined by spaces (no comments, no newlines); edit = (start, end, new)
    replaces the tokens it covers."""
    out = []
    done = False
    for k in range(a, b + 1):
        t = toks[k]
        if edit and edit[0] <= t.start and t.end <= edit[1]:
            if not done:
                out.append(edit[2])
                done = True
            continue
        out.append(t.text)
    return " ".join(out)


@dataclass
class Schemata:
    text: str          # the file with its schemata
    placed: dict       # mutant id -> selector value k
    left: dict         # mutant id -> why it is left to the per-mutant build
    spans: list        # (start, end, mutant id, wrapper end): each mutant's mutated copy and
    #                    its whole conditional expression in text (from start), for diagnostics
    kinds: dict = None  # mutant id -> "table", "case" or "statement" (CRoutes), else absent


SWITCH_NONE = "0x7A5A5A5A"  # a case value no label of the model uses (a duplicate is an error)


class CRoutes:
    """The C mutants in no expression context that a schemata can still select at run time:

    - a mutant in the initializer of a constant table (a `static` declaration with an
      initializer, at file scope or in a function): the table loses its top-level `const`, a
      copy of it with the mutant's edit is added after it (`prj_mut_c<k>`), and copies it over
      the original before main (a constructor; in a function, once, at the declaration) when
      the selector is k;
    - a mutant in a `case` label: the switch's controlling value v is remapped when the
      selector is k: the mutated label's value goes to the label's arm, the original label's
      value to where no label matches (SWITCH_NONE, an added label on the switch's `default`,
      or an added `case SWITCH_NONE: break;`).
    edits() gives the text edits (start, end, new text) in the file's order; they lie outside
    every expression context."""

    def __init__(self, text, toks, sel_of):
        self.text, self.toks, self.sel_of = text, toks, sel_of
        self.placed, self.marks = {}, {}
        self.tables = {}    # (first, last token) of a declaration -> [(k, mutant)]
        self.switches = {}  # (switch token, body open, body close) -> [(k, label, mutated)]
        self.stmts = []     # ((first, last token `;`), k, id, mutated statement)
        self.kinds = {}     # id -> table | case | statement
        groups = _groups(toks, ("(", "{", "["), (")", "}", "]"))
        self.braces = [(o, c) for o, c in groups if toks[o].text == "{"]
        self.parens = {o: c for o, c in groups if toks[o].text == "("}
        self.bodies = [(o, c) for o, c in self.braces if o > 0 and toks[o - 1].text == ")" and
                       not any(o2 < o and c < c2 for o2, c2 in self.braces)]

    def tok_at(self, pos):
        return next(i for i, t in enumerate(self.toks) if t.start <= pos < t.end)

    def add(self, m):
        """Places m and returns None, or returns why not ('' when no route applies)."""
        i = self.tok_at(m.start)
        j = self.tok_at(m.end - 1)
        k = self.sel_of[m.mid]
        lab = self.case_label(i)
        if lab is not None:
            c0, c1 = lab
            if j >= c1:
                return ""
            sw = self.switch_of(c0)
            if sw is None:
                return "a case label outside a switch body"
            label = _join(self.toks, c0 + 1, c1 - 1)
            mutated = _join(self.toks, c0 + 1, c1 - 1, (m.start, m.end, m.new))
            self.switches.setdefault(sw, []).append((k, m.mid, label, mutated))
            self.placed[m.mid] = k
            self.kinds[m.mid] = "case"
            return None
        if i == j and self.toks[i].text in ("+=", "-=", "&=", "|="):
            st = self.statement_of(i)
            if st is None:
                return ""
            mutated = _join(self.toks, st[0], st[1], (m.start, m.end, m.new))
            self.stmts.append((st, k, m.mid, mutated))
            self.placed[m.mid] = k
            self.kinds[m.mid] = "statement"
            return None
        decl = self.table_decl(i)
        if decl is None:
            return ""
        ds, de, eq = decl
        if j <= eq or j >= de:
            return ""
        in_body = any(o < ds and de < c for o, c in self.bodies)
        if not in_body and self.toks[ds].text != "static":
            return "an initializer of an external constant (its declaration in a header is const)"
        self.tables.setdefault((ds, de, eq), []).append((k, m))
        self.placed[m.mid] = k
        self.kinds[m.mid] = "table"
        return None

    def statement_of(self, i):
        """(first token, `;`) of the expression statement whose top level holds token i (a
        compound assignment in a function body; not in a for header or an initializer)."""
        toks = self.toks
        inner = [(o, c) for o, c in _groups(toks, ("(", "{", "["), (")", "}", "]"))
                 if o < i < c]
        if not inner:
            return None
        o, c = max(inner)
        if toks[o].text != "{" or (o > 0 and toks[o - 1].text == "=") or \
                not any(b0 < i < b1 for b0, b1 in self.bodies):
            return None
        a = i - 1
        while a > o:
            x = toks[a].text
            if x in (";", "{", "}", ":", "else", "do"):
                break
            if x in (")", "]"):
                op = next((p for p, q in _groups(toks, ("(", "["), (")", "]")) if q == a), None)
                if op is None:
                    return None
                if x == ")" and op > 0 and toks[op - 1].text in ("if", "while", "for", "switch"):
                    break
                a = op
            a -= 1
        end = _skip_statement(toks, i)
        if toks[end].text != ";" or end >= c:
            return None
        return (a + 1, end)

    def case_label(self, i):
        """(case token, colon token) of the case label holding token i, or None."""
        toks = self.toks
        for c0 in range(i, max(-1, i - 40), -1):
            x = toks[c0].text
            if x == "case":
                c1 = c0 + 1
                while c1 < len(toks) and toks[c1].text != ":":
                    c1 += 1
                return (c0, c1) if c1 >= i else None
            if x in (";", "{", "}", ":"):
                return None
        return None

    def switch_of(self, c0):
        """(switch token, body open, body close) of the innermost switch body holding c0."""
        best = None
        for o, c in self.braces:
            if o < c0 < c and (best is None or o > best[1]):
                best = (None, o, c)
        if best is None:
            return None
        o = best[1]
        if o < 2 or self.toks[o - 1].text != ")":
            return None
        po = next((a for a, b in self.parens.items() if b == o - 1), None)
        if po is None or po < 1 or self.toks[po - 1].text != "switch":
            return None
        return (po - 1, o, best[2])

    def table_decl(self, i):
        """(first token, last token `;`, `=` token) of the static declaration with an
        initializer holding token i (a file-scope declaration or a function's `static`)."""
        toks = self.toks
        in_body = next(((o, c) for o, c in self.bodies if o < i < c), None)
        if in_body:
            ds = next((x for x in range(i, in_body[0], -1) if toks[x].text == "static"), None)
            if ds is None or any(toks[x].text in (";", "}") and
                                 not any(o < x < c for o, c in self.braces if o > ds)
                                 for x in range(ds, i)):
                return None
        else:
            ds = i
            while ds > 0 and not (toks[ds - 1].text in (";", "}") and
                                  not any(o < ds - 1 < c for o, c in self.braces)):
                ds -= 1
            while ds < i and toks[ds].kind == "pp":  # directives before it: their lines
                while ds < i and "\n" not in self.text[toks[ds].end:toks[ds + 1].start]:
                    ds += 1
                ds += 1
        de = _skip_statement(toks, ds)
        if toks[de].text != ";" or de < i:
            return None
        top = _top_level(toks, ds, de)
        if "=" not in top or "," in top or "(" in top[:top.index("=")]:
            return None  # no initializer, several declarators, a function
        depth, eq = 0, None
        for x in range(ds, de):
            t = toks[x].text
            if t in ("(", "[", "{"):
                depth += 1
            elif t in (")", "]", "}"):
                depth -= 1
            elif t == "=" and depth == 0:
                eq = x
                break
        return (ds, de, eq)

    def edits(self):
        toks, out = self.toks, []
        for n, ((ds, de, eq), ms) in enumerate(sorted(self.tables.items())):
            br = next((x for x in range(ds, eq) if toks[x].text == "["), eq)
            name = toks[br - 1].text
            stars = [x for x in range(ds, br) if toks[x].text == "*"]
            consts = [x for x in range(stars[-1] if stars else ds, br)
                      if toks[x].text == "const"]
            in_body = any(o < ds and de < c for o, c in self.bodies)
            out.append((toks[ds].start, toks[ds].start, f"/*pmt{n}*/ "))
            for x in consts:
                out.append((toks[x].start, toks[x].end, ""))
            add = [f" /*pmt{n}.*/"]
            for k, m in sorted(ms, key=lambda km: km[0]):
                spec = " ".join(t.text for t in toks[ds:br - 1] if t.text != "static")
                rest = _join(toks, br, de, (m.start, m.end, m.new))
                copy = f"static {spec} prj_mut_c{k} {rest}"
                if in_body:
                    patch = (f" static int prj_mut_d{k}; if (prj_mut_sel == {k}u && "
                             f"!prj_mut_d{k}) {{ __builtin_memcpy((void *)&{name}, "
                             f"&prj_mut_c{k}, sizeof({name})); prj_mut_d{k} = 1; }}")
                else:
                    patch = (f" static void prj_mut_p{k}(void) __attribute__((constructor)); "
                             f"static void prj_mut_p{k}(void) {{ if (prj_mut_sel_get() == {k}) "
                             f"__builtin_memcpy((void *)&{name}, &prj_mut_c{k}, "
                             f"sizeof({name})); }}")
                add.append(f" /*pmc{k}*/ {copy}{patch} /*pmc{k}.*/")
                self.marks[m.mid] = [(f"/*pmt{n}*/", f"/*pmt{n}.*/"),
                                     (f"/*pmc{k}*/", f"/*pmc{k}.*/")]
            out.append((toks[de].end, toks[de].end, "".join(add)))
        for (sw, o, c), ms in sorted(self.switches.items()):
            po = sw + 1
            pc = self.parens[po]
            chain = "".join(f"(prj_mut_sel == {k}u && prj_mv == ({mut})) ? ({lab}) : "
                            f"(prj_mut_sel == {k}u && prj_mv == ({lab})) ? {SWITCH_NONE} : "
                            for k, _, lab, mut in ms)
            out.append((toks[po + 1].start, toks[po + 1].start,
                        f"/*pms{sw}*/ __extension__ ({{ __auto_type prj_mv = +("))
            out.append((toks[pc - 1].end, toks[pc - 1].end,
                        f"); (__typeof__(prj_mv))({chain}prj_mv); }}) /*pms{sw}.*/"))
            dflt = next((x for x in range(o + 1, c) if toks[x].text == "default" and
                         self.switch_of(x) == (sw, o, c)), None)
            if dflt is not None:
                out.append((toks[dflt].start, toks[dflt].start,
                            f"/*pmn{sw}*/ case {SWITCH_NONE}: /*pmn{sw}.*/ "))
            else:
                out.append((toks[c].start, toks[c].start,
                            f"/*pmn{sw}*/ case {SWITCH_NONE}: break; /*pmn{sw}.*/ "))
            for _, mid, _, _ in ms:
                self.marks[mid] = [(f"/*pms{sw}*/", f"/*pms{sw}.*/"),
                                   (f"/*pmn{sw}*/", f"/*pmn{sw}.*/")]
        for (a, b), k, mid, mutated in self.stmts:
            out.append((toks[a].start, toks[a].start,
                        f"/*pma{k}*/ {{ if (prj_mut_sel == {k}u) {mutated} else /*pma{k}.*/ "))
            out.append((toks[b].end, toks[b].end, " }"))
            self.marks[mid] = [(f"/*pma{k}*/", f"/*pma{k}.*/")]
        return sorted(out, key=lambda e: (e[0], e[1]))


def _sv_procs(toks):
    """(first, last token) of the run-time code of an SV file: always blocks, functions and
    tasks, and the right-hand sides of continuous assignments."""
    out = []
    for i, t in enumerate(toks):
        if i > 0 and toks[i - 1].text == ".":
            continue
        if t.text in ("function", "task"):
            end = next((j for j in range(i, len(toks)) if toks[j].text == "end" + t.text),
                       len(toks) - 1)
            out.append((i, end))
        elif t.text in SV_PROC_KW:
            j = i + 1
            if j < len(toks) and toks[j].text == "@":
                j = _match(toks, j + 1, "(", ")") + 1 if toks[j + 1].text == "(" else j + 2
            out.append((i, _sv_stmt_end(toks, j)))
        elif t.text == "assign":
            end = _skip_statement(toks, i)
            eq = next((j for j in range(i, end) if toks[j].text == "="), None)
            if eq is not None:
                out.append((eq, end))
    return out


@dataclass
class LocalparamPlan:
    own: dict    # mutant id -> "localparam" (its uses select it) or "unused constant"
    uses: dict   # path -> {use token text: [(selector value, mutant id, mutated literal)]}
    left: dict   # mutant id -> why its localparam stays per-mutant
    files: set   # the files with uses


def sv_localparam_plan(texts, mutants, sel_of):
    """The mutants of a package's typed localparam values that a schemata can select at run
    time: a localparam whose value is one sized literal of its declared width (`localparam
    logic [N:0] X = W'h...;`, W = N + 1) and whose every use, in the files texts (path ->
    text: the RTL files with candidates), is run-time code (_sv_procs) outside any `[...]`
    and any casez item gets each use X (`pkg::X` outside the package) written
    `((SEL == k) ? (mutated) : (X))` (both operands have the width of X, so the use's context
    extends them alike); one used nowhere changes no code. Any other use (another constant's
    value, a range, a port connection, a generate condition, an assertion, the bench) leaves
    the localparam's mutants to the per-mutant build."""
    toks = {f: _tokens(SV_TOKEN_RE, t) for f, t in texts.items()}
    procs = {f: _sv_procs(tk) for f, tk in toks.items()}
    wild = {f: sv_case_items(tk, ("casez", "casex")) for f, tk in toks.items()}
    brk = {}
    for f, tk in toks.items():
        d, flags = 0, []
        for t in tk:
            d += t.text == "["
            flags.append(d > 0)
            d -= t.text == "]"
        brk[f] = flags
    plan = LocalparamPlan({}, {}, {}, set())
    by_decl = {}
    for m in mutants:
        if not m.path.endswith("_pkg.sv") or m.path not in toks:
            continue
        tk = toks[m.path]
        i = next(j for j, t in enumerate(tk) if t.start <= m.start < t.end)
        d = i
        while d > 0 and tk[d].text not in (";", "localparam"):
            d -= 1
        if tk[d].text != "localparam" or tk[d + 1].text not in ("logic", "bit"):
            continue
        end = _skip_statement(tk, d)
        eq = next((j for j in range(d, end) if tk[j].text == "="), None)
        if eq is None or not eq < i < end:
            continue
        by_decl.setdefault((m.path, d, eq, end), []).append(m)
    for (f, d, eq, end), ms in sorted(by_decl.items()):
        tk = toks[f]
        name = tk[eq - 1].text
        rng = [t.text for t in tk[d + 2:eq - 1]]
        width = int(rng[1]) + 1 if len(rng) == 5 and rng[0] == "[" and rng[1].isdigit() and \
            rng[3] == "0" else 1 if not rng else None
        lit = re.fullmatch(r"(\d+)'[bBoOdDhH][0-9a-fA-F_]+", tk[eq + 1].text) \
            if end == eq + 2 else None
        if width is None or lit is None or int(lit.group(1)) != width:
            for m in ms:
                plan.left[m.mid] = "a localparam value that is not one literal of its width"
            continue
        pkg = next(t.text for j, t in enumerate(tk) if j > 0 and tk[j - 1].text == "package")
        uses, const = [], None
        for g, tg in toks.items():
            for j, t in enumerate(tg):
                if t.text == f"{pkg}::{name}" or (g == f and t.text == name and j != eq - 1):
                    if brk[g][j] or not any(a < j < b for a, b in procs[g]) or \
                            any(a <= j <= b for a, b in wild[g]):
                        const = f"{g}:{texts[g].count(chr(10), 0, t.start) + 1}"
                    uses.append((g, t.text))
        if const:
            for m in ms:
                plan.left[m.mid] = f"a localparam used in a constant context ({const})"
            continue
        for m in ms:
            plan.own[m.mid] = "localparam" if uses else "unused constant"
            for g, key in set(uses):
                plan.uses.setdefault(g, {}).setdefault(key, []).append(
                    (sel_of[m.mid], m.mid, m.new))
                plan.files.add(g)
    return plan


def make_schemata(text, mutants, sel_of, lang, excluded=(), lp=None, path=None):
    """The schemata file of one source file: its mutants placed with their selector value
    sel_of[id]; lang 'sv' or 'c'. excluded: ids left out (per-mutant route). lp: the
    LocalparamPlan of the RTL (with path, this file's name in it)."""
    if lang == "sv":
        toks = _tokens(SV_TOKEN_RE, text)
        sv_items = set()
        ctxs = sv_contexts(toks, sv_items)
    else:
        toks = _tokens(C_TOKEN_RE, text)
        _C_TEXT["text"] = text
        ctxs = c_contexts(toks)
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    ctx = sorted(ctxs, key=lambda ab: (toks[ab[1]].end - toks[ab[0]].start))
    c_routes = CRoutes(text, toks, sel_of) if lang == "c" else None
    is_pkg = lang == "sv" and not any(t.text == "module" for t in toks)
    sel = "prj_mut_sel" if lang == "c" else "prj_mut_sel_get()" if is_pkg else "prj_mut_sel"
    by_ctx, left, sv_kinds, lp_placed = {}, {}, {}, {}
    lp_uses = {}
    if lp is not None:
        for key, lst in lp.uses.get(path, {}).items():
            lst = [x for x in lst if x[1] not in excluded]
            if lst:
                lp_uses[key] = lst
    for m in mutants:
        if m.mid in excluded:
            continue
        if lp is not None and m.mid in lp.own:
            sv_kinds[m.mid] = lp.own[m.mid]
            lp_placed[m.mid] = sel_of[m.mid]
            continue
        s, e, new = m.start, m.end, m.new
        if new.startswith("(!(") and text[s] == "(" and text[e - 1] == ")":
            # `if (c)` negated: the context is the condition, the copy `!(c)`
            a, b = starts.get(s), ends.get(e)
            if a is None or b is None or (a + 1, b - 1) not in ctxs:
                left[m.mid] = "the condition is not an expression context"
                continue
            copy = "!( " + _join(toks, a + 1, b - 1) + " )"
            by_ctx.setdefault((a + 1, b - 1), []).append((m, copy))
            continue
        best = next(((a, b) for a, b in ctx if toks[a].start <= s and e <= toks[b].end), None)
        if best is None and lang == "c":
            why = c_routes.add(m)
            if why is None:
                continue
            if why:
                left[m.mid] = why
                continue
        if best is None:
            left[m.mid] = lp.left.get(m.mid) if lp is not None and m.mid in lp.left else \
                "no expression context (declaration, label, constant, left side)"
            continue
        by_ctx.setdefault(best, []).append((m, _join(toks, best[0], best[1], (s, e, new))))
        if lang == "sv" and best in sv_items:
            sv_kinds[m.mid] = "case"
    used = sorted(by_ctx, key=lambda ab: (toks[ab[0]].start, -toks[ab[1]].end))
    placed = {}

    def head(k):
        return f"(({sel} == {k}{'u' if lang == 'c' else ''}) ? ("

    def render(lo, hi, kids):
        """text[lo:hi] with the used contexts kids (nested ones included) expanded."""
        pos, parts, i = lo, [], 0
        while i < len(kids):
            a, b = kids[i]
            cs, ce = toks[a].start, toks[b].end
            j = i + 1
            while j < len(kids) and toks[kids[j][0]].start >= cs and toks[kids[j][1]].end <= ce:
                j += 1
            parts.append(text[pos:cs])
            expr = render(cs, ce, kids[i + 1:j])
            for m, copy in by_ctx[(a, b)]:
                placed[m.mid] = sel_of[m.mid]
                expr = f"{head(sel_of[m.mid])}{copy}) : ({expr}))"
            parts.append(expr)
            pos, i = ce, j
        parts.append(text[pos:hi])
        return "".join(parts)

    def gap(lo, hi):
        """text[lo:hi] (outside every used context) with the table and case-label edits."""
        out, pos = [], lo
        for n, (at, end, what) in enumerate(inserts):
            if lo <= at <= hi and end <= hi and n not in done_ins:
                out.append(text[pos:at] + what)
                pos = max(pos, end)
                done_ins.add(n)
        out.append(text[pos:hi])
        return "".join(out)

    inserts = c_routes.edits() if c_routes else []
    done_ins = set()
    if inserts:
        # the edits lie between the used contexts (a case label, a table and a switch head are
        # no expression context): render the text between contexts through gap()
        pieces, pos = [], 0
        tops = []
        for a, b in used:
            if not tops or toks[a].start >= toks[tops[-1][1]].end:
                tops.append((a, b))
        for a, b in tops:
            cs, ce = toks[a].start, toks[b].end
            pieces.append(gap(pos, cs))
            kids = [k for k in used if toks[k[0]].start >= cs and toks[k[1]].end <= ce]
            pieces.append(render(cs, ce, kids))
            pos = ce
        pieces.append(gap(pos, len(text)))
        res = "".join(pieces)
        placed.update(c_routes.placed)
    else:
        res = render(0, len(text), used)
    if placed or lp_uses or lp_placed:
        # The selector's declaration, on an existing line (the line numbers stay).
        if lang == "c":
            decl_at, decl = 0, "extern unsigned prj_mut_sel; "
            if c_routes and c_routes.placed:
                decl += "int prj_mut_sel_get(void); "
        else:
            kw = next((k for k, t in enumerate(toks) if t.text in ("module", "package")), None)
            semi = _skip_statement(toks, kw) if kw is not None else None
            first_use = [toks[a].start for a, _ in used] + [
                t.start for t in toks if t.text in lp_uses]
            if semi is None or toks[semi].end > min(first_use, default=len(text)):
                return Schemata(text, {}, {m.mid: "no place for the selector" for m in mutants
                                          if m.mid not in excluded}, [])
            decl_at = toks[semi].end
            decl = ' import "DPI-C" function int prj_mut_sel_get();'
            if not is_pkg:
                decl += " int prj_mut_sel; initial prj_mut_sel = prj_mut_sel_get();"
        res = res[:decl_at] + decl + res[decl_at:]
    lp_spans = []
    if lp_uses:
        # every use of a selected localparam, in the original text and in the mutated copies
        # (a copy is active only for its own mutant, where the use must be the original)
        rt, parts, pos = _tokens(SV_TOKEN_RE, res), [], 0
        for j, t in enumerate(rt):
            lst = lp_uses.get(t.text)
            if not lst or (j + 1 < len(rt) and rt[j + 1].text == "=" and j > 1 and
                           rt[j - 1].text in ("]", "logic", "bit")):
                continue  # not a use, or the declaration itself
            expr = t.text
            for k, mid, new in lst:
                expr = f"{head(k)}{new}) : ({expr}))"
            parts.append(res[pos:t.start])
            at = sum(len(x) for x in parts)
            lp_spans += [(at, at + len(expr), mid, at + len(expr)) for _, mid, _ in lst]
            parts.append(expr)
            pos = t.end
        parts.append(res[pos:])
        res = "".join(parts)
    placed.update(lp_placed)
    copies = {m.mid: copy for lst in by_ctx.values() for m, copy in lst}
    spans = list(lp_spans)
    if c_routes:
        for mid, marks in c_routes.marks.items():
            for begin, end in marks:
                p = res.find(begin)
                q = res.find(end, p + len(begin)) + len(end)
                spans.append((p, q, mid, q))
    for mid, k in placed.items():
        if (c_routes and mid in c_routes.placed) or mid in lp_placed:
            continue
        p = res.find(head(k))
        depth = 0
        for q in range(p, len(res)):  # the end of the whole conditional expression
            depth += {"(": 1, ")": -1}.get(res[q], 0)
            if depth == 0:
                break
        spans.append((p, p + len(head(k)) + len(copies[mid]) + 1, mid, q + 1))
    return Schemata(res, placed, left, spans, dict(c_routes.kinds) if c_routes else sv_kinds)


def first_build_error_text(text):
    """The first compiler or Verilator error line of a build output ('' when none)."""
    for line in text.splitlines():
        if line.startswith("%Error") or line.startswith("%Warning") or " error: " in line:
            return line.strip()[:200]
    return ""
