#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the engine's reverse thesaurus (data/thesaurus/reverse-thesaurus.tsv).

A spinner replaced an original word O with a synonym S from O's entry in its thesaurus; so the
candidates for a word S in a garbled text are the words whose entries list S. This tool reads an
English MyThes thesaurus (Debian: mythes-en-us, /usr/share/mythes/th_en_US_v2.dat, derived from
Princeton WordNet 3.0), turns it around, inflects both sides alike (states -> says, stated ->
said, outcomes -> results, with WordNet's exception lists for irregular forms, Debian:
wordnet-base), keeps the pairs whose words the language model knows (its word list is read from
the model file), and writes one line per garbled word form:

    garbled<TAB>candidate|candidate|...      best first, at most --max-candidates

Candidates come from plain synonyms and "similar terms" of the same sense; hypernyms, related
terms and antonyms are left out (they are not what a synonym spinner writes). Closed-class words
(articles, pronouns, auxiliaries, prepositions) are never garbled keys.

usage: make-thesaurus.py [--mythes DAT] [--wordnet DIR] [--model LM] [-o OUT]
"""
import argparse, collections, os, re, sys

STOP = set("""a an the this that these those some any each every no all both either neither
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
one ones who whom whose which what where when why how there here
be am is are was were been being have has had having do does did done doing
will would shall should can could may might must ought
to of in on at by for with from into onto upon about as than then so and or nor but if
not yes very too also just only even still yet
along around over under through across off out up down back away after before behind below
above beneath beside between beyond during inside outside near past per via within without
toward towards against among amongst onto till until upon""".split())

WORD = re.compile(r"^[a-z][a-z']*$")


def read_mythes(path):
    """{headword: [(pos, [(synonym, kind)])]} with kind '' or 'similar term' etc."""
    th = {}
    with open(path, encoding="utf-8") as f:
        f.readline()  # encoding line
        for head in f:
            word, n = head.rstrip("\n").rsplit("|", 1)
            senses = []
            for _ in range(int(n)):
                parts = f.readline().rstrip("\n").split("|")
                syns = []
                for x in parts[1:]:
                    m = re.match(r"^(.*?) \((generic term|similar term|related term|antonym)\)$", x)
                    syns.append((m.group(1), m.group(2)) if m else (x, ""))
                senses.append((parts[0].strip("()"), syns))
            th[word] = senses
    return th


def read_exceptions(wordnet_dir):
    """{pos: {lemma: [irregular forms]}} from WordNet's *.exc files."""
    out = {}
    for pos in ("noun", "verb", "adj"):
        forms = collections.defaultdict(list)
        with open(os.path.join(wordnet_dir, pos + ".exc"), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                for lemma in parts[1:]:
                    forms[lemma.replace("_", " ")].append(parts[0].replace("_", " "))
        out[pos] = forms
    return out


def read_model_words(path):
    """The words of a Sphinx model: the trie binary ends with them, NUL-separated, in id order;
    an ARPA model lists them as unigrams."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"Trie Language Model"):
        n = int.from_bytes(data[20:24], "little")
        words = data.rstrip(b"\0").split(b"\0")[-n:]
        return {w.decode("utf-8", "replace") for w in words}
    words, in_unigrams = set(), False
    for line in data.decode("utf-8", "replace").splitlines():
        if line.startswith("\\1-grams:"):
            in_unigrams = True
        elif line.startswith("\\"):
            in_unigrams = False
        elif in_unigrams and line.strip():
            words.add(line.split()[1])
    return words


VOWELS = "aeiou"
# Irregular verbs whose past is the base form: WordNet lists no exception for them.
SAME_PAST = set("""bet bid burst cast cost cut fit hit hurt let put quit read rid set shed shut
slit split spread thrust upset""".split())
# Auxiliaries make poor originals: "been after" for "planned".
AUX_HEADS = {"be", "have", "do"}


def doubles(w):
    """Whether a regular inflection doubles the last consonant: plan -> planned, stop -> stopping."""
    if len(w) < 3 or w[-1] in VOWELS + "wxy" or w[-2] not in VOWELS or w[-3] in VOWELS:
        return False
    return len(re.findall(r"[aeiou]+", w)) == 1


def plural(w, vocab, exc):
    if w in exc:
        return [f for f in exc[w] if f in vocab][:1]
    if re.search(r"(s|x|z|ch|sh)$", w):
        f = w + "es"
    elif re.search(r"[^aeiou]y$", w):
        f = w[:-1] + "ies"
    else:
        f = w + "s"
    return [f] if f in vocab else []


def regular(w, suffix):
    if suffix == "ed":
        if w.endswith("e"):
            return [w + "d"]
        if re.search(r"[^aeiou]y$", w):
            return [w[:-1] + "ied"]
        return [w + w[-1] + "ed", w + "ed"] if doubles(w) else [w + "ed"]
    if w.endswith("ie"):
        return [w[:-2] + "ying"]
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return [w[:-1] + "ing"]
    return [w + w[-1] + "ing", w + "ing"] if doubles(w) else [w + "ing"]


def verb_forms(w, vocab, exc):
    """{tag: form} for the forms the model knows: base, 3sg (z), past (d), participle (n), -ing (g)."""
    out = {"b": w}
    s = plural(w, vocab, {})
    if s:
        out["z"] = s[0]
    irregular = [f for f in exc.get(w, []) if f in vocab] + ([w] if w in SAME_PAST else [])
    for f in irregular:
        if f.endswith("ing"):
            out["g"] = f
    irregular = [f for f in irregular if not f.endswith(("ing", "s"))]
    if irregular:
        participles = [f for f in irregular if f.endswith("n")]
        pasts = [f for f in irregular if not f.endswith("n")]
        out["d"] = (pasts or participles)[0]
        out["n"] = (participles or pasts)[0]
    else:
        for f in regular(w, "ed"):
            if f in vocab:
                out["d"] = out["n"] = f
                break
    for f in regular(w, "ing"):
        if f in vocab and "g" not in out:
            out["g"] = f
    return out


def forms(phrase, pos, vocab, exc):
    """{tag: surface form} of a lemma (a multiword phrase inflects its first word)."""
    head, _, rest = phrase.partition(" ")
    rest = " " + rest if rest else ""
    if pos == "noun":
        if rest:
            return {"b": phrase}
        out = {"b": head}
        for f in plural(head, vocab, exc["noun"]):
            out["p"] = f
        return out
    if pos == "verb":
        return {tag: f + rest for tag, f in verb_forms(head, vocab, exc["verb"]).items()}
    return {"b": phrase}


# Headwords of one or two letters are mostly abbreviations and symbols ("m" and "k" for a
# thousand, so "thousands" -> "ms"; "ex", "pm", "cd"): a spinner never writes a synonym for
# them, and as candidates they only do harm. These short ones are words and stay.
SHORT_WORDS = {"a", "i", "ad", "as", "by", "go", "he", "hi", "in", "is", "no", "ok", "on", "or",
               "so", "tv", "up"}


def known(phrase, vocab):
    return all(w in vocab for w in phrase.split())


def build(th, exc, vocab, max_candidates):
    ranks = collections.defaultdict(dict)  # garbled form -> {candidate form: rank}
    for original, senses in th.items():
        if not WORD.match(original.split(" ")[0]) or not all(WORD.match(w) for w in original.split()):
            continue
        if len(original.split()) > 3 or original.split()[0] in AUX_HEADS:
            continue
        if len(original) <= 2 and original not in SHORT_WORDS:
            continue
        for sense_i, (pos, syns) in enumerate(senses):
            if pos not in ("noun", "verb", "adj", "adv"):
                continue
            o_forms = forms(original, pos, vocab, exc)
            position = 0
            for syn, kind in syns:
                if kind not in ("", "similar term"):
                    continue
                position += 1
                if " " in syn or not WORD.match(syn) or syn == original:
                    continue
                s_forms = forms(syn, pos, vocab, exc)
                # Earlier senses and earlier places in a sense are what a spinner picks first.
                rank = sense_i * 4 + min(position, 12) + (6 if kind else 0)
                for tag, s in s_forms.items():
                    o = o_forms.get(tag)
                    if o is None or s in STOP or s == o or s not in vocab or not known(o, vocab):
                        continue
                    if rank < ranks[s].get(o, 1 << 30):
                        ranks[s][o] = rank
    table = {}
    for s, cands in ranks.items():
        best = sorted(cands.items(), key=lambda kv: (kv[1], kv[0]))[:max_candidates]
        table[s] = [o for o, _ in best]
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mythes", default="/usr/share/mythes/th_en_US_v2.dat")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us.lm.bin")
    ap.add_argument("--max-candidates", type=int, default=10)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    th = read_mythes(args.mythes)
    exc = read_exceptions(args.wordnet)
    vocab = read_model_words(args.model)
    table = build(th, exc, vocab, args.max_candidates)

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    out.write("# unspin-reverse-thesaurus 1\n"
              "# Generated by tools/make-thesaurus.py from the MyThes English thesaurus th_en_US_v2\n"
              "# (Debian package mythes-en-us; derived from Princeton WordNet 3.0, WordNet licence:\n"
              "# permission to use, copy, modify and distribute for any purpose, with the copyright\n"
              "# notice; (c) 2006 Princeton University) and WordNet 3.0's exception lists\n"
              "# (wordnet-base), keeping words the English language model knows.\n"
              "# garbled<TAB>candidates, best first, separated by |\n")
    for s in sorted(table):
        out.write(f"{s}\t{'|'.join(table[s])}\n")
    if out is not sys.stdout:
        out.close()
    print(f"{len(table)} garbled forms, {sum(len(v) for v in table.values())} candidates", file=sys.stderr)


if __name__ == "__main__":
    main()
