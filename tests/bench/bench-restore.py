#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: unspin-cli restore on a large generated spun text, against grep -F -f.

Generates two texts (SIZE MB and SCALE x SIZE MB) of spun news prose from templates written for
this benchmark, extracts the garbled phrases of the bundled packs, and in the same run times
  grep -F -f PHRASES FILE > OUT        (the baseline)
  unspin-cli restore FILE -o OUT        (the engine)
taking the best of --repeat runs of each, with the engine's peak resident memory. The engine
keeps the packs it has read in a cache (a folder of the run's own here): the first run after the
packs change parses their JSON and writes the cache, and is shown apart, as is the start-up
(a one-line text) with and without the cache.
Prints the figures and checks the targets, with context scoring off (--no-model):
  engine time <= 4 x grep time; peak memory <= 2 x input + 30 MB;
  time(SCALE x input) <= 1.1 x SCALE x time(input);
and, when the language model is installed, with it on:
  engine time <= 30 x grep time, on both texts;
  restoring the bundled sample article (data/samples/spun-article.txt), model loading
  included, in under 0.2 s wall time.
Exit status 0 when all targets are met, 1 otherwise.
"""
import argparse, glob, json, os, random, shutil, subprocess, sys, tempfile, time

SUBJECTS = ["The federal government", "Authorities", "The mayor", "The council", "Individuals",
            "The nation's health agency", "Countless residents", "The company", "Numerous lawmakers",
            "A representative", "The harbour board", "Regional officials", "The school district"]
VERBS = ["has actually alerted", "stated", "has actually increased", "informed the press reporter",
         "likewise stated", "decreased to comment", "revealed", "has actually denied",
         "approved", "delayed", "reviewed", "announced", "criticised", "welcomed"]
OBJECTS = ["the strategies to close the bridge", "an ask for remark", "the outcomes of the survey",
           "the budget for the coming year", "2 new schools", "the declaration on Tuesday",
           "the variety of complaints", "a plan to repair the harbour wall", "the caution",
           "greatly strengthened flood barriers", "the new bus routes", "the water restrictions"]
# Sentences no spinner touched, so that marks are about as dense as on real spun pages (about
# one edit every eight words, as on the project's sample article).
PLAIN = ["The meeting ran late into the evening and ended without a vote.",
         "Residents who live near the river were asked to move their cars to higher ground.",
         "The report will be published on the city website next month.",
         "Work on the new library began in March and is due to finish before winter.",
         "Several shops on the main street stayed closed for the rest of the week.",
         "Tickets for the festival went on sale at nine in the morning and sold out by noon.",
         "The bridge was built in 1931 and has been repaired many times since then.",
         "Parents at the school have started a petition asking for a safer crossing.",
         "Farmers in the valley say the dry spring has already hurt this year's harvest.",
         "A spokeswoman for the hospital declined to give details about the patients."]
TAILS = ["according to 2 senior authorities.", "the representative stated.", "in current weeks.",
         "after a long debate.", "on condition of privacy since he was not licensed to speak.",
         "officials said on Monday.", "before the vote.", "despite the storm.",
         "which has actually drawn criticism."]


def generate(path, size):
    rng = random.Random(20261127)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            sentences = []
            for _ in range(rng.randint(2, 6)):
                if rng.random() < 0.5:
                    sentences.append(rng.choice(PLAIN))
                else:
                    sentences.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, "
                                     f"{rng.choice(TAILS)}")
            para = " ".join(sentences) + "\n\n"
            out.write(para)
            written += len(para.encode())


def phrases(data_dir, path):
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for pack in sorted(glob.glob(os.path.join(data_dir, "packs", "*.json"))):
            for entry in json.load(open(pack, encoding="utf-8"))["entries"]:
                out.write(entry["garbled"] + "\n")
                n += 1
    return n


def timed(cmd, stdout=None):
    """Wall time and peak RSS (bytes) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout or subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # grep exits 1 when nothing matched
        sys.exit(f"bench: {' '.join(cmd)} failed with status {code}")
    return elapsed, usage.ru_maxrss * 1024


def best(cmd, repeat, out_path):
    runs = []
    for _ in range(repeat):
        with open(out_path, "wb") as out:
            runs.append(timed(cmd, out))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path to unspin-cli")
    ap.add_argument("--data", required=True, help="the data folder (packs/, rules/)")
    ap.add_argument("--size-mb", type=float, default=5.0)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=os.environ.get("UNSPIN_LM_MODEL")
                    or "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin",
                    help="the language model for the context-scoring runs")
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores; best of {args.repeat} runs")

    all_ok = True
    os.environ["UNSPIN_DATA_DIR"] = args.data
    with tempfile.TemporaryDirectory(prefix="unspin-bench-") as tmp:
        phrases_path = os.path.join(tmp, "phrases.txt")
        n_phrases = phrases(args.data, phrases_path)
        out_path = os.path.join(tmp, "out.txt")
        cache = os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")

        def cold(cmd):
            """One run with no cache: the packs' JSON parsed and the cache written."""
            shutil.rmtree(cache, ignore_errors=True)
            return best(cmd, 1, out_path)[0]

        line = os.path.join(tmp, "line.txt")
        with open(line, "w", encoding="utf-8") as f:
            f.write("The federal government stated on Monday.\n")
        start_cold = min(cold([args.cli, "restore", "--no-model", line]) for _ in range(args.repeat))
        start_warm, _ = best([args.cli, "restore", "--no-model", line], args.repeat, out_path)
        print(f"start-up, a one-line text, --no-model: {start_warm:.3f} s with the packs' cache,"
              f" {start_cold:.3f} s without it (the first run after the packs change)")
        results = {}
        have_model = os.path.isfile(args.model)
        if not have_model:
            print(f"no language model at {args.model}: the context-scoring runs are skipped")
        for label, mb in (("1x", args.size_mb), (f"{args.scale}x", args.size_mb * args.scale)):
            path = os.path.join(tmp, f"article-{label}.txt")
            generate(path, int(mb * 1024 * 1024))
            size = os.path.getsize(path)
            grep_t, _ = best(["grep", "-F", "-f", phrases_path, path], args.repeat, out_path)
            grep_i_t, _ = best(["grep", "-F", "-i", "-f", phrases_path, path], 1, out_path)
            eng_cold_t = cold([args.cli, "restore", "--no-model", path])
            eng_t, eng_rss = best([args.cli, "restore", "--no-model", path], args.repeat, out_path)
            # The engine uses every core on big inputs; grep uses one. Shown, not a target.
            os.environ["UNSPIN_THREADS"] = "1"
            one_t, _ = best([args.cli, "restore", "--no-model", path], 1, out_path)
            del os.environ["UNSPIN_THREADS"]
            lm_t = lm_rss = None
            if have_model:
                lm_t, lm_rss = best([args.cli, "restore", "--model", args.model, path], args.repeat, out_path)
            results[label] = (size, grep_t, eng_t, eng_rss, lm_t)
            print(f"{label:>4}: input {size / 2**20:7.1f} MiB | grep -F -f ({n_phrases} phrases) {grep_t:6.3f} s"
                  f" | grep -F -i -f {grep_i_t:6.3f} s | unspin-cli restore --no-model {eng_t:6.3f} s"
                  f" ({size / 2**20 / eng_t:5.1f} MiB/s; one thread {one_t:6.3f} s;"
                  f" first run, no cache {eng_cold_t:6.3f} s = {eng_cold_t / grep_t:.2f}x grep)"
                  f" | peak RSS {eng_rss / 2**20:6.1f} MiB")
            if have_model:
                print(f"{'':>4}  with the model: unspin-cli restore {lm_t:6.3f} s"
                      f" ({size / 2**20 / lm_t:5.1f} MiB/s) | peak RSS {lm_rss / 2**20:6.1f} MiB")

        print()
        for label, (size, grep_t, eng_t, rss, lm_t) in results.items():
            ratio = eng_t / grep_t
            mem_limit = 2 * size + 30 * 2**20
            ok_t, ok_m = ratio <= 4.0, rss <= mem_limit
            all_ok &= ok_t and ok_m
            print(f"{label:>4}: engine/grep time {ratio:5.2f}x (target <= 4x) {'ok' if ok_t else 'MISSED'};"
                  f" peak {rss / 2**20:.1f} MiB vs limit {mem_limit / 2**20:.1f} MiB {'ok' if ok_m else 'MISSED'}")
            if lm_t is not None:
                ok_lm = lm_t / grep_t <= 30.0
                all_ok &= ok_lm
                print(f"{label:>4}: with the model, engine/grep time {lm_t / grep_t:5.2f}x (target <= 30x)"
                      f" {'ok' if ok_lm else 'MISSED'}")
        (s1, _, t1, _, _), (s10, _, t10, _, _) = results["1x"], results[f"{args.scale}x"]
        growth = t10 / t1
        ok_s = growth <= 1.1 * args.scale
        all_ok &= ok_s
        print(f"scale: {s10 / s1:.1f}x the input took {growth:.2f}x the time (target <= {1.1 * args.scale:.0f}x)"
              f" {'ok' if ok_s else 'MISSED'}")
        if have_model:
            sample = os.path.join(args.data, "samples", "spun-article.txt")
            sample_t, _ = best([args.cli, "restore", "--model", args.model, sample], max(args.repeat, 5), out_path)
            ok_sample = sample_t < 0.2
            all_ok &= ok_sample
            print(f"sample article with the model, loading included: {sample_t:.3f} s (target < 0.2 s)"
                  f" {'ok' if ok_sample else 'MISSED'}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
