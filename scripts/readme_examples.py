#!/usr/bin/env python3
"""Runs the examples of README.md and docs/*.md with the current newsq and writes (or checks)
their output.

An example is a fenced code block whose first line starts with `$ newsq`. Each `$ ` line in it
is a command, run with bash in a scratch home directory that holds a copy of `corpus/` and of
the files in `docs/examples/`; the lines after it, up to the next `$ ` line or the end of the
block, are its output (standard output and standard error, as a terminal shows them). A blank
line before the next command is kept.

The clock is pinned (`NEWSQ_NOW`) so recency never depends on the day it runs; the scratch
directory is shown as `/home/me`. Timings ("0.19 s", "253 articles/s") change from run to run,
so `--check` compares them as placeholders.

Usage: scripts/readme_examples.py --newsq PATH [--check] [FILE ...]
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINNED_NOW = "2026-11-28T00:00:00Z"
SHOWN_HOME = "/home/me"
FENCE = re.compile(r"^(```+|~~~+)")
TIMING = re.compile(
    r"\d[\d,]*(?:\.\d+)?(?= ?(?:s\b|ms\b|articles/s|queries/s|MB/s|files/s))"
    r"|\d+:\d\d(?= left)"
    r"|(?<=indexed )\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
)


def example_blocks(lines):
    """Yields (first, end) line indexes of each example block's body (between the fences)."""
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].startswith(fence.group(1)):
            end += 1
        if index + 1 < end and lines[index + 1].startswith("$ newsq"):
            yield index + 1, end
        index = end + 1


def run(command, home, environment):
    """What the command prints: standard output, then standard error (in a pipe their order
    would depend on buffering)."""
    completed = subprocess.run(
        ["bash", "-c", command], cwd=home, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300,
    )
    text = (completed.stdout + completed.stderr).decode("utf-8", errors="replace").replace(str(home), SHOWN_HOME)
    # CSV rows end in CRLF; a Markdown page holds them as plain lines.
    return [line.rstrip("\r") for line in text.rstrip("\n").split("\n")] if text.strip() else []


def rendered_block(body, home, environment):
    """The block's commands, each followed by what it prints now."""
    commands = []
    for line in body:
        if line.startswith("$ "):
            commands.append([line, False])
        elif commands and line == "":
            commands[-1][1] = True
    output = []
    for number, (line, spaced) in enumerate(commands):
        output.append(line)
        output.extend(run(line[2:], home, environment))
        if spaced and number + 1 < len(commands):
            output.append("")
    return output


def scratch_home(parent):
    home = Path(parent) / "home" / "me"
    home.mkdir(parents=True)
    shutil.copytree(ROOT / "corpus", home / "corpus")
    examples = ROOT / "docs" / "examples"
    if examples.is_dir():
        for item in examples.iterdir():
            shutil.copy(item, home / item.name)
    return home


def environment_for(newsq, home):
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("NEWSQ_", "XDG_")) and key not in ("COLUMNS", "LINES")
    }
    environment.update({
        "HOME": str(home),
        "PATH": f"{Path(newsq).resolve().parent}:{environment.get('PATH', '/usr/bin:/bin')}",
        "NEWSQ_NOW": PINNED_NOW,
        "NO_COLOR": "1",
        "TZ": "UTC",
        "LC_ALL": "C.UTF-8",
    })
    return environment


def masked(lines):
    return [TIMING.sub("#", line) for line in lines]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--newsq", required=True, help="the newsq binary to run")
    parser.add_argument("--check", action="store_true", help="report differences instead of writing")
    parser.add_argument("files", nargs="*", type=Path)
    arguments = parser.parse_args()
    files = arguments.files or [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

    differences = 0
    with tempfile.TemporaryDirectory(prefix="newsq-examples-") as parent:
        home = scratch_home(parent)
        environment = environment_for(arguments.newsq, home)
        for path in files:
            lines = path.read_bytes().decode("utf-8").split("\n")
            updated = list(lines)
            blocks = list(example_blocks(lines))
            outputs = [rendered_block(lines[first:end], home, environment) for first, end in blocks]
            for (first, end), output in reversed(list(zip(blocks, outputs))):
                updated[first:end] = output
            name = path.relative_to(ROOT) if path.is_absolute() else path
            if arguments.check:
                diff = list(difflib.unified_diff(masked(lines), masked(updated), f"{name} (written)",
                                                 f"{name} (newsq prints)", lineterm="", n=1))
                if diff:
                    differences += 1
                    print("\n".join(diff))
            elif updated != lines:
                path.write_bytes("\n".join(updated).encode("utf-8"))
                print(f"updated {name}")
    if differences:
        print(f"\n{differences} file(s) differ from what newsq prints: run scripts/readme-examples to update them.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
