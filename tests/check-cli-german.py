#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the built unspin-cli in German, on the catalogue the build made (po/de/LC_MESSAGES/unspin.mo).

The binary binds its text domain to $UNSPIN_LOCALEDIR when that is set, so the uninstalled
build is tested. LANGUAGE=de picks German; LC_ALL=C.UTF-8 is enough for gettext to honour it.

Usage: check-cli-german.py UNSPIN_CLI LOCALEDIR
"""

import os
import subprocess
import sys


def run(cli, localedir, args):
    env = dict(os.environ, LANGUAGE='de', LC_ALL='C.UTF-8', UNSPIN_LOCALEDIR=localedir)
    return subprocess.run([cli, *args], env=env, capture_output=True, text=True, encoding='utf-8',
                          timeout=60)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cli, localedir = sys.argv[1:]
    mo = os.path.join(localedir, 'de', 'LC_MESSAGES', 'unspin.mo')
    if not os.path.isfile(mo):
        print(f'{mo} was not built', file=sys.stderr)
        return 1

    failures = []
    checks = [
        # (arguments, stream, exit status, German text expected)
        (['--help'], 'stdout', 0, 'Aufruf:'),
        (['--help'], 'stdout', 0, 'Befehle:'),
        (['--help'], 'stdout', 0, 'Stellt Artikel wieder her, die ein Artikel-Spinner verfälscht hat'),
        (['restore', '--help'], 'stdout', 0, 'Ausgabeformat:'),
        (['frobnicate'], 'stderr', 1, 'unbekannter Befehl „frobnicate“'),
    ]
    for args, stream, status, expected in checks:
        result = run(cli, localedir, args)
        output = getattr(result, stream)
        if result.returncode != status or expected not in output:
            failures.append(f'unspin-cli {" ".join(args)}: exit {result.returncode} (expected {status}), '
                            f'“{expected}” not in {stream}:\n{output}')
        else:
            print(f'ok: unspin-cli {" ".join(args)} says “{expected}”')

    # Without the override the uninstalled binary has no catalogue and stays English: the
    # German above came from the build's catalogue.
    env = dict(os.environ, LANGUAGE='de', LC_ALL='C')
    env.pop('UNSPIN_LOCALEDIR', None)
    english = subprocess.run([cli, '--help'], env=env, capture_output=True, text=True, timeout=60)
    if 'Usage:' not in english.stdout:
        failures.append(f'unspin-cli --help in the C locale is not English:\n{english.stdout}')

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
