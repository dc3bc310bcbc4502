#!/usr/bin/env python3
"""Parses the shipped PowerShell with the tree-sitter PowerShell grammar.

(a) tools/Collect-DhcpFailover.ps1: no ERROR or MISSING node; nothing PowerShell 5.1 lacks
    (`??`, `?.`, ternaries, -AsHashtable); ConvertTo-Json always with -Depth; the file is
    written with [System.IO.File]::WriteAllText, never Out-File / Set-Content.
(b) the change-set scripts the Rust export writes for hostile names (written by
    `cargo run --example export_hostile -- DIR`, with DIR/expected.json): no parse error,
    exactly the intended commands (cmdlet, -ComputerName, -Name, -ScopeId values, compared
    after PowerShell single-quote unescaping), and names with line-breaking characters
    only as `# FLAGGED:` comments, never in the script's code.

Usage: check_ps.py REPO_ROOT EXPORT_DIR. Prints one line per check and a closing
"N passed, M failed"; exits non-zero when anything failed.
"""

import json
import os
import sys

import tree_sitter
import tree_sitter_powershell

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
# PowerShell ends single-quoted strings at the typographic single quotes too.
QUOTES = "'\u2018\u2019\u201a\u201b"

passed = 0
failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def text(node):
    return node.text.decode("utf-8")


def parse_errors(tree):
    return [
        f"{n.type} at {n.start_point[0] + 1}:{n.start_point[1] + 1}"
        for n in walk(tree.root_node)
        if n.type == "ERROR" or n.is_missing
    ]


def unquote(literal):
    """The value of a PowerShell single-quoted string literal."""
    if len(literal) < 2 or literal[0] not in QUOTES or literal[-1] not in QUOTES:
        raise ValueError(f"not a single-quoted string: {literal!r}")
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c in QUOTES:
            if i + 1 >= len(body) or body[i + 1] not in QUOTES:
                raise ValueError(f"lone quote in {literal!r}")
            out.append(c)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def strings(node):
    """The string values of an argument: one literal or an array of literals."""
    found = [n for n in walk(node) if n.type == "string_literal"]
    others = [
        n for n in walk(node)
        if n.type in ("variable", "sub_expression", "expandable_string_literal", "script_block")
    ]
    if others:
        raise ValueError(f"argument holds code: {text(node)!r}")
    return [unquote(text(n)) for n in found]


def commands(tree, strict=True):
    """(cmdlet, {parameter: [values]}) for every command in the script. Strict: every
    argument must be single-quoted strings (else ValueError); loose: raw argument text."""
    out = []
    for node in walk(tree.root_node):
        if node.type != "command":
            continue
        name = node.child_by_field_name("command_name")
        elements = node.child_by_field_name("command_elements")
        args, current = {}, None
        for el in elements.children if elements else []:
            if el.type == "command_argument_sep":
                continue
            if el.type == "command_parameter":
                current = text(el).lstrip("-")
                args[current] = []
            elif current is not None:
                args[current] += strings(el) if strict else [text(el)]
                current = None
            else:
                args.setdefault("", []).append(text(el))
        out.append((text(name) if name else "", args))
    return out


def check_collector(root):
    path = os.path.join(root, "tools", "Collect-DhcpFailover.ps1")
    source = open(path, "rb").read()
    tree = PARSER.parse(source)
    errors = parse_errors(tree)
    check(not errors, "collector parses without ERROR/MISSING nodes", ", ".join(errors[:5]))
    code = [n for n in walk(tree.root_node) if n.type != "comment" and not n.children]
    tokens = [text(n) for n in code]
    for bad in ("??", "?.", "??=", "-AsHashtable"):
        check(bad not in tokens, f"collector avoids {bad} (not in Windows PowerShell 5.1)")
    ternary = [n for n in walk(tree.root_node) if n.type == "ternary_expression"]
    check(not ternary, "collector has no ternary operator")
    cmds = commands(tree, strict=False)
    to_json = [a for c, a in cmds if c.lower() == "convertto-json"]
    check(to_json and all("Depth" in a for a in to_json), "every ConvertTo-Json has -Depth")
    writers = [c for c, _ in cmds if c.lower() in ("out-file", "set-content", "add-content")]
    check(not writers, "collector writes no file with Out-File/Set-Content", ", ".join(writers))
    check(b"WriteAllText" in source and b"UTF8Encoding($false)" in source,
          "collector writes UTF-8 without BOM via [System.IO.File]::WriteAllText")


def check_exports(export_dir):
    cases = json.load(open(os.path.join(export_dir, "expected.json"), encoding="utf-8"))
    check(len(cases) > 0, f"{len(cases)} export scripts to check")
    for case in cases:
        name = case["file"]
        source = open(os.path.join(export_dir, name), "rb").read()
        tree = PARSER.parse(source)
        errors = parse_errors(tree)
        check(not errors, f"{name} parses", ", ".join(errors[:5]))
        try:
            got = commands(tree)
        except ValueError as e:
            check(False, f"{name}: arguments are plain strings", str(e))
            continue
        want = [
            (c["cmdlet"], {"ComputerName": [c["ComputerName"]], "Name": [c["Name"]], "ScopeId": c["ScopeId"]})
            for c in case["commands"]
        ]
        check(got == want, f"{name}: exactly the intended commands and arguments",
              f"got {got!r}, want {want!r}")
        lines = source.decode("utf-8").split("\n")
        flagged = [l for l in lines if l.startswith("# FLAGGED:")]
        check(len(flagged) == case["flagged"], f"{name}: {case['flagged']} flagged change(s)",
              f"got {len(flagged)}")
        if case["flagged"]:
            code = [l for l in lines if l and not l.startswith("#")]
            check(code == ["$ErrorActionPreference = 'Stop'"],
                  f"{name}: a control-character name appears only in comments", repr(code))
            for raw in (case["relationship"], case["server"]):
                if any((ord(c) < 32 and c != "\t") or 0x7f <= ord(c) < 0xa0 or c in "\u2028\u2029" for c in raw):
                    check(raw not in source.decode("utf-8"), f"{name}: the raw name is not in the script")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    export_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "target", "export-hostile")
    check(unquote("'a''b\u2018\u2018c'") == "a'b\u2018c", "unquote follows PowerShell's rules")
    check_collector(root)
    check_exports(export_dir)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
