#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the built unspin-cli in German, on the catalogue the build made (po/de/LC_MESSAGES/unspin.mo).

The binary binds its text domain to $UNSPIN_LOCALEDIR when that is set, so the uninstalled
build is tested. LANGUAGE=de picks German; LC_ALL=C.UTF-8 is enough for gettext to honour it.
The engine's messages (errors about an article or a phrase pack, the reasons of edits) come
from the same catalogue: they are checked on bad files made here, with the data in DATA_DIR.

Usage: check-cli-german.py UNSPIN_CLI LOCALEDIR DATA_DIR
"""

import os
import subprocess
import sys
import tempfile


def run(cli, localedir, args, data_dir=None):
    env = dict(os.environ, LANGUAGE='de', LC_ALL='C.UTF-8', UNSPIN_LOCALEDIR=localedir)
    if data_dir is not None:
        env['UNSPIN_DATA_DIR'] = data_dir
    return subprocess.run([cli, *args], env=env, capture_output=True, text=True, encoding='utf-8',
                          timeout=60)


def engine_checks(tmp):
    """(arguments, stream, exit status, German text expected, English text not expected) for the
    engine's messages, on files written into @tmp."""
    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    latin1 = write('latin1.txt', 'Café au lait.\n'.encode('latin-1'))
    nul = write('binary.txt', b'abc\0def\n')
    article = write('article.txt', b'The talks went on.\n\nAdvertisement\n\nThey end on Friday.\n')
    pack_head = ('{"schema": "unspin-phrase-pack", "schema_version": 1, "id": "test", '
                 '"name": "Test", "version": "1", "license": "CC0-1.0", ')
    no_original = write('no-original.json', (pack_head + '"entries": [{"garbled": "foo"}]}').encode())
    not_json = write('not-json.json', b'{"schema": 3')
    deep = write('deep.json', b'[' * 100 + b']' * 100)
    huge_window = write('window.json', (pack_head + '"entries": [{"garbled": "foo", "original": '
                                        '"bar", "context": {"window": 999}}]}').encode())
    article_args = ['restore', '--no-model']
    return [
        (article_args + [latin1], 'stderr', 2,
         f'{latin1}: kein gültiges UTF-8: Byte 0xE9 an Byte-Position 3 (dies ist vielleicht '
         'Latin-1- oder Windows-1252-Text; wandeln Sie ihn zuerst in UTF-8 um',
         'not valid UTF-8'),
        (article_args + [nul], 'stderr', 2,
         f'{nul}: enthält ein NUL-Byte an Byte-Position 3 (eine Binärdatei, kein Text)',
         'NUL byte'),
        (article_args + ['--pack', no_original, article], 'stderr', 3,
         f'{no_original}: Eintrag 0 („foo“): "original" fehlt',
         'is missing'),
        (article_args + ['--pack', not_json, article], 'stderr', 3,
         f'{not_json}: kein gültiges JSON: ',
         'not valid JSON'),
        (article_args + ['--pack', deep, article], 'stderr', 3,
         f'{deep}: kein Phrasenpaket (das JSON ist mehr als 64 Ebenen tief verschachtelt)',
         'not a phrase pack'),
        (article_args + ['--pack', huge_window, article], 'stderr', 3,
         f'{huge_window}: Eintrag 0 („foo“): "context" "window" muss eine ganze Zahl von 1 bis 100 sein',
         'must be a whole number'),
        (['edits', '--no-model', article], 'stdout', 0,
         'Seitenreste: advertisement placeholder',
         'page debris:'),
    ]


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cli, localedir, data_dir = sys.argv[1:]
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

    with tempfile.TemporaryDirectory() as tmp:
        for args, stream, status, expected, english in engine_checks(tmp):
            result = run(cli, localedir, args, data_dir)
            output = getattr(result, stream)
            shown = ' '.join(os.path.basename(a) for a in args)
            if result.returncode != status or expected not in output or english in output:
                failures.append(f'unspin-cli {shown}: exit {result.returncode} (expected {status}), '
                                f'“{expected}” not in {stream}, or “{english}” in it:\n{output}')
            else:
                print(f'ok: unspin-cli {shown} says “{expected}”')

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
