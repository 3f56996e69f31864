#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the other inflections of the news packs' word entries (data/packs/news-inflected.json).

The news packs were written from the words of particular articles, so most of their word
entries exist in one form only: "stated" -> "said" but not "states" -> "says", "registered
nurse" -> "nurse" but not the plural. This tool reads data/packs/news-spinner.json and
news-synonyms.json, finds the entries whose garbled and original phrases are the same
inflection of a noun or a verb (a noun inflects its last word, a verb its first; the rest of a
phrase must stay as it is), and writes the entry's other forms with the entry's context and a
slightly lower prior:

    stated -> said                  gives  stating -> saying
    authorities -> officials        gives  (nothing: "authority" is an original elsewhere)
    checking out -> examining       gives  checked out -> examined, checks out -> examines

Forms come from tools/make-thesaurus.py's inflection (regular rules and WordNet 3.0's exception
lists, Debian: wordnet-base) and must be words the language model knows. A form is left out
when
  - any pack already lists it as a garbled phrase (the hand-written entry wins), or any entry
    of the news packs has it as an original (a word the articles themselves use);
  - it is a closed-class word, or the same as its original;
  - it is an ordinary word in another part of speech: WordNet's tagged-sense counts
    (cntlist.rev) for that reading are at least a tenth of the entry's own part of speech
    ("state" and "states" are nouns far more than the verb "stated" is, so "stated" -> "said"
    gives no "states" -> "says"), or it is a verb's bare form that WordNet has as a noun at
    all ("climb" from "climbing" -> "rising").
The entry's part of speech is the one of noun and verb that both of its sides have the same
inflection in; where both fit, the one WordNet's counts favour for the garbled word.

usage: make-inflected-pack.py [--packs DIR] [--wordnet DIR] [--model LM] [-o OUT]
"""
import argparse, collections, importlib.util, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("make_thesaurus", os.path.join(HERE, "make-thesaurus.py"))
mt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mt)

SOURCES = ("news-spinner.json", "news-synonyms.json")
PRIOR_STEP = 0.03          # a generated form is a little less certain than the written one
OTHER_POS_SHARE = 0.1   # another part of speech this common makes a form ambiguous
NOUN_TAGS, VERB_TAGS = ("b", "p"), ("b", "z", "d", "n", "g")
SS_POS = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}


def read_counts(wordnet_dir):
    """{(lemma, pos): tagged-sense count} from WordNet's cntlist.rev."""
    counts = collections.Counter()
    with open(os.path.join(wordnet_dir, "cntlist.rev"), encoding="utf-8") as f:
        for line in f:
            key, _, cnt = line.split()
            lemma, _, rest = key.partition("%")
            counts[(lemma.replace("_", " "), SS_POS[rest[0]])] += int(cnt)
    return counts


def read_lemmas(wordnet_dir):
    """{pos: set of lemmas} from WordNet's index files."""
    out = {}
    for pos in ("noun", "verb", "adj", "adv"):
        s = set()
        with open(os.path.join(wordnet_dir, "index." + pos), encoding="utf-8") as f:
            for line in f:
                if not line.startswith(" "):
                    s.add(line.split(" ", 1)[0].replace("_", " "))
        out[pos] = s
    return out


class Morph:
    def __init__(self, wordnet_dir, vocab):
        self.exc = mt.read_exceptions(wordnet_dir)
        self.lemmas = read_lemmas(wordnet_dir)
        self.counts = read_counts(wordnet_dir)
        self.vocab = vocab
        self.inverse = {pos: collections.defaultdict(set) for pos in self.exc}
        for pos, table in self.exc.items():
            for lemma, forms in table.items():
                for f in forms:
                    self.inverse[pos][f].add(lemma)

    def word_forms(self, lemma, pos):
        if pos == "noun":
            out = {"b": lemma}
            for f in mt.plural(lemma, self.vocab, self.exc["noun"]):
                out["p"] = f
            return out
        return mt.verb_forms(lemma, self.vocab, self.exc["verb"])

    def candidate_lemmas(self, w, pos):
        cands = {w} | self.inverse.get(pos, {}).get(w, set())
        for suf, rep in (("ies", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ied", "y"), ("ed", ""),
                         ("ed", "e"), ("ing", ""), ("ing", "e"), ("ying", "ie"), ("men", "man")):
            if w.endswith(suf) and len(w) > len(suf) + 1:
                stem = w[: -len(suf)] + rep
                cands.add(stem)
                if len(stem) > 2 and stem[-1] == stem[-2] and rep == "":
                    cands.add(stem[:-1])
        # The commoner lemma first ("put" before "putt" for "putting", "dose" before "dos").
        return sorted((c for c in cands if c in self.lemmas[pos]),
                      key=lambda c: (-self.counts[(c, pos)], -len(c), c))

    def readings(self, w, pos):
        """[(lemma, frozenset of tags)] of a word in a part of speech."""
        out = []
        for lemma in self.candidate_lemmas(w, pos):
            forms = self.word_forms(lemma, pos)
            tags = frozenset(t for t, f in forms.items() if f == w)
            if tags:
                out.append((lemma, tags))
        return out

    def count(self, w, pos):
        return sum(self.counts[(lemma, pos)] for lemma, _ in self.readings(w, pos))


def head_index(words, pos):
    return len(words) - 1 if pos == "noun" else 0


def phrase_readings(morph, phrase, pos):
    words = phrase.split(" ")
    i = head_index(words, pos)
    if not mt.WORD.match(words[i]):
        return []
    return [(words, i, lemma, tags) for lemma, tags in morph.readings(words[i], pos)]


def inflect(morph, words, i, lemma, pos, tag):
    f = morph.word_forms(lemma, pos).get(tag)
    if f is None:
        return None
    return " ".join(words[:i] + [f] + words[i + 1:])


def ambiguous(morph, form, pos, tag=None):
    """Whether a single-word form is more than rarely another part of speech."""
    if " " in form:
        return False
    # A verb's bare form is often a noun too, whatever the counts say ("climb", "rise").
    if pos == "verb" and tag == "b" and morph.readings(form, "noun"):
        return True
    own = morph.count(form, pos)
    other = max(morph.count(form, p) for p in ("noun", "verb", "adj", "adv") if p != pos)
    return other > 0 and other >= OTHER_POS_SHARE * max(own, 1)


def generate(entries, morph, taken, originals, default_prior):
    out, seen = [], set()
    for e in entries:
        g = e["garbled"].lower()
        origs = e["original"] if isinstance(e["original"], list) else [e["original"]]
        if not origs or any(not o for o in origs):
            continue
        # Phrases inflect badly ("bes seen as", "a mishaps"): single words only.
        if " " in g or any(" " in o for o in origs):
            continue
        best = None
        for pos in ("noun", "verb"):
            g_r = phrase_readings(morph, g, pos)
            o_r = [phrase_readings(morph, o.lower(), pos) for o in origs]
            if not g_r or not o_r[0]:
                continue
            for gw, gi, gl, gtags in g_r:
                for ow, oi, ol, otags in o_r[0]:
                    shared = gtags & otags
                    if shared:
                        weight = morph.counts[(gl, pos)]
                        if best is None or weight > best[0]:
                            best = (weight, pos, (gw, gi, gl), shared, o_r)
        if best is None:
            continue
        _, pos, (gw, gi, gl), shared, o_r = best
        for tag in (NOUN_TAGS if pos == "noun" else VERB_TAGS):
            if tag in shared:
                continue
            form = inflect(morph, gw, gi, gl, pos, tag)
            if form is None or form == g or form in seen or form in taken or form in originals:
                continue
            if form in mt.STOP or not all(w in morph.vocab for w in form.split()):
                continue
            if ambiguous(morph, form, pos, tag):
                continue
            new_origs = []
            for k, readings in enumerate(o_r):
                # The original's reading with the same tags as the garbled phrase's.
                for ow, oi, ol, otags in readings:
                    if shared & otags:
                        o_form = inflect(morph, ow, oi, ol, pos, tag)
                        if o_form and o_form != form and o_form not in new_origs:
                            new_origs.append(restore_case(origs[k], o_form))
                        break
                if k == 0 and not new_origs:
                    break
            if not new_origs:
                continue
            seen.add(form)
            prior = round(max(0.05, e.get("prior", default_prior) - PRIOR_STEP), 3)
            entry = {"garbled": form, "original": new_origs[0] if len(new_origs) == 1 else new_origs,
                     "prior": prior, "note": f"another form of “{e['garbled']}” → “{origs[0]}”"}
            if "context" in e:
                entry["context"] = e["context"]
            out.append(entry)
    return out


def restore_case(template, form):
    """Keeps capitals the original had in words the inflection did not touch."""
    t = template.split(" ")
    f = form.split(" ")
    if len(t) == len(f):
        return " ".join(tw if tw.lower() == fw else fw for tw, fw in zip(t, f))
    return form


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packs", default=os.path.join(HERE, "..", "data", "packs"))
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us.lm.bin")
    ap.add_argument("-o", "--output", default=None)
    args = ap.parse_args()
    output = args.output or os.path.join(args.packs, "news-inflected.json")

    vocab = mt.read_model_words(args.model)
    morph = Morph(args.wordnet, vocab)
    taken, originals, sources = set(), set(), []
    for name in sorted(os.listdir(args.packs)):
        if not name.endswith(".json") or os.path.abspath(os.path.join(args.packs, name)) == os.path.abspath(output):
            continue
        pack = json.load(open(os.path.join(args.packs, name), encoding="utf-8"))
        if pack.get("id") == "news-inflected":
            continue  # an earlier output of this tool, wherever this run writes
        for e in pack["entries"]:
            taken.add(" ".join(e["garbled"].lower().split()))
        if name in SOURCES:
            sources.append(pack)
            for e in pack["entries"]:
                for o in (e["original"] if isinstance(e["original"], list) else [e["original"]]):
                    originals.add(o.lower())
    entries = []
    for pack in sources:
        entries += generate(pack["entries"], morph, taken | {x["garbled"] for x in entries}, originals,
                            pack.get("default_prior", 0.85))
    pack = {
        "schema": "unspin-phrase-pack",
        "schema_version": 1,
        "id": "news-inflected",
        "name": "News spinner substitutions: other forms",
        "version": "1.0.0",
        "license": "CC0-1.0",
        "attribution": "Generated by tools/make-inflected-pack.py from the Unspin project's news packs, "
                       "with WordNet 3.0's exception lists and sense counts (WordNet licence, "
                       "(c) 2006 Princeton University)",
        "description": "The other inflections of the word entries of news-spinner and news-synonyms "
                       "(states → says, checked out → examined), generated; do not edit by hand.",
        "default_prior": 0.5,
        "entries": entries,
    }
    with open(output, "w", encoding="utf-8") as f:
        f.write("{\n")
        for k, v in pack.items():
            if k != "entries":
                f.write(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n")
        f.write('  "entries": [\n')
        f.write(",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries))
        f.write("\n  ]\n}\n")
    print(f"{len(entries)} entries written to {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
