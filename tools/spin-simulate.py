#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Spins an article the way synonym-table article spinners do, to make development pairs from
articles the project wrote (the originals stay the reference for tests/pairs-style scoring).

What it does, each with its own rate:
  - replaces content words by a synonym from the MyThes thesaurus (mythes-en-us), taking one of
    the first synonyms of the word's first senses and inflecting it like the word;
  - inserts "actually" after has/have/had, "federal" before "government";
  - writes small numbers as digits ("two" -> "2");
  - "said" -> "stated", "says" -> "states".
It leaves alone capitalised words inside sentences (names), quotations and numbers, as
spinners do. The same word gets the same replacement throughout (spinners are consistent).

usage: spin-simulate.py [--seed N] [--rate R] ORIGINAL > SPUN
"""
import argparse, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util

_spec = importlib.util.spec_from_file_location(
    "make_thesaurus", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-thesaurus.py"))
mt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mt)

NUMBERS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
           "eight": "8", "nine": "9"}
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+|\s+|.", re.S)


def forward_table(th, exc, vocab):
    """{surface form: [synonym forms]} from each word's first senses."""
    table = {}
    for word, senses in th.items():
        if not mt.WORD.match(word) or " " in word or word in mt.STOP:
            continue
        for pos, syns in senses[:2]:
            if pos not in ("noun", "verb", "adj", "adv"):
                continue
            w_forms = mt.forms(word, pos, vocab, exc)
            for syn, kind in syns[:4]:
                if kind or syn == word or not all(mt.WORD.match(x) for x in syn.split()):
                    continue
                s_forms = mt.forms(syn, pos, vocab, exc)
                for tag, w in w_forms.items():
                    s = s_forms.get(tag)
                    if s and w in vocab and mt.known(s, vocab):
                        table.setdefault(w, [])
                        if s not in table[w]:
                            table[w].append(s)
    return table


def match_case(model, word):
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[0].isupper():
        return word[0].upper() + word[1:]
    return word


def spin(text, table, rng, rate):
    chosen = {}
    out_lines = []
    for line in text.split("\n"):
        tokens = TOKEN.findall(line)
        out = []
        in_quote = False
        sentence_start = True
        prev_word = None
        for i, tok in enumerate(tokens):
            if tok in ('"', "“", "”"):
                in_quote = (tok == "“") or (tok == '"' and not in_quote)
                out.append(tok)
                continue
            if not tok[0].isalpha():
                out.append(tok)
                if tok in ".!?":
                    sentence_start = True
                continue
            low = tok.lower().replace("’", "'")
            new = tok
            if in_quote or (tok[0].isupper() and not sentence_start):
                pass
            elif low in NUMBERS and rng.random() < 0.8:
                new = NUMBERS[low]
            elif low in ("said", "says") and rng.random() < 0.8:
                new = match_case(tok, "stated" if low == "said" else "states")
            elif low == "government" and prev_word != "federal" and rng.random() < 0.6:
                new = match_case(tok, "federal government")
            elif low in table and rng.random() < rate:
                if low not in chosen:
                    chosen[low] = rng.choice(table[low][:2])
                new = match_case(tok, chosen[low])
            if low in ("has", "have", "had") and not in_quote and rng.random() < 0.5:
                new = new + " actually"
            out.append(new)
            prev_word = low
            sentence_start = False
        out_lines.append("".join(out))
    return "\n".join(out_lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("original")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.35)
    ap.add_argument("--mythes", default="/usr/share/mythes/th_en_US_v2.dat")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us.lm.bin")
    args = ap.parse_args()

    vocab = mt.read_model_words(args.model)
    table = forward_table(mt.read_mythes(args.mythes), mt.read_exceptions(args.wordnet), vocab)
    rng = random.Random(args.seed)
    sys.stdout.write(spin(open(args.original, encoding="utf-8").read(), table, rng, args.rate))


if __name__ == "__main__":
    main()
