#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the word pairs that computing dictionaries attest (data/thesaurus/dict-pairs.tsv).

WordNet's pairs (tools/make-wordnet-pairs.py) know few terms of computing, where most tortured
phrases are found. The Free On-line Dictionary of Computing (FOLDOC) and V.E.R.A. (Virtual
Entity of Relevant Acronyms, the expansions of computing acronyms) name many more: two words
seen side by side in their text ("neural network", "packet switching", "fuzzy logic") are
evidence that a bare term made of them is an established one.

This tool reads the dictd files of the Debian packages (dict-foldoc, dict-vera: gzip text in
/usr/share/dictd/*.dict.dz), takes the pairs of neighbouring words in each paragraph of an
entry (split at punctuation as the WordNet glosses are, and at the brackets of cross-references;
a headword line is a paragraph of its own), keeps those whose words the English language model
knows, not both closed-class words ("of the"), and not already in WordNet's pairs file (the
engine weighs those as WordNet's), and writes one line per first word:

    first<TAB>next|next|...<TAB>next|next|...

the first list from names (FOLDOC's headwords and {cross-references}, V.E.R.A.'s expansions:
"neural networks", "secure shell"), the second from the rest of the text only, without pairs
that have a closed-class word. The output is under the dictionaries' licence, the GFDL.

usage: make-dict-pairs.py [--dictd DIR] [--dict NAME]... [--wordnet DIR] [--model LM] [-o OUT]
"""
import argparse, collections, gzip, importlib.util, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("make_wordnet_pairs",
                                               os.path.join(HERE, "make-wordnet-pairs.py"))
make_wordnet_pairs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_wordnet_pairs)
make_thesaurus = make_wordnet_pairs.make_thesaurus
STOP, WORD = make_wordnet_pairs.STOP, make_wordnet_pairs.WORD
# WordNet's gloss breaks, and the markup of the dictd texts: {cross-references}, [sources],
# <categories>, URLs.
BREAK = re.compile(make_wordnet_pairs.BREAK.pattern + r"|[][{}<>\\=|/]")
XREF = re.compile(r"\{([^{}]*)\}")

# Both under the GNU Free Documentation License, version 1.1 or any later version, with no
# Invariant Sections, Front- or Back-Cover Texts. (GCIDE, under the GPL, added nothing on the
# tortured-phrase measure and is not read: see docs/context-model.md.)
SOURCES = {
    "foldoc": "FOLDOC, The Free On-line Dictionary of Computing, http://foldoc.org/, Editor Denis\n"
              "#   Howe, Copyright 1985 by Denis Howe (Debian package dict-foldoc)",
    "vera": "V.E.R.A., Virtual Entity of Relevant Acronyms, Copyright 1993-2020 Oliver\n"
            "#   Heidelbach (Debian package dict-vera)",
}


def paragraphs(text):
    """An entry's paragraphs, each with whether it is a headword: indented lines run on until a
    blank line; a line that is not indented (a headword) stands alone."""
    para = []
    for line in text.lower().split("\n"):
        if line.strip() and line[0] in " \t":
            para.append(line)
            continue
        if para:
            yield " ".join(para), False
            para = []
        if line.strip():
            yield line, True


def count_pairs(text, pairs):
    for clause in BREAK.split(text):
        words = WORD.findall(clause)
        pairs.update(zip(words, words[1:]))


def read_dict(path, all_names):
    """The pair counts of one dictd text: (in names, in all its text). Names are headwords, the
    {cross-references} of FOLDOC's text, and with @all_names every line (V.E.R.A.'s expansions)."""
    names, text = collections.Counter(), collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        for para, headword in paragraphs(f.read()):
            count_pairs(para, text)
            if headword or all_names:
                count_pairs(para, names)
            else:
                for name in XREF.findall(para):
                    count_pairs(name, names)
    return names, text


def select(names, text, vocab, wordnet):
    """{first: (set of nexts in names, set of nexts in the text only)}. A pair of the text only
    with a closed-class word ("of selection") is left out: it says little of a term."""
    table = collections.defaultdict(lambda: (set(), set()))
    for (a, b) in text:
        if (not make_wordnet_pairs.usable(a, vocab) or not make_wordnet_pairs.usable(b, vocab)
                or (a in STOP and b in STOP)
                or b in wordnet.get(a, ((), ()))[0] or b in wordnet.get(a, ((), ()))[1]):
            continue
        if (a, b) in names:
            table[a][0].add(b)
        elif a not in STOP and b not in STOP:
            table[a][1].add(b)
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dictd", default="/usr/share/dictd")
    ap.add_argument("--dict", action="append", choices=sorted(SOURCES),
                    help="a dictionary to read (default: foldoc and vera)")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us.lm.bin")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    names = args.dict or ["foldoc", "vera"]

    vocab = make_thesaurus.read_model_words(args.model)
    wordnet = make_wordnet_pairs.select(*make_wordnet_pairs.read_wordnet(args.wordnet), vocab)
    in_names, in_text = collections.Counter(), collections.Counter()
    for name in names:
        n, t = read_dict(os.path.join(args.dictd, name + ".dict.dz"), name == "vera")
        in_names.update(n)
        in_text.update(t)
    table = select(in_names, in_text, vocab, wordnet)

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    out.write("# unspin-dict-pairs 1\n"
              "# Generated by tools/make-dict-pairs.py from\n")
    for name in names:
        out.write(f"# {SOURCES[name]},\n")
    out.write("# keeping pairs of words (those the English language model knows and others of three letters\n"
              "# or more) that wordnet-pairs.tsv lacks.\n"
              "# Derived from those dictionaries, this file is distributed under their licence: permission\n"
              "# is granted to copy, distribute and/or modify it under the terms of the GNU Free\n"
              "# Documentation License, Version 1.1 or any later version published by the Free Software\n"
              "# Foundation; with no Invariant Sections, no Front-Cover Texts, and no Back-Cover Texts. A\n"
              "# copy of version 1.3 is in GFDL-1.3.txt beside it (see data/thesaurus/README.md).\n"
              "# first<TAB>next words in names (headwords, cross-references, expansions)|...<TAB>next words\n"
              "# in the text only|...\n")
    make_wordnet_pairs.write_pairs(out, table)


if __name__ == "__main__":
    main()
