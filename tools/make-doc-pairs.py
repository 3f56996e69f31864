#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the word pairs that free scientific software's documentation attests
(data/thesaurus/doc-pairs.tsv).

WordNet (tools/make-wordnet-pairs.py) and the computing dictionaries (tools/make-dict-pairs.py)
name few of the terms of machine learning, statistics, signal processing, imaging, chemistry or
biology, where most tortured phrases are found. The documentation of the scientific libraries
Debian ships is written in those words: two words seen side by side there ("support vector",
"bounding box", "cross entropy", "kidney stone") are evidence that a bare term made of them is
an established one.

This tool reads the Debian packages named in PACKAGES from a folder of their .deb files
(apt-get download; nothing is installed), takes the docstrings and comments of their Python
modules, the comments of their Octave functions, their HTML pages and their info manuals, and
counts the pairs of neighbouring words (lower-cased, split at punctuation and digits). It keeps
the pairs seen at least twice whose words the English language model knows, neither of them a
closed-class word, and that neither WordNet's pairs file nor the dictionaries' has (the engine
already weighs those), and writes one line per first word:

    first<TAB>next|next|...<TAB>next|next|...

the first list the pairs seen at least --often times, the second the others. The engine reads
the file with the dictionaries' pairs and weighs the lists as it weighs theirs.

The output is derived from the documentation of all these packages, under the licences listed
in PACKAGES (permissive ones, the LGPL and the GPL version 2 or later), and is distributed, as
a whole, under the GNU General Public License version 3 or later.

usage:
  cd DEBS && apt-get download $(tools/make-doc-pairs.py --list)
  tools/make-doc-pairs.py --debs DEBS -o data/thesaurus/doc-pairs.tsv
"""
import argparse, ast, collections, gzip, html, importlib.util, io, os, re, subprocess, sys, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
_spec = importlib.util.spec_from_file_location("make_wordnet_pairs",
                                               os.path.join(HERE, "make-wordnet-pairs.py"))
make_wordnet_pairs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_wordnet_pairs)
STOP = make_wordnet_pairs.STOP

# Package: the licences its Debian copyright file gives (all of them compatible with the GPL
# version 3; packages with parts under the GPL version 2 only or CC BY-SA are not read).
PACKAGES = {
    "dcmtk-doc": "BSD-3-clause, OFFIS, Apache-2.0, GPL-2+",
    "festival-doc": "Edinburgh (permissive, MIT-like)",
    "octave-bim": "GPL-3+, GPL-2+",
    "octave-communications": "GPL-3+",
    "octave-control": "GPL-3+, GPL-2+",
    "octave-dataframe": "GPL-3+, GPL-2+",
    "octave-doc": "GPL-3+, GPL-2+, public domain",
    "octave-econometrics": "GPL-3+",
    "octave-financial": "GPL-3+",
    "octave-fuzzy-logic-toolkit": "GPL-3+",
    "octave-geometry": "GPL-3+",
    "octave-image": "GPL-3+, MIT",
    "octave-interval": "GPL-3+, LGPL-2.1+",
    "octave-level-set": "GPL-3+",
    "octave-mapping": "GPL-3+",
    "octave-nan": "GPL-3+, GPL-2+, BSD-3-clause",
    "octave-optim": "GPL-3+, BSD-3-clause",
    "octave-signal": "GPL-3+",
    "octave-splines": "GPL-3+, GPL-2+",
    "octave-statistics": "GPL-3+",
    "octave-symbolic": "GPL-3+",
    "octave-tsa": "GPL-3+",
    "opencv-doc": "Apache-2.0, BSD-3-clause, BSD-2-clause, Expat, GPL-2+",
    "python-astropy-doc": "BSD-3-clause, Expat, LGPL-3",
    "python-biopython-doc": "Biopython License, GPL-2+",
    "python-dipy-doc": "BSD-3-clause",
    "python-nibabel-doc": "Expat, BSD-3-clause",
    "python-pandas-doc": "BSD-3-clause, Expat, Apache-2.0",
    "python-pywt-doc": "Expat",
    "python-scipy-doc": "BSD-3-clause, Expat, Apache-2.0, PSF-2, BSL-1.0",
    "python-skimage-doc": "BSD-3-clause, BSD-2-clause",
    "python-sklearn-doc": "BSD-3-clause, BSD-2-clause, Python",
    "python-statsmodels-doc": "BSD-3-clause, Expat, BSD-2-clause, GPL-3",
    "python3-anndata": "Expat, BSD-3-clause",
    "python3-ase": "LGPL-2.1+, GPL-2+, Expat",
    "python3-astropy": "Expat, BSD-3-clause, LGPL-3",
    "python3-biopython": "Biopython License, GPL-2+",
    "python3-cartopy": "LGPL-3+, Python-2.0",
    "python3-cobra": "GPL-2+, LGPL-2+",
    "python3-cvxopt": "GPL-3+",
    "python3-dask": "Expat, BSD-3-clause",
    "python3-deap": "LGPL-3+, BSD-2-clause",
    "python3-dendropy": "BSD-3-clause",
    "python3-dipy": "BSD-3-clause",
    "python3-dolfin": "LGPL-3+, GPL-2+, BSD-2-clause, BSD-3-clause",
    "python3-emcee": "Expat",
    "python3-ete3": "GPL-3+",
    "python3-gemmi": "MPL-2.0, Expat, BSD-3-clause, LGPL-3",
    "python3-gensim": "LGPL-2.1",
    "python3-geopandas": "BSD-3-clause, CC0-1.0",
    "python3-graph-tool": "LGPL-3+, BSL-1.0, BSD-2-clause",
    "python3-hdmedians": "Apache-2.0",
    "python3-hyperspy": "GPL-3, BSD-3-clause, BSD-2-clause",
    "python3-igraph": "GPL-2+",
    "python3-imblearn": "Expat",
    "python3-lmfit": "Expat",
    "python3-matplotlib": "matplotlib (PSF-based), Expat, BSD-3-clause, CC-BY-4.0",
    "python3-mdtraj": "LGPL-2.1+, Expat, BSD-3-clause",
    "python3-meshio": "Expat, GPL-3",
    "python3-mne": "BSD-3-clause, BSD-2-clause",
    "python3-mpmath": "BSD-3-clause",
    "python3-netcdf4": "ISC, Expat",
    "python3-networkx": "BSD-3-clause, GPL-3",
    "python3-nibabel": "Expat, BSD-3-clause",
    "python3-nipype": "Apache-2.0",
    "python3-nitime": "BSD-3-clause",
    "python3-nltk": "Apache-2.0, Python-2.0",
    "python3-numba": "BSD-2-clause, Expat",
    "python3-optuna": "Expat, BSD-3-clause",
    "python3-pandas": "BSD-3-clause, Expat",
    "python3-patsy": "BSD-2-clause, BSD-3-clause, Python",
    "python3-pint": "BSD-3-clause",
    "python3-pomegranate": "Expat",
    "python3-prody": "Expat, Biopython License, BSD-3-clause",
    "python3-pydicom": "Expat, BSD-3-clause",
    "python3-pyfaidx": "BSD-3-clause",
    "python3-pymatgen": "Expat",
    "python3-pyproj": "Expat, GPL-3+",
    "python3-pysam": "Expat",
    "python3-pywt": "Expat",
    "python3-qutip": "BSD-3-clause",
    "python3-rasterio": "BSD-3-clause",
    "python3-rdkit": "BSD-3-clause, Boost, LGPL-2+, GPL-2+",
    "python3-scipy": "BSD-3-clause, Expat, Apache-2.0",
    "python3-seaborn": "BSD-3-clause, Expat",
    "python3-sentencepiece": "BSD-3-clause, Expat",
    "python3-shapely": "BSD-3-clause, GPL-3, Apache-2.0",
    "python3-simpy": "LGPL-2.1",
    "python3-skbio": "BSD-3-clause",
    "python3-skimage": "BSD-3-clause, BSD-2-clause",
    "python3-sklearn": "BSD-3-clause, BSD-2-clause",
    "python3-sklearn-pandas": "Zlib, BSD-2-clause",
    "python3-statsmodels": "BSD-3-clause, Expat, GPL-3",
    "python3-sunpy": "Expat, BSD-2-clause",
    "python3-sympy": "BSD-3-clause, GPL-2+",
    "python3-torch": "BSD-3-clause, Apache-2.0, Expat, BSL-1.0",
    "python3-torchaudio": "Expat, BSD-2-clause, BSD-3-clause",
    "python3-torchvision": "Expat, BSD-3-clause, BSD-2-clause",
    "python3-treetime": "Expat",
    "python3-uncertainties": "Expat, BSD-3-clause",
    "python3-vispy": "BSD-3-clause, Expat, BSD-2-clause",
    "python3-xarray": "Apache-2.0, BSD-3-clause",
    "python3-xgboost": "Expat, BSD-3-clause, Apache-2.0",
    "speech-tools-doc": "Edinburgh (permissive, MIT-like)",
    "weka-doc": "GPL-2+",
}

WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
# No pair spans these: punctuation, markup, digits, a dash between spaces.
BREAK = re.compile(r"[.,;:!?()\[\]{}<>\"=/|*`_#@$%^&+~\\]|\s-\s|\d")
COMMENT = re.compile(r"^\s*#\s?(.*)$", re.M)
OCTAVE_COMMENT = re.compile(r"^\s*(?:##?|%%?)\s?(.*)$", re.M)
TEXINFO = re.compile(r"@\w+\{([^}]*)\}")


def python_text(source):
    """The docstrings and comments of a Python module."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    parts = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node)
            if doc:
                parts.append(doc)
    parts.extend(COMMENT.findall(source))
    return parts


INFO = re.compile(r"\.info(-\d+)?(\.gz)?$")


def wanted(name):
    """Whether a file of a package is documentation this tool reads (tests are not)."""
    return ("/tests/" not in name and "/test/" not in name
            and (name.endswith((".py", ".m", ".html")) or INFO.search(name) is not None))


def member_text(name, data):
    """The prose of one file wanted() of a package, as a list of texts."""
    if name.endswith(".py"):
        return python_text(data.decode("utf-8", "replace"))
    if name.endswith(".m"):
        return [TEXINFO.sub(r"\1", line) for line in OCTAVE_COMMENT.findall(data.decode("utf-8", "replace"))]
    if name.endswith(".html"):
        text = re.sub(r"(?s)<(script|style).*?</\1>", " ", data.decode("utf-8", "replace"))
        return [html.unescape(re.sub(r"<[^>]+>", " ", text))]
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return [data.decode("utf-8", "replace")]


def count_text(text, pairs):
    for line in text.lower().split("\n"):
        for clause in BREAK.split(line):
            words = WORD.findall(clause)
            pairs.update(zip(words, words[1:]))


def read_deb(path, pairs):
    """Counts the pairs of one .deb's documentation; returns its package name and version."""
    fields = subprocess.run(["dpkg-deb", "--field", path, "Package", "Version"], check=True,
                            capture_output=True, text=True).stdout
    info = dict(line.split(": ", 1) for line in fields.splitlines())
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", path], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        for member in archive:
            if member.isfile() and wanted(member.name):
                for text in member_text(member.name, archive.extractfile(member).read()):
                    count_text(text, pairs)
    return info["Package"], info["Version"]


def read_known(path):
    """{(first, next)} of an existing pairs file."""
    known = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            first, *columns = line.rstrip("\n").split("\t")
            known.update((first, w) for column in columns for w in column.split("|") if w)
    return known


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true", help="print the packages to download and stop")
    ap.add_argument("--debs", help="a folder with the packages' .deb files")
    ap.add_argument("--model", default="/usr/share/pocketsphinx/model/en-us/en-us.lm.bin")
    ap.add_argument("--wordnet-pairs", default=os.path.join(ROOT, "data", "thesaurus", "wordnet-pairs.tsv"))
    ap.add_argument("--dict-pairs", default=os.path.join(ROOT, "data", "thesaurus", "dict-pairs.tsv"))
    ap.add_argument("--often", type=int, default=3, help="a pair seen this often is in the first list")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    if args.list:
        print(" ".join(sorted(PACKAGES)))
        return
    if not args.debs:
        ap.error("--debs is needed")

    debs = {}
    for name in sorted(os.listdir(args.debs)):
        if name.endswith(".deb"):
            debs.setdefault(name.split("_", 1)[0], os.path.join(args.debs, name))
    missing = sorted(set(PACKAGES) - set(debs))
    if missing:
        sys.exit(f"{args.debs}: no .deb for {', '.join(missing)} (apt-get download them)")

    pairs, read = collections.Counter(), []
    for package in sorted(PACKAGES):
        read.append(read_deb(debs[package], pairs))
    vocab = make_wordnet_pairs.make_thesaurus.read_model_words(args.model)
    known = read_known(args.wordnet_pairs) | read_known(args.dict_pairs)
    table = collections.defaultdict(lambda: (set(), set()))
    for (a, b), n in pairs.items():
        if (n < 2 or not make_wordnet_pairs.usable(a, vocab) or not make_wordnet_pairs.usable(b, vocab)
                or a in STOP or b in STOP or (a, b) in known):
            continue
        table[a][0 if n >= args.often else 1].add(b)

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    out.write("# unspin-doc-pairs 1\n"
              "# Generated by tools/make-doc-pairs.py from the documentation (docstrings, comments,\n"
              "# HTML pages, info manuals) of these Debian packages, under these licences:\n")
    for package, version in read:
        out.write(f"#   {package} {version}: {PACKAGES[package]}\n")
    out.write("# keeping pairs of words (those the English language model knows and others of three letters\n"
              "# or more), seen at least twice, that wordnet-pairs.tsv and dict-pairs.tsv lack. Distributed,\n"
              "# as a whole, under the GNU General Public License version 3 or later.\n"
              f"# first<TAB>next words seen at least {args.often} times|...<TAB>next words seen twice|...\n")
    make_wordnet_pairs.write_pairs(out, table)


if __name__ == "__main__":
    main()
