#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the scientific tortured-phrase pack and word map from the Problematic Paper
Screener's list of tortured-phrase fingerprints.

Input: a TSV with columns `tortured` and `expected` (the project keeps a copy of the list in
../shared/data/tortured-phrases/, with its SOURCE.md); the list is CC BY 4.0 (Cabanac, Labbé,
Magazinov, "Tortured phrases: A dubious writing style emerging in science", 2021; exported by
giladfeldman/torturedcheck), so both outputs carry that attribution.

Outputs:
  data/packs/tortured-phrases.json    a phrase pack: each cleaned fingerprint and its term
  data/thesaurus/tortured-words.tsv   the word substitutions those phrases show, in the reverse
                                      thesaurus's format ("profound" -> "deep", "counterfeit"
                                      -> "artificial"), for phrases no list names, each also in
                                      its other number (regular forms, counted as seen once)
                                      and in the two words' other forms with the same suffix
                                      ("profoundly" -> "deeply"; words of --model only); and
                                      multiword parts of rows whose phrase and term differ in
                                      length ("set of rules" -> "algorithm")

Cleaning: notes in parentheses or brackets and acronyms are dropped from the expected term
("(automatic) speech recognition (asr)" -> "speech recognition"); rows whose term is unknown
("???", "(?)") or a note ("see https://...") are dropped, as are fingerprints that are search
expressions rather than phrases, that equal their term, or that name a person or a number
only, or that differ from their term only in number ("smart device" for "smart devices").
Fingerprints that are ordinary English in some field (WHITELIST) or that are an established
term of the list, or part of one ("machine learning"), become suggestions rather than automatic
edits.

--hold-out K/N leaves out the rows whose expected term falls in hash bucket K of N, and writes
them to --held-out-file, so that restoring phrases no list names can be measured honestly
(tools/eval-tortured.py does it all; the engine's term vocabulary comes from the pack, so it
leaves those rows out too).
"""
import argparse, collections, hashlib, importlib.util, json, os, re, sys

# Fingerprints that are ordinary English in some field: never applied automatically.
WHITELIST = {
    "component extraction", "malignant growth", "cloud computing", "social insurance",
    "medical services", "human services", "side effects", "cell phone", "heat transfer",
}
# A word's candidates seen at least 1/MAP_MIN_SHARE as often as its first are kept.
MAP_MIN_SHARE = 8
# Even less a fingerprint: words too common to stand for anything.
COMMON_SINGLE = set("""data information system method model network power energy
signal image images result results value values level levels process""".split())

ATTRIBUTION = ("Tortured-phrase fingerprints from the Problematic Paper Screener (G. Cabanac, "
               "C. Labbé, A. Magazinov, “Tortured phrases: A dubious writing style emerging in "
               "science. Evidence of critical issues affecting established journals”, 2021), as "
               "exported by the torturedcheck project; CC BY 4.0. Cleaned and converted by the "
               "Unspin project (tools/make-tortured-pack.py).")


def clean_expected(text):
    t = text.strip().lower()
    if "?" in t or "http" in t or t.startswith(("see ", "found ")) or "found in" in t:
        return None
    t = re.sub(r"\[[^\]]*\]", " ", t)
    t = re.sub(r"\([^)]*\)", " ", t)
    t = t.replace("’", "'")
    t = re.sub(r"\s+", " ", t).strip(" ,;:-")
    if not t or re.search(r"[()\[\]{}*|\"=<>]", t) or len(t.split()) > 8:
        return None
    return t


def clean_tortured(text):
    t = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    if not t or re.search(r"[()\[\]{}*|\"=<>?]", t) or re.search(r"\b(and|or|not)\s*$", t):
        return None
    # The engine counts punctuation as tokens ("min-max" is three) and takes at most eight.
    if re.fullmatch(r"[\d\s.,%-]+", t) or len(re.findall(r"[\w']+|[^\w\s]", t)) > 8:
        return None
    if " " not in t and (t in COMMON_SINGLE or len(t) < 5):
        return None
    return t


def plural(w):
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    return w + "s"


def singular(w):
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(x|z|ch|sh|ss)es$", w):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return None


def number_variants(maps):
    """The other number of each substitution ("capacity" -> "function" gives "capacities" ->
    "functions"): the list shows most words in one number only. Regular forms only; a form that
    is not a word is never met in a text, and the engine drops candidates its model lacks."""
    variants = collections.defaultdict(collections.Counter)
    for a, counts in maps.items():
        for b, n in counts.items():
            for a2, b2 in ((plural(a), plural(b)), (singular(a), singular(b))):
                if a2 and b2 and a2 not in maps and "'" not in a2 + b2:
                    variants[a2][b2] += n
    return variants


# Suffixes by which a substitution carries over to the words' other forms ("profound" -> "deep"
# gives "profoundly" -> "deeply", "profundity" aside): inflections and the most regular
# derivations only; "-ist", "-ic", "-ive" and the like pair words of different meanings.
SUFFIXES = ("s", "es", "ed", "ing", "ly", "ness", "ity", "er", "ers", "ation", "ations",
            "ment", "ments")


def stems_of(word, suffix):
    """The stems that @word may be made of with @suffix (spelling changes allowed)."""
    if not word.endswith(suffix) or len(word) - len(suffix) < 3:
        return []
    base = word[:-len(suffix)]
    out = [base]
    if suffix[0] in "aeiouy":
        out.append(base + "e")
        if base[-1] == base[-2] and base[-1] not in "aeiouls":
            out.append(base[:-1])
    if base.endswith("i"):
        out.append(base[:-1] + "y")
    if suffix == "ly" and base.endswith("b"):
        out.append(base + "le")
    if suffix == "ity" and base.endswith("abil"):
        out.append(base[:-4] + "able")
    return out


def word_families(vocab):
    """{stem: {suffix: word}} for the words of @vocab that are a stem of @vocab and a suffix."""
    families = collections.defaultdict(dict)
    for word in sorted(vocab):
        if not re.fullmatch(r"[a-z]+", word):
            continue
        for suffix in SUFFIXES:
            for stem in stems_of(word, suffix):
                if stem in vocab:
                    families[stem].setdefault(suffix, word)
    for stem in families:
        families[stem][""] = stem
    return families


def form_variants(maps, families):
    """Each substitution in the other forms of both words, where the language model knows
    both and the same suffix makes them ("profound" -> "deep": "profoundly" -> "deeply";
    "portrayal" aside). Forms the list shows itself keep their own substitutions."""
    variants = collections.defaultdict(collections.Counter)

    def decompose(word):
        out = [(word, "")]
        for suffix in SUFFIXES:
            out += [(stem, suffix) for stem in stems_of(word, suffix)
                    if families.get(stem, {}).get(suffix) == word]
        return out

    for a, counts in maps.items():
        for b, n in counts.items():
            for sa, x in decompose(a):
                for sb, y in decompose(b):
                    if x != y or sa not in families or sb not in families:
                        continue
                    fa, fb = families[sa], families[sb]
                    for suffix in sorted(fa.keys() & fb.keys()):
                        a2, b2 = fa[suffix], fb[suffix]
                        if a2 != a and a2 not in maps and a2 != b2:
                            variants[a2][b2] += n
    return variants


MULTI_MIN_SEEN = 1


def multiword_parts(rows, maps):
    """The sub-phrase substitutions of rows whose phrase and term differ in length ("hereditary
    set of rules" for "genetic algorithm"): the words both ends share, or that the word map
    (from rows of equal length) or a number slip pairs, are stripped; what is left, two to four
    words for one to three, is a multiword part. Returns {part: Counter(replacement)} and how
    often each part is a piece of the list's terms."""
    def same(a, b):
        return a == b or b in (plural(a), singular(a)) or maps.get(a, {}).get(b, 0) > 0

    parts = collections.defaultdict(collections.Counter)
    for tortured, terms in rows.items():
        for term in terms:
            tw, ew = tortured.split(), term.split()
            if len(tw) == len(ew):
                continue
            i = 0
            while i < min(len(tw), len(ew)) and same(tw[i], ew[i]):
                i += 1
            j = 0
            while j < min(len(tw), len(ew)) - i and same(tw[-1 - j], ew[-1 - j]):
                j += 1
            a, b = tw[i:len(tw) - j], ew[i:len(ew) - j]
            if (2 <= len(a) <= 4 and 1 <= len(b) <= 3
                    and all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in a + b)):
                parts[" ".join(a)][" ".join(b)] += 1
    own = collections.Counter()
    for terms in rows.values():
        for term in terms:
            for a in parts:
                if f" {a} " in f" {term} ":
                    own[a] += 1
    return parts, own


def read_model_words(path):
    """The words of a Sphinx trie model or of an ARPA one (tools/make-thesaurus.py reads them)."""
    spec = importlib.util.spec_from_file_location("make_thesaurus",
                                                  os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                               "make-thesaurus.py"))
    make_thesaurus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_thesaurus)
    return make_thesaurus.read_model_words(path)


def bucket(term, n):
    return int(hashlib.sha1(term.encode()).hexdigest(), 16) % n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tsv")
    ap.add_argument("--pack", default="data/packs/tortured-phrases.json")
    ap.add_argument("--words", default="data/thesaurus/tortured-words.tsv")
    ap.add_argument("--hold-out", default=None, help="K/N: leave out hash bucket K of N")
    ap.add_argument("--held-out-file", default=None)
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us.lm.bin",
                    help="the language model whose words the other forms must be (none: no forms)")
    args = ap.parse_args()

    held = None
    if args.hold_out:
        k, n = map(int, args.hold_out.split("/"))
        held = (k, n)

    rows = collections.OrderedDict()   # tortured -> Counter(expected)
    held_rows = []
    n_in = n_dropped = 0
    with open(args.tsv, encoding="utf-8") as f:
        f.readline()
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            n_in += 1
            tortured, expected = clean_tortured(parts[0]), clean_expected(parts[1])
            if tortured is None or expected is None or tortured == expected:
                n_dropped += 1
                continue
            # "smart device" for "smart devices" is a slip of the list, not a tortured phrase.
            tw, ew = tortured.split(), expected.split()
            if len(tw) == len(ew) and all(a == b or b in (plural(a), singular(a)) for a, b in zip(tw, ew)):
                n_dropped += 1
                continue
            if held and bucket(expected, held[1]) == held[0]:
                held_rows.append((tortured, expected))
                continue
            rows.setdefault(tortured, collections.Counter())[expected] += 1

    # A fingerprint that is (part of) an established term of the list is a context term or a
    # slip ("machine learning" for "discriminative learning", "neural network" for "layer
    # outputs"): a suggestion at most.
    term_grams = set()
    for terms in rows.values():
        for term in terms:
            w = term.split()
            term_grams.update(" ".join(w[i:j]) for i in range(len(w)) for j in range(i + 2, len(w) + 1))

    entries = []
    for tortured, terms in rows.items():
        originals = [t for t, _ in terms.most_common()]
        single = " " not in tortured
        ordinary = tortured in WHITELIST or tortured in term_grams
        prior = 0.55 if single else (0.6 if ordinary else 0.9)
        entry = {"garbled": tortured, "original": originals if len(originals) > 1 else originals[0],
                 "prior": prior}
        if tortured in WHITELIST:
            entry["note"] = f"a tortured form of “{originals[0]}”, but ordinary English in some fields"
        elif ordinary:
            entry["note"] = f"listed for “{originals[0]}”, but also (part of) an established term"
        entries.append(entry)

    pack = {
        "schema": "unspin-phrase-pack",
        "schema_version": 1,
        "id": "tortured-phrases",
        "name": "Scientific tortured phrases",
        "version": "1.0.0",
        "license": "CC-BY-4.0",
        "attribution": ATTRIBUTION,
        "description": "What paper-mill paraphrasing tools write for established scientific terms "
                       "(“counterfeit consciousness” for “artificial intelligence”). Multiword "
                       "fingerprints are applied; single words and fingerprints that are ordinary "
                       "English in some field are suggestions.",
        "default_prior": 0.9,
        "entries": entries,
    }
    with open(args.pack, "w", encoding="utf-8") as out:
        json.dump(pack, out, ensure_ascii=False, indent=1)
        out.write("\n")

    # Word substitutions: phrases of equal length, word by word.
    maps = collections.defaultdict(collections.Counter)
    expected_words = collections.Counter()
    for tortured, terms in rows.items():
        for term in terms:
            tw, ew = tortured.split(), term.split()
            expected_words.update(ew)
            if len(tw) != len(ew):
                continue
            for a, b in zip(tw, ew):
                # "socket" -> "sockets" is a list's slip, not a substitution.
                if (a != b and b not in (plural(a), singular(a))
                        and re.fullmatch(r"[a-z][a-z'-]*", a) and re.fullmatch(r"[a-z][a-z'-]*", b)):
                    maps[a][b] += 1
                # The parts of compounds of as many parts ("10-overlay" for "10-fold": "overlay"
                # for "fold"), which the engine tries on their own in a bare term.
                pa, pb = a.split("-"), b.split("-")
                if a != b and len(pa) == len(pb) > 1:
                    for x, y in zip(pa, pb):
                        if (x != y and y not in (plural(x), singular(x))
                                and re.fullmatch(r"[a-z][a-z']+", x) and re.fullmatch(r"[a-z][a-z']+", y)):
                            maps[x][y] += 1
    seen_words = set(maps)
    multi, multi_own = multiword_parts(rows, maps)
    for a, counts in number_variants(maps).items():
        maps[a] = counts
    if args.model and args.model != "none" and not os.path.exists(args.model):
        print(f"warning: no language model at {args.model}: the words' other forms are left out "
              "(install pocketsphinx-en-us, or pass --model FILE or --model none)", file=sys.stderr)
    elif args.model and args.model != "none":
        for a, counts in form_variants(maps, word_families(read_model_words(args.model))).items():
            maps[a] = counts
    with open(args.words, "w", encoding="utf-8") as out:
        out.write("# unspin-reverse-thesaurus 1\n"
                  "# Word substitutions seen in scientific tortured phrases, mined by\n"
                  "# tools/make-tortured-pack.py from the Problematic Paper Screener's list of\n"
                  "# tortured-phrase fingerprints (Cabanac, Labbé, Magazinov 2021; via torturedcheck),\n"
                  "# CC BY 4.0. A word seen in established terms over eight times as often as replaced\n"
                  "# is left out.\n"
                  "# word<TAB>candidates<TAB>times seen replaced, times seen in an established term\n")
        n_words = 0
        for a in sorted(maps):
            # "power" stands for "energy" in some phrases and for itself in many more: not a map.
            # A word seen in terms about as often as replaced ("brain" for "neural" 13 times,
            # in 13 terms; "component" for "feature") is kept: the scorer weighs both counts.
            if expected_words[a] > 8 * sum(maps[a].values()):
                continue
            # A derived form counts as seen once at most: it was not seen itself.
            seen = sum(maps[a].values()) if a in seen_words else 1
            # A candidate seen less than an eighth as often as the word's first is more likely
            # a slip of one row than a substitution ("acknowledgment": "recognition" 32
            # times, "detection" once).
            top = maps[a].most_common(1)[0][1]
            cands = [b for b, n in maps[a].most_common(8) if n * MAP_MIN_SHARE >= top]
            # How much to trust it: how often it was seen, and seen as a term's own word.
            out.write(f"{a}\t{'|'.join(cands)}\t{seen} {expected_words[a]}\n")
            n_words += 1

        # Multiword parts ("set of rules" -> "algorithm"): seen in MULTI_MIN_SEEN rows at least,
        # and not as often a part of the list's terms ("data set"). One row is enough: a bare
        # term's swap seen once needs a wider margin in the engine (map_thin_margin).
        for a in sorted(multi):
            seen = sum(multi[a].values())
            if seen < MULTI_MIN_SEEN or a in maps or multi_own[a] >= seen:
                continue
            cands = [b for b, _ in multi[a].most_common(8)]
            out.write(f"{a}\t{'|'.join(cands)}\t{seen} {multi_own[a]}\n")
            n_words += 1

    if held and args.held_out_file:
        with open(args.held_out_file, "w", encoding="utf-8") as out:
            for t, e in held_rows:
                out.write(f"{t}\t{e}\n")
    print(f"{n_in} rows, {n_dropped} dropped, {len(entries)} pack entries, {n_words} mapped words"
          + (f", {len(held_rows)} held out" if held else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
