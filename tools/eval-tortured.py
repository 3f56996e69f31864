#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Measures how well unspin restores tortured phrases that no list the project has names.

Builds the tortured-phrase pack and word map without the rows of hold-out bucket K of N
(tools/make-tortured-pack.py --hold-out K/N) into a copy of the data folder, then restores
  - each held-out tortured phrase alone on a line: restored exactly when the result is the
    expected term (case aside);
  - each held-out expected term alone on a line: changed when the result differs from it.
Everything the engine reads about tortured phrases then comes from the other buckets: the pack,
the word map and the term vocabulary the scorer builds from the pack's originals.

By default each phrase is its own document (one `unspin-cli restore --format=jsonl` run over
one file per phrase), so neither a neighbouring line nor the page-debris rules (a line that
repeats the one above as a headline) decide anything; --one-file restores them as the lines of
one document instead, as the first figures in docs/context-model.md were measured.

usage: tools/eval-tortured.py [--cli build/app/cli/unspin-cli] [--hold-out 0/5] [--show N]
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def restore(cli, data, lines, one_file, tmp):
    env = dict(os.environ, UNSPIN_DATA_DIR=data)
    if one_file:
        path = os.path.join(tmp, "all.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
        out = subprocess.run([cli, "restore", path], env=env, check=True, capture_output=True,
                             text=True).stdout.split("\n")[:-1]
        if len(out) != len(lines):
            print(f"warning: {len(lines)} lines in, {len(out)} out (a rule deleted a line): "
                  "the comparison below is shifted; use the default mode", file=sys.stderr)
        return out[:len(lines)] + [""] * (len(lines) - len(out))
    paths = []
    for i, line in enumerate(lines):
        paths.append(os.path.join(tmp, f"{i:05d}.txt"))
        with open(paths[-1], "w", encoding="utf-8") as f:
            f.write(line + "\n")
    res = subprocess.run([cli, "restore", "--format=jsonl"] + paths, env=env, check=True,
                         capture_output=True, text=True).stdout
    docs = [json.loads(l) for l in res.splitlines() if l.strip()]
    assert len(docs) == len(lines), (len(docs), len(lines))
    for p in paths:
        os.unlink(p)
    return [d["restored"].rstrip("\n") for d in docs]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "cli", "unspin-cli"))
    ap.add_argument("--data", default=os.path.join(ROOT, "data"))
    ap.add_argument("--tsv", default=os.path.join(ROOT, "..", "shared", "data", "tortured-phrases",
                                                  "tortured-phrases.tsv"))
    ap.add_argument("--hold-out", default="0/5")
    ap.add_argument("--one-file", action="store_true", help="all phrases as lines of one document")
    ap.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="unspin-tortured-") as tmp:
        data = os.path.join(tmp, "data")
        shutil.copytree(args.data, data)
        held_file = os.path.join(tmp, "held.tsv")
        subprocess.run([sys.executable, os.path.join(HERE, "make-tortured-pack.py"), args.tsv,
                        "--hold-out", args.hold_out,
                        "--pack", os.path.join(data, "packs", "tortured-phrases.json"),
                        "--words", os.path.join(data, "thesaurus", "tortured-words.tsv"),
                        "--held-out-file", held_file], check=True, capture_output=True)
        with open(held_file, encoding="utf-8") as f:
            held = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        terms = sorted({e for _, e in held})

        out = restore(args.cli, data, [t for t, _ in held], args.one_file, tmp)
        misses = [(t, o, e) for (t, e), o in zip(held, out) if o.lower() != e]
        ok = len(held) - len(misses)
        print(f"held-out tortured phrases restored exactly: {ok}/{len(held)} ({100 * ok / len(held):.1f} %)")

        out = restore(args.cli, data, terms, args.one_file, tmp)
        changed = [(e, o) for e, o in zip(terms, out) if o != e]
        print(f"held-out expected terms changed: {len(changed)}/{len(terms)} "
              f"({100 * len(changed) / len(terms):.1f} %)")

    for t, o, e in misses[:args.show]:
        print(f"  miss: {t} -> {o} (expected {e})")
    for e, o in changed[:args.show]:
        print(f"  changed: {e} -> {o}")


if __name__ == "__main__":
    main()
