"""Language checks that run in-process: ini (pip config), toml, yaml, json,
and structural checks for PowerShell and cmd, which cannot run here.

Each takes a :class:`~sitelint.units.Unit` whose placeholders are already
filled in, and returns findings on the unit's source lines.
"""

from __future__ import annotations

import configparser
import json
import re
import tomllib

import yaml

from .findings import Finding
from .markdown import SECTION_MARKER_RE
from .pip_options import PipSourceError, pip_config_names
from .units import Unit


def _text(unit: Unit, fill) -> tuple[str, list[int]]:
    """The unit's text (section markers blanked) and the source line of each line."""
    texts, numbers = [], []
    for number, text in unit.lines:
        if "8<-" in text and SECTION_MARKER_RE.match(text):
            text = ""
        texts.append(fill(text))
        numbers.append(number)
    return "\n".join(texts), numbers


def _at(numbers: list[int], index: int) -> int:
    """Source line of the 1-based ``index``-th line of the unit text."""
    if not numbers:
        return 1
    return numbers[min(max(index, 1), len(numbers)) - 1]


def check_ini(unit: Unit, fill) -> list[Finding]:
    text, numbers = _text(unit, fill)
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None) or 1
        message = str(exc).splitlines()[0]
        return [Finding(unit.path, _at(numbers, line), "SNP013", f"pip config does not parse ({message}); write `[section]` then `name = value` lines")]
    try:
        options, sections, version = pip_config_names()
    except PipSourceError as exc:
        return [Finding(unit.path, _at(numbers, 1), "TOOL001", str(exc))]
    findings = []
    section = None
    for index, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        header = re.match(r"^\[([^\]]+)\]$", line)
        if header:
            section = header.group(1).strip()
            if section not in sections:
                findings.append(Finding(unit.path, _at(numbers, index), "SNP013", f"`[{section}]` is not a pip config section (pip {version} reads [global] and command names such as [install]); use [global]"))
            continue
        if raw[:1].isspace():
            continue  # continuation of a multi-line value
        key = re.split(r"\s*[=:]", line, maxsplit=1)[0].strip()
        name = key.lower().replace("_", "-").lstrip("-")
        if name not in options:
            close = sorted(o for o in options if o.startswith(name[:3]))[:4]
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            findings.append(Finding(unit.path, _at(numbers, index), "SNP013", f"`{key}` is not a pip option name, so pip silently ignores it{hint}; use a long option name from `pip help install` without the leading --"))
    return findings


def check_data(unit: Unit, fill) -> list[Finding]:
    text, numbers = _text(unit, fill)
    try:
        if unit.lang == "toml":
            tomllib.loads(text)
        elif unit.lang == "yaml":
            list(yaml.safe_load_all(text))
        elif unit.lang == "json":
            json.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return [Finding(unit.path, _at(numbers, int(match.group(1)) if match else 1), "SNP014", f"TOML does not parse: {exc}; fix the syntax")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [Finding(unit.path, _at(numbers, line), "SNP014", f"YAML does not parse: {reason}; fix the syntax")]
    except json.JSONDecodeError as exc:
        return [Finding(unit.path, _at(numbers, exc.lineno), "SNP014", f"JSON does not parse: {exc.msg}; fix the syntax (JSON allows no comments, so embed a JSON file whole)")]
    return []


PS_ENV_ASSIGN_RE = re.compile(r"^\s*\$env:([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$", re.I)
PS_ENV_VALUE_OK_RE = re.compile(r"""^(?:"(?:[^"`]|`.)*"|'(?:[^']|'')*'|\$\S.*|\(.*\)|\[.*|\$null)$""")
BAT_SET_RE = re.compile(r"^\s*@?set\s+(.*)$", re.I)
BAT_SET_OK_RE = re.compile(r'^(?:"[A-Za-z_][A-Za-z0-9_]*=[^"]*"|/[ap]\s.*|[A-Za-z_][A-Za-z0-9_]*)\s*$', re.I)


def _balance(unit: Unit, code: str, lines: list[tuple[int, str]], strings) -> list[Finding]:
    """Brackets balanced outside strings; ``strings(text, state)`` yields code chars."""
    pairs = {")": "(", "}": "{", "]": "["}
    stack: list[tuple[str, int]] = []
    state = {"quote": None, "line": 0, "here": None}
    for number, text in lines:
        for char in strings(text, state, number):
            if char in "({[":
                stack.append((char, number))
            elif char in ")}]":
                if not stack or stack[-1][0] != pairs[char]:
                    return [Finding(unit.path, number, code, f"`{char}` closes nothing; balance the brackets")]
                stack.pop()
    if state["quote"]:
        return [Finding(unit.path, state["line"], code, f"{state['quote']} opened here is never closed; close the string")]
    if state.get("here"):
        return [Finding(unit.path, state["line"], code, "here-string opened here is never closed; end it with \"@ at the start of a line")]
    if stack:
        char, number = stack[-1]
        return [Finding(unit.path, number, code, f"`{char}` opened here is never closed; balance the brackets")]
    return []


def _powershell_chars(text: str, state: dict, number: int):
    if state.get("here"):
        if text.startswith(state["here"] + "@"):
            state["here"] = None
        return
    index = 0
    while index < len(text):
        char = text[index]
        quote = state["quote"]
        if quote == '"':
            if char == "`":
                index += 2
                continue
            if char == '"':
                if text[index + 1 : index + 2] == '"':
                    index += 2
                    continue
                state["quote"] = None
        elif quote == "'":
            if char == "'":
                if text[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                state["quote"] = None
        else:
            if char == "#":
                return
            if char == "@" and text[index + 1 : index + 2] in ('"', "'") and not text[index + 2 :].strip():
                state["here"], state["line"] = text[index + 1], number
                return
            if char == "`":
                index += 2
                continue
            if char in "\"'":
                state["quote"], state["line"] = char, number
            else:
                yield char
        index += 1


def _bat_chars(text: str, state: dict, number: int):
    stripped = text.strip()
    if re.match(r"^(@?rem\b|::)", stripped, re.I):
        return
    state["quote"] = None  # cmd strings never span lines
    in_quote = False
    for char in text:
        if char == '"':
            in_quote = not in_quote
        elif not in_quote:
            yield char
    if in_quote:
        state["quote"], state["line"] = '"', number


def check_powershell(unit: Unit, fill) -> list[Finding]:
    lines = [(n, fill(t)) for n, t in unit.lines]
    findings = []
    for number, text in lines:
        code = text.split("#", 1)[0] if '"' not in text and "'" not in text else text
        assign = PS_ENV_ASSIGN_RE.match(code)
        if assign and not PS_ENV_VALUE_OK_RE.match(assign.group(2)):
            findings.append(Finding(unit.path, number, "SNP015", f'`$env:{assign.group(1)} = {assign.group(2)}` assigns an unquoted value; write `$env:{assign.group(1)} = "{assign.group(2)}"`'))
        if re.match(r"^\s*export\s+\w+=", code):
            findings.append(Finding(unit.path, number, "SNP015", "`export NAME=…` is bash, not PowerShell; write `$env:NAME = \"…\"`"))
        elif re.match(r"^\s*set\s+\"?\w+=", code, re.I):
            findings.append(Finding(unit.path, number, "SNP015", "`set NAME=…` is cmd, not PowerShell; write `$env:NAME = \"…\"`"))
        elif re.search(r"%[A-Za-z_]\w*%", code) and not code.lstrip().startswith("#"):
            findings.append(Finding(unit.path, number, "SNP015", "`%NAME%` is cmd syntax; PowerShell reads `$env:NAME`"))
    return findings + _balance(unit, "SNP015", lines, _powershell_chars)


def check_bat(unit: Unit, fill) -> list[Finding]:
    lines = [(n, fill(t)) for n, t in unit.lines]
    findings = []
    for number, text in lines:
        if re.match(r"^\s*(@?rem\b|::)", text, re.I):
            continue
        setting = BAT_SET_RE.match(text)
        if setting and not setting.group(1).lstrip().startswith(("|", ">", "&")) and not BAT_SET_OK_RE.match(setting.group(1).strip()):
            value = setting.group(1).strip()
            findings.append(Finding(unit.path, number, "SNP016", f'`set {value}` keeps stray spaces and breaks on & and ^; write `set "{value.strip(chr(34))}"`'))
        if re.match(r"^\s*export\s+\w+=", text) or re.search(r"\$env:", text, re.I):
            findings.append(Finding(unit.path, number, "SNP016", 'bash/PowerShell syntax in a cmd snippet; cmd sets variables with `set "NAME=value"` and reads `%NAME%`'))
        percent = re.sub(r"%%|%~[a-zA-Z]*[0-9]|%[0-9*]", "", text)
        if percent.count("%") % 2:
            findings.append(Finding(unit.path, number, "SNP016", "unpaired `%`; write variables as `%NAME%` (and `%%` for a literal percent sign)"))
    return findings + _balance(unit, "SNP016", lines, _bat_chars)


IN_PROCESS = {"ini": check_ini, "toml": check_data, "yaml": check_data, "json": check_data, "powershell": check_powershell, "bat": check_bat}
