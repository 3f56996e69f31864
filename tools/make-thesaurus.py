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

With --aiksaurus DIR it writes the same kind of file from the Aiksaurus thesaurus instead
(Debian: libaiksaurus-1.2-data, /usr/share/aiksaurus/, GPL-2+; derived from the Moby
thesaurus, which many spinners use): its meanings are groups of words without parts of speech,
so a word's candidates are the other words of its groups, ranked by how many groups they share
and how small those are; two words are inflected alike (plural, verb forms) only when WordNet's
index has both in that part of speech.

With --multiword it turns around MyThes's synonyms of two and three words instead ("carried out"
-> "performed"; data/thesaurus/reverse-multiword.tsv): spinners put them for one word.

With --phrasal it writes the other way round, for a spinner that put a phrase of two to four
words for one word ("set of rules" for "algorithm", "draws near" for "approaches"): the keys
are the multiword synonyms that MyThes (plain and similar terms), Aiksaurus (--aiksaurus-dir)
and WordNet's synsets (data.*) list beside a one-word lemma, and the candidates those words,
inflected alike (a noun phrase's last word in the plural, a verb phrase's first word in each
verb form, when the model knows both forms), ranked by how many senses, groups and synsets
pair them plus a third of the candidate's ln P under the model.

usage: make-thesaurus.py [--mythes DAT [--multiword] | --aiksaurus DIR | --phrasal] [--wordnet DIR] [--model LM] [-o OUT]
"""
import argparse, collections, math, os, re, struct, sys

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


def arpa_unigrams(data):
    """(log10 P, word) of each unigram line of an ARPA model's bytes."""
    in_unigrams = False
    for line in data.decode("utf-8", "replace").splitlines():
        if line.startswith("\\1-grams:"):
            in_unigrams = True
        elif line.startswith("\\"):
            in_unigrams = False
        elif in_unigrams and line.strip():
            parts = line.split()
            yield float(parts[0]), parts[1]


def read_model_words(path):
    """The words of a Sphinx model: the trie binary ends with them, NUL-separated, in id order;
    an ARPA model lists them as unigrams."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"Trie Language Model"):
        n = int.from_bytes(data[20:24], "little")
        words = data.rstrip(b"\0").split(b"\0")[-n:]
        return {w.decode("utf-8", "replace") for w in words}
    return {word for _, word in arpa_unigrams(data)}


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


def best_candidates(ranks, max_candidates, order):
    """For each garbled form of ranks ({form: {candidate: score}}), its candidates best first
    (lowest order(score), then alphabetically), at most max_candidates of them."""
    return {s: [o for o, _ in sorted(cands.items(), key=lambda kv: (order(kv[1]), kv[0]))[:max_candidates]]
            for s, cands in ranks.items()}


def build(th, exc, vocab, max_candidates, key_words=(1,)):
    """{garbled form: [candidate forms]}; garbled forms of @key_words words (MyThes's multiword
    synonyms, "carry out", for key_words (2, 3))."""
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
                if (len(syn.split()) not in key_words or not all(WORD.match(w) for w in syn.split())
                        or syn == original):
                    continue
                # A multiword key of closed-class words only ("as well") or one that begins with
                # an auxiliary ("be after") is ordinary English, not a spinner's synonym.
                if " " in syn and (all(w in STOP for w in syn.split()) or syn.split()[0] in AUX_HEADS):
                    continue
                s_forms = forms(syn, pos, vocab, exc)
                # Earlier senses and earlier places in a sense are what a spinner picks first.
                rank = sense_i * 4 + min(position, 12) + (6 if kind else 0)
                for tag, s in s_forms.items():
                    o = o_forms.get(tag)
                    if o is None or s in STOP or s == o or not known(s, vocab) or not known(o, vocab):
                        continue
                    if rank < ranks[s].get(o, 1 << 30):
                        ranks[s][o] = rank
    return best_candidates(ranks, max_candidates, lambda rank: rank)


def read_aiksaurus(directory):
    """(words, groups) of an Aiksaurus data folder. words.dat holds each word (Latin-1, ':' for a
    space), a NUL, then the big-endian 16-bit ids of its meanings ending with 0xFFFF; a word's id
    is its place in that file. meanings.dat holds one group per meaning: the ids of its words,
    ending with 0xFFFF; the first two are the group's title words and come again in the list."""
    def ids_until_end(data, i):
        out = []
        while True:
            (v,) = struct.unpack_from(">H", data, i)
            i += 2
            if v == 0xFFFF:
                return out, i
            out.append(v)

    with open(os.path.join(directory, "words.dat"), "rb") as f:
        data = f.read()
    words, i = [], 0
    while i < len(data):
        j = data.index(b"\0", i)
        words.append(data[i:j].decode("latin-1").replace(":", " "))
        _, i = ids_until_end(data, j + 1)
    with open(os.path.join(directory, "meanings.dat"), "rb") as f:
        data = f.read()
    groups, i = [], 0
    while i < len(data):
        ids, i = ids_until_end(data, i)
        # The title words come again in the list: each word once, in its first place.
        groups.append([words[k] for k in dict.fromkeys(ids)])
    return words, groups


def read_parts_of_speech(wordnet_dir):
    """{lemma: {"noun", "verb", "adj", "adv"}} from WordNet's index files."""
    out = collections.defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wordnet_dir, "index." + pos), encoding="utf-8") as f:
            for line in f:
                if not line.startswith(" "):
                    out[line.split(" ", 1)[0].replace("_", " ")].add(pos)
    return out


def read_model_unigrams(path):
    """{word: ln P(word)} from a Sphinx model: an ARPA model's unigram lines, or the trie
    binary's unigram records (after the header, the order, the n-gram counts, the quantisation
    type and, for 16-bit quantisation, 2 * order - 3 tables of 65536 floats: one record of
    three 4-byte fields per word, in id order, the first a log-probability in base 1.0001)."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"Trie Language Model"):
        order = data[19]
        counts = struct.unpack_from(f"<{order}I", data, 20)
        at = 20 + 4 * order
        (quant,) = struct.unpack_from("<I", data, at)
        if quant not in (0, 1) or not 2 <= order <= 9:
            raise SystemExit(f"{path}: unknown trie model layout")
        at += 4 + (4 * 65536 * (2 * order - 3) if quant == 1 else 0)
        words = data.rstrip(b"\0").split(b"\0")[-counts[0]:]
        out = {}
        for i, w in enumerate(words):
            (logp,) = struct.unpack_from("<f", data, at + 12 * i)
            out[w.decode("utf-8", "replace")] = logp * math.log(1.0001)
        if not -10.0 < out.get("the", 1.0) < 0.0:
            raise SystemExit(f"{path}: unknown trie model layout")
        return out
    return {word: logp * math.log(10) for logp, word in arpa_unigrams(data)}


def build_aiksaurus(groups, exc, unigrams, parts, max_candidates):
    """The reverse table of Aiksaurus's groups. Two words of a group are synonyms both ways; a
    candidate weighs the number of groups it shares with the garbled word, plus a half for each
    of those it or the garbled word is a title of, plus a third of its ln P under the model
    (among a word's many partners, the common ones are what a text more likely had: "deep"
    for "profound" before "erudite"). Both words are inflected alike in each part of speech
    WordNet gives both of them. Only single words are keys; candidates have up to three."""
    vocab = unigrams.keys()
    shared = collections.Counter()  # (garbled base, candidate base) -> groups, titles / 2
    for group in groups:
        titles = set(group[:2])
        members = [w for w in group if all(WORD.match(x) for x in w.split())
                   and len(w.split()) <= 3 and w.split()[0] not in AUX_HEADS
                   and (len(w) > 2 or w in SHORT_WORDS) and known(w, vocab)]
        for s in members:
            if " " in s or s in STOP:
                continue
            for o in members:
                if o != s:
                    shared[s, o] += 1.0 + 0.5 * ((s in titles) + (o in titles))
    ranks = collections.defaultdict(dict)  # garbled form -> {candidate form: weight}
    for (s, o), n in shared.items():
        pairs = {(s, o)}
        for pos in parts.get(s, set()) & parts.get(o, set()) & {"noun", "verb"}:
            s_forms, o_forms = forms(s, pos, vocab, exc), forms(o, pos, vocab, exc)
            pairs |= {(s_forms[tag], o_forms[tag]) for tag in s_forms if tag in o_forms}
        for sf, of in pairs:
            if sf in STOP or sf == of or sf not in vocab or not known(of, vocab):
                continue
            w = n + sum(unigrams[x] for x in of.split()) / 3.0
            if w > ranks[sf].get(of, -1e9):
                ranks[sf][of] = w
    return best_candidates(ranks, max_candidates, lambda weight: -weight)


def read_wordnet_synsets(wordnet_dir):
    """(pos, [lemma, ...]) of each synset in WordNet's data files, lemmas with spaces."""
    names = {"noun": "noun", "verb": "verb", "adj": "adj", "adv": "adv"}
    for pos, name in names.items():
        with open(os.path.join(wordnet_dir, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                p = line.split(" ")
                n = int(p[3], 16)
                lemmas = [re.sub(r"\(.*\)$", "", p[4 + 2 * i]).replace("_", " ").lower()
                          for i in range(n)]
                yield pos, list(dict.fromkeys(lemmas))


def phrase_forms(phrase, pos, vocab, exc):
    """{tag: surface form} of a lemma of one or more words: a noun phrase inflects its last word
    (plural), a verb phrase its first (all verb forms); others stay as they are."""
    words = phrase.split(" ")
    if pos == "noun":
        out = {"b": phrase}
        for f in plural(words[-1], vocab, exc["noun"]):
            out["p"] = " ".join(words[:-1] + [f])
        return out
    if pos == "verb":
        return {tag: " ".join([f] + words[1:])
                for tag, f in verb_forms(words[0], vocab, exc["verb"]).items()}
    return {"b": phrase}


def build_phrasal(th, groups, synsets, exc, unigrams, parts, max_candidates, parts_of_speech):
    """Phrases of two to four words -> the one-word lemmas that MyThes, Aiksaurus and WordNet
    list them beside, inflected alike, best first (see the module's docstring)."""
    vocab = unigrams.keys()
    shared = collections.Counter()  # (phrase, word, pos) -> senses, groups and synsets

    def usable_phrase(x):
        ws = x.split(" ")
        return (2 <= len(ws) <= 4 and all(WORD.match(w) for w in ws) and known(x, vocab)
                and not all(w in STOP for w in ws))

    def usable_word(x):
        return (" " not in x and WORD.match(x) and x not in STOP and x not in AUX_HEADS
                and (len(x) > 2 or x in SHORT_WORDS) and x in vocab)

    for head, senses in th.items():
        head = head.lower()
        if not usable_word(head):
            continue
        for pos, syns in senses:
            if pos not in ("noun", "verb", "adj", "adv"):
                continue
            for syn, kind in syns:
                syn = syn.lower()
                if kind in ("", "similar term") and usable_phrase(syn):
                    shared[syn, head, pos] += 1
    for group in groups:
        group = [w.lower() for w in group]
        words = [w for w in group if usable_word(w)]
        for phrase in (w for w in group if usable_phrase(w)):
            for w in words:
                for pos in (parts.get(phrase, set()) & parts.get(w, set())) or {"?"}:
                    shared[phrase, w, pos] += 1
    for pos, lemmas in synsets:
        words = [w for w in lemmas if usable_word(w)]
        for phrase in (w for w in lemmas if usable_phrase(w)):
            for w in words:
                shared[phrase, w, pos] += 1
    ranks = collections.defaultdict(dict)  # phrase form -> {word form: weight}
    for (phrase, word, pos), n in shared.items():
        if pos not in parts_of_speech:
            continue
        p_forms, w_forms = phrase_forms(phrase, pos, vocab, exc), phrase_forms(word, pos, vocab, exc)
        for tag, pf in p_forms.items():
            wf = w_forms.get(tag)
            # A word of the phrase itself is no synonym of it ("growth" for "malignant growth").
            if wf is None or wf not in vocab or not known(pf, vocab) or wf in pf.split(" "):
                continue
            w = n + unigrams[wf] / 3.0
            if w > ranks[pf].get(wf, -1e9):
                ranks[pf][wf] = w
    return best_candidates(ranks, max_candidates, lambda weight: -weight)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mythes", default="/usr/share/mythes/th_en_US_v2.dat")
    ap.add_argument("--aiksaurus", metavar="DIR",
                    help="build from the Aiksaurus data in DIR (words.dat, meanings.dat) instead")
    ap.add_argument("--phrasal", action="store_true",
                    help="build the multiword keys (phrase -> word) from MyThes, Aiksaurus "
                         "(--aiksaurus-dir) and WordNet instead")
    ap.add_argument("--phrasal-pos", default="verb",
                    help="with --phrasal: the parts of speech kept, comma-separated (of noun, "
                         "verb, adj, adv; ? for Aiksaurus pairs WordNet gives none)")
    ap.add_argument("--aiksaurus-dir", default="/usr/share/aiksaurus",
                    help="with --phrasal: the Aiksaurus data (none: leave it out)")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us.lm.bin")
    ap.add_argument("--multiword", action="store_true",
                    help="turn around MyThes's two- and three-word synonyms instead (reverse-multiword.tsv)")
    ap.add_argument("--max-candidates", type=int, help="per word (default 10, with --aiksaurus 8)")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    if args.max_candidates is None:
        args.max_candidates = 8 if args.aiksaurus or args.phrasal else 10
    exc = read_exceptions(args.wordnet)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    if args.phrasal:
        groups = read_aiksaurus(args.aiksaurus_dir)[1] if args.aiksaurus_dir != "none" else []
        table = build_phrasal(read_mythes(args.mythes), groups, read_wordnet_synsets(args.wordnet),
                                exc, read_model_unigrams(args.model),
                                read_parts_of_speech(args.wordnet), args.max_candidates,
                                set(args.phrasal_pos.split(",")))
        out.write("# unspin-reverse-thesaurus 1\n"
                  "# Generated by tools/make-thesaurus.py --phrasal: phrases of two to four words\n"
                  "# and the one-word lemmas listed beside them in the MyThes English thesaurus\n"
                  "# th_en_US_v2 (Debian package mythes-en-us) and Princeton WordNet 3.0's synsets\n"
                  "# (wordnet-base; WordNet licence, (c) 2006 Princeton University), and in the\n"
                  "# Aiksaurus thesaurus (libaiksaurus-1.2-data; (c) 2001-2003 Jared Davis, GPL-2+;\n"
                  "# derived from the Moby thesaurus); inflected with WordNet 3.0's index and\n"
                  "# exception lists, keeping words the English language model knows. GPL-2+.\n"
                  "# garbled<TAB>candidates, best first, separated by |\n")
    elif args.aiksaurus:
        _, groups = read_aiksaurus(args.aiksaurus)
        table = build_aiksaurus(groups, exc, read_model_unigrams(args.model),
                                read_parts_of_speech(args.wordnet), args.max_candidates)
        out.write("# unspin-reverse-thesaurus 1\n"
                  "# Generated by tools/make-thesaurus.py --aiksaurus from the Aiksaurus thesaurus\n"
                  "# (Debian package libaiksaurus-1.2-data; (c) 2001-2003 Jared Davis, GPL-2+;\n"
                  "# derived from the Moby thesaurus), inflected with WordNet 3.0's index and\n"
                  "# exception lists (wordnet-base), keeping words the English language model knows.\n"
                  "# garbled<TAB>candidates, best first, separated by |\n")
    else:
        table = build(read_mythes(args.mythes), exc, read_model_words(args.model),
                      args.max_candidates, (2, 3) if args.multiword else (1,))
        out.write("# unspin-reverse-thesaurus 1\n"
                  + ("# Two- and three-word synonyms turned around (--multiword): \"carried out\" -> \"performed\".\n"
                     if args.multiword else "") +
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
