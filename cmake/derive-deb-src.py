#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a deb-src entry for every package archive the machine's apt is
configured with, so that source packages come from the same mirror,
snapshot or proxy as its binary packages.

    derive-deb-src.py SOURCELIST SOURCEPARTS OUTDIR

SOURCELIST is apt's one-line sources file (Dir::Etc::SourceList), SOURCEPARTS
its directory of *.list and deb822 *.sources files (Dir::Etc::SourceParts).
Writes OUTDIR/derived.list (from one-line entries) and OUTDIR/derived.sources
(from deb822 stanzas), each entry keeping its archive, suites, components and
options (signed-by, trusted, ...), and prints every entry it wrote. Exits 1
when the configuration names no archive at all.
"""
import os
import re
import sys

# "deb [ options ] URI SUITE [COMPONENT...]"; '#' starts a comment anywhere.
ONE_LINE = re.compile(r"(deb|deb-src)\s+(\[[^\]]*\]\s*)?(\S+)\s+(\S.*)$")


def one_line_sources(text):
    """deb-src lines for the deb and deb-src lines of a one-line file."""
    for line in text.splitlines():
        match = ONE_LINE.match(line.split("#", 1)[0].strip())
        if match:
            options = (match.group(2) or "").strip()
            yield " ".join(
                part for part in ("deb-src", options, match.group(3),
                                  match.group(4).strip()) if part)


def stanzas(text):
    """The stanzas of a deb822 file as lists of lines, comments left out."""
    stanza = []
    for line in text.splitlines() + [""]:
        if line.startswith("#"):
            continue
        if line.strip():
            stanza.append(line.rstrip())
        elif stanza:
            yield stanza
            stanza = []


def field(stanza, name):
    """A single-line field's value, matched case-insensitively as apt does."""
    for line in stanza:
        key, _, value = line.partition(":")
        if not line[0].isspace() and key.strip().lower() == name:
            return value.strip()
    return None


def deb822_sources(text):
    """deb822 stanzas for the enabled deb and deb-src stanzas of a file."""
    for stanza in stanzas(text):
        types = (field(stanza, "types") or "").split()
        if not {"deb", "deb-src"} & set(types):
            continue
        if (field(stanza, "enabled") or "yes").lower() == "no":
            continue
        yield "\n".join("Types: deb-src" if line.lower().startswith("types:")
                        else line for line in stanza)


def read(path):
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except FileNotFoundError:
        return ""


def derive(sourcelist, sourceparts):
    """(one-line entries, deb822 stanzas) in apt's order, without repeats."""
    lines = list(one_line_sources(read(sourcelist)))
    blocks = []
    parts = sorted(os.listdir(sourceparts)) if os.path.isdir(sourceparts) else []
    for name in parts:
        path = os.path.join(sourceparts, name)
        if name.endswith(".list"):
            lines += one_line_sources(read(path))
        elif name.endswith(".sources"):
            blocks += deb822_sources(read(path))
    return list(dict.fromkeys(lines)), list(dict.fromkeys(blocks))


def main(argv):
    if len(argv) != 4:
        sys.exit(f"usage: {argv[0]} SOURCELIST SOURCEPARTS OUTDIR")
    lines, blocks = derive(argv[1], argv[2])
    if not lines and not blocks:
        sys.exit(f"error: the apt configuration ({argv[1]}, {argv[2]}) "
                 "names no package archive")
    os.makedirs(argv[3], exist_ok=True)
    with open(os.path.join(argv[3], "derived.list"), "w") as out:
        out.writelines(line + "\n" for line in lines)
    with open(os.path.join(argv[3], "derived.sources"), "w") as out:
        out.write("\n\n".join(blocks) + ("\n" if blocks else ""))
    print("\n\n".join(lines + blocks))


if __name__ == "__main__":
    main(sys.argv)
