#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/POTFILES.in against the sources.

Fails when a source under app/ (*.c, *.ui) or data/ (*.in) holds translatable strings
(_(), N_(), C_(), NC_(), ngettext and its g_d* forms, translatable="yes"; in a .desktop.in
Name=, Comment= and the like; in an .xml.in <name>, <summary>, <description>) but is not
listed in po/POTFILES.in, and when po/POTFILES.in lists a file that does not exist.

Usage: check-potfiles.py SOURCE_ROOT
"""

import pathlib
import re
import sys

TRANSLATABLE = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\('
    r'|ngettext\s*\('
    r'|translatable\s*=\s*["\'](?:yes|true|1)["\']'
)
# Files translatable by their format, whose strings xgettext and msgfmt extract without markers.
TRANSLATABLE_BY_FORMAT = {
    '.desktop.in': re.compile(r'^(?:Name|GenericName|Comment|Keywords|X-GNOME-FullName)=', re.M),
    '.xml.in': re.compile(r'<(?:name|summary|description|caption|developer_name)\b'),
}


def listed_files(potfiles):
    listed = []
    for number, line in enumerate(potfiles.read_text(encoding='utf-8').splitlines(), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        # "[encoding: UTF-8]" and "[type: gettext/glade]file" are xgettext syntax.
        if line.startswith('['):
            if ']' not in line:
                continue
            line = line.split(']', 1)[1].strip()
            if not line:
                continue
        listed.append((number, line))
    return listed


def sources(root):
    for pattern in ('*.c', '*.ui'):
        yield from (root / 'app').rglob(pattern)
    yield from (root / 'data').rglob('*.in')


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    potfiles = root / 'po' / 'POTFILES.in'
    problems = []

    listed = listed_files(potfiles)
    names = {name for _, name in listed}
    for number, name in listed:
        if not (root / name).is_file():
            problems.append(f'po/POTFILES.in:{number}: {name} does not exist')

    for path in sorted(set(sources(root))):
        name = path.relative_to(root).as_posix()
        if name in names:
            continue
        text = path.read_text(encoding='utf-8', errors='replace')
        match = TRANSLATABLE.search(text)
        for suffix, regex in TRANSLATABLE_BY_FORMAT.items():
            if match is None and name.endswith(suffix):
                match = regex.search(text)
        if match:
            line = text.count('\n', 0, match.start()) + 1
            problems.append(f'{name}:{line}: has translatable strings ({match.group(0).strip()}…) '
                            f'but is not listed in po/POTFILES.in')

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f'po/POTFILES.in lists {len(listed)} files; every source with translatable strings is among them')
    return 0


if __name__ == '__main__':
    sys.exit(main())
