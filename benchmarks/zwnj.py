"""ZWNJ-restoration benchmark: our normaliser side by side with hazm, shekar, negar, rishe, parsivar, piraye.

    .venv/bin/python -m benchmarks.zwnj --bench ../shared/bench/zwnj            # PerDT test, all systems
    .venv/bin/python -m benchmarks.zwnj --bench ../shared/bench/zwnj --setup    # first create tool venvs
    .venv/bin/python -m benchmarks.zwnj --dev-cv ../shared/data                 # 2-fold CV on PerDT dev
    .venv/bin/python -m benchmarks.zwnj --dev-cv ../shared/data --cache /tmp/zw  # the same, for iterating
    .venv/bin/python -m benchmarks.zwnj --cross-seraji ../shared/data           # Seraji dev, all systems

Every system normalises the ``corrupted`` side of ``perdt-test.{del,space,mix,none}.jsonl``; the bench's
own ``score.py`` scores it.  The other tools are installed only for the benchmark, each in its own
throw-away virtualenv ``<venvs>/zwnjbench-<package>`` (``--setup`` makes them with uv from PyPI), and run
in a child process that reports its own wall time, so import and start-up are not counted.  The two
in-process systems (ours and hazm) are timed ``REPEATS`` more times, taking turns, and keep their best.
A tool that is not installed shows up in the table as such.  ``--dev-cv`` trains on half of PerDT dev
(plus the other sources) and scores the other half: the split to tune on, since PerDT test must never be
tuned on.  The boundary model of each fold is trained on the training half alone, as ``nlp.train_zwnj``
trains it (each quarter read with a lexicon that saw neither it nor the held-out half): about five
minutes.
``--cache DIR`` keeps each fold's counts (as lexicon TSVs) and n-gram models in ``DIR`` and re-derives
the rest (lexicon tables, boundary models) on every run, so changes to ``nlp/zwnj*.py`` show in ~30 s;
empty ``DIR`` after changing the sources, ``nlp/train_zwnj.py`` or ``nlp/zwnj_ngram.py``.  A cached
run writes no results file: the record comes from a full run.
``--cross-seraji`` measures another treebank's conventions: Seraji dev, corrupted as the dev-CV corrupts
PerDT dev, restored by models trained as ``nlp.train_zwnj`` trains them but without Seraji dev (lexicon,
n-gram and boundary model; about three minutes), every other tool on the same inputs in the same run.
Results go to ``benchmarks/results/zwnj.{md,json}`` (``--dev-cv``: ``zwnj-devcv.*``, ``--cross-seraji``:
``zwnj-cross.*``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.train_zwnj import Counts
    from nlp.train_zwnj_boundary import Example
    from nlp.zwnj import Restorer
    from nlp.zwnj_boundary import BoundaryModel
    from nlp.zwnj_lexicon import Lexicon

CORRUPTIONS = ("del", "space", "mix", "none")
REPEATS = 2  # more timed passes of each in-process system (goftar, hazm) after the scored one
RESULTS = Path(__file__).parent / "results"
TITLES = {
    "zwnj": "PerDT test",
    "zwnj-devcv": "PerDT dev 2-fold CV",
    "zwnj-cross": "Seraji dev, another treebank's conventions; trained without it",
}

# package on PyPI -> python code that defines ``norm(text) -> str`` inside the tool's own virtualenv
EXTERNAL: dict[str, tuple[str, str]] = {
    "parsivar": ("parsivar", "from parsivar import Normalizer\n_n = Normalizer()\nnorm = _n.normalize\n"),
    "shekar": ("shekar", "from shekar import Normalizer\nnorm = Normalizer()\n"),
    "negar": (
        "python-negar",
        "from negar.virastar import PersianEditor\ndef norm(t):\n    return PersianEditor(t).cleanup()\n",
    ),
    "rishe": ("rishe", "import rishe\nnorm = rishe.Normalizer().normalize\n"),
    "piraye": (
        "piraye",
        "from piraye import NormalizerBuilder\n"
        "_n = NormalizerBuilder().alphabet_fa().digit_fa().punctuation_fa().remove_extra_spaces().build()\n"
        "def norm(t):\n    r = _n.normalize(t)\n    return r[0] if isinstance(r, tuple) else r\n",
    ),
}

CHILD = """
import json, sys, time
{setup}
texts = json.load(sys.stdin)
out = {{}}
t0 = time.perf_counter()
for name, rows in texts.items():
    out[name] = [norm(t) for t in rows]
with open(sys.argv[1], "w", encoding="utf-8") as fh:  # not stdout: some tools print while loading
    json.dump({{"seconds": time.perf_counter() - t0, "outputs": out}}, fh)
"""


def load_scorer(bench: Path) -> ModuleType:
    """Import the bench's ``score.py`` (it is not a package)."""
    spec = importlib.util.spec_from_file_location("zwnj_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {bench}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_bench(bench: Path) -> dict[str, list[dict[str, str]]]:
    """Rows of every corruption file."""
    sets = {}
    for name in CORRUPTIONS:
        path = bench / f"perdt-test.{name}.jsonl"
        sets[name] = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return sets


def run_inprocess(
    norm: Callable[[str], str], texts: dict[str, list[str]]
) -> tuple[float, dict[str, list[str]]]:
    """Outputs of an in-process system and its wall time (our restorer's caches emptied first)."""
    from nlp import zwnj

    zwnj.default_restorer().forget()
    norm(texts["del"][0])  # warm-up: lexicon and model loading is start-up, not throughput
    t0 = time.perf_counter()
    out = {name: [norm(t) for t in rows] for name, rows in texts.items()}
    return time.perf_counter() - t0, out


def best_times(
    systems: list[tuple[str, Callable[[str], str]]], texts: dict[str, list[str]]
) -> dict[str, float]:
    """The fastest of ``REPEATS`` more passes of each in-process system, the systems taking turns, so
    that a slow minute of a shared machine does not fall on one of them alone (as ``timeit`` keeps the
    best)."""
    best: dict[str, float] = {}
    for _ in range(REPEATS):
        for label, norm in systems:
            seconds, _ = run_inprocess(norm, texts)
            best[label] = min(best.get(label, seconds), seconds)
    return best


def run_external(
    name: str, venvs: Path, texts: dict[str, list[str]]
) -> tuple[float, dict[str, list[str]]] | str:
    """Outputs of a tool in its own virtualenv, or why it could not run."""
    package, setup = EXTERNAL[name]
    python = venvs / f"zwnjbench-{package}" / "bin" / "python"
    if not python.exists():
        return f"not installed ({python.parent.parent} missing; run with --setup)"
    code = CHILD.format(setup=setup + "\nnorm(" + repr(texts["del"][0]) + ")")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        proc = subprocess.run(
            [str(python), "-c", code, str(out)],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0 or not out.exists():
            return "failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1][:120]
        res = json.loads(out.read_text(encoding="utf-8"))
    return res["seconds"], res["outputs"]


def setup_venvs(venvs: Path) -> None:
    """Create one virtualenv per external tool with uv (PyPI only); failures are reported, not fatal."""
    uv = Path(__file__).resolve().parent.parent / ".tools" / "bin" / "uv"
    for _name, (package, _) in EXTERNAL.items():
        target = venvs / f"zwnjbench-{package}"
        if (target / "bin" / "python").exists():
            continue
        subprocess.run([str(uv), "venv", "-q", "-p", sys.executable, str(target)], check=False)
        proc = subprocess.run(
            [str(uv), "pip", "install", "-q", "--python", str(target / "bin" / "python"), package],
            check=False,
        )
        print(f"setup {package}: {'ok' if proc.returncode == 0 else 'FAILED'}", file=sys.stderr)


def score_system(
    scorer: ModuleType, sets: dict[str, list[dict[str, str]]], outs: dict[str, list[str]]
) -> dict:
    """Scorer metrics per corruption."""
    metrics = {}
    for name, rows in sets.items():
        per = [scorer.score_sentence(r["gold"], o) for r, o in zip(rows, outs[name], strict=True)]
        metrics[name] = scorer.aggregate(per)
    return metrics


def ours() -> tuple[str, Callable[[str], str]]:
    from nlp.normalize import normalize

    return "goftar (nlp.normalize)", normalize


def hazm_system() -> tuple[str, Callable[[str], str]]:
    import hazm
    from hazm import Normalizer

    return f"hazm {hazm.__version__ if hasattr(hazm, '__version__') else ''} Normalizer".replace("  ", " "), (
        Normalizer().normalize
    )


def table(results: list[dict]) -> str:
    """Markdown table of the results."""
    head = "| system | F1 del | F1 space | F1 mix | damage (del) | damage (none) | EM del | chars/s |\n"
    head += "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    rows = []
    for r in results:
        if "error" in r:
            rows.append(f"| {r['system']} | {r['error']} | | | | | | |")
            continue
        m = r["metrics"]
        pct = lambda x: "n/a" if x is None else f"{100 * x:.1f}"  # noqa: E731
        rows.append(
            f"| {r['system']} | {pct(m['del']['F1'])} | {pct(m['space']['F1'])} | {pct(m['mix']['F1'])} | "
            f"{pct(m['del']['damage'])}% | {pct(m['none']['damage'])}% | {pct(m['del']['em'])} | "
            f"{r['chars_per_s'] / 1000:,.0f}k |"
        )
    return head + "\n".join(rows) + "\n"


def run_bench(bench: Path, venvs: Path, only: list[str] | None) -> list[dict]:
    """Score every system on the bench and return one result dict per system."""
    return run_systems(load_scorer(bench), load_bench(bench), venvs, only)


def run_systems(
    scorer: ModuleType,
    sets: dict[str, list[dict[str, str]]],
    venvs: Path,
    only: list[str] | None,
    ours_label: str = "",
    outputs: dict[str, dict[str, list[str]]] | None = None,
) -> list[dict]:
    """Run every system on the ``corrupted`` side of ``sets`` and score it against the ``gold`` side
    (``outputs``, when given, receives each system's outputs by label)."""
    texts = {name: [r["corrupted"] for r in rows] for name, rows in sets.items()}
    n_chars = sum(len(t) for rows in texts.values() for t in rows)
    results = []
    label0, norm = ours()
    systems: list[tuple[str, object]] = [(ours_label or label0, norm), hazm_system()]
    systems += [(n, n) for n in EXTERNAL]
    for label, system in systems:
        if only and not any(o in label for o in only):
            continue
        print(f"running {label} …", file=sys.stderr)
        res = run_inprocess(system, texts) if callable(system) else run_external(str(system), venvs, texts)
        if isinstance(res, str):
            results.append({"system": label, "error": res})
            continue
        seconds, outs = res
        if outputs is not None:
            outputs[label] = outs
        results.append(
            {
                "system": label,
                "chars_per_s": n_chars / seconds,
                "seconds": seconds,
                "metrics": score_system(scorer, sets, outs),
            }
        )
    inproc = [
        (label, s) for label, s in systems if callable(s) and any(r["system"] == label for r in results)
    ]
    for label, seconds in best_times(inproc, texts).items():  # type: ignore[arg-type]
        for r in results:
            if r["system"] == label and seconds < r["seconds"]:
                r["seconds"], r["chars_per_s"] = seconds, n_chars / seconds
    return results


def cross_seraji(
    data: Path,
    bench: Path,
    venvs: Path,
    only: list[str] | None = None,
    cache: Path | None = None,
    outputs: dict[str, dict[str, list[str]]] | None = None,
) -> list[dict]:
    """Another treebank's conventions: Seraji dev corrupted as the dev-CV corrupts PerDT dev, restored by
    models trained as ``nlp.train_zwnj`` trains them but without Seraji dev, the other tools alongside."""
    from nlp import zwnj
    from nlp.train_zwnj_boundary import corrupt

    golds = [t for _, t in _texts_by_id(data / "seraji" / "fa_seraji-ud-dev.conllu")]
    rng = random.Random(0)
    sets = {name: [{"gold": g, "corrupted": corrupt(g, name, rng)} for g in golds] for name in CORRUPTIONS}
    dev = data / "perdt" / "fa_perdt-ud-dev.conllu"
    texts = dict(_texts_by_id(dev))
    boundary = _fold_boundary_model(data, frozenset(), list(texts), texts, cache, "xs", seraji=False)
    zwnj.use_restorer(_fold_restorer(data, frozenset(), "xs", cache, boundary, seraji=False))
    try:
        label = "goftar (trained without Seraji dev)"
        return run_systems(load_scorer(bench), sets, venvs, only, label, outputs)
    finally:
        zwnj.use_restorer(None)


def dev_cv(data: Path, bench: Path, cache: Path | None = None) -> list[dict]:
    """Two-fold cross-validation on PerDT dev: train on one half (plus the other sources), score the other
    (``cache``: see the module docstring)."""
    from nlp import zwnj

    scorer = load_scorer(bench)
    dev = data / "perdt" / "fa_perdt-ud-dev.conllu"
    ids = [line[12:].strip() for line in dev.open(encoding="utf-8") if line.startswith("# sent_id = ")]
    folds = [frozenset(ids[0::2]), frozenset(ids[1::2])]
    all_outs: dict[str, list[tuple[str, str]]] = {c: [] for c in CORRUPTIONS}
    seconds = 0.0
    n_chars = 0
    texts = dict(_texts_by_id(dev))
    for k, held in enumerate(folds):
        boundary = _fold_boundary_model(data, held, [i for i in ids if i not in held], texts, cache, f"f{k}")
        zwnj.use_restorer(_fold_restorer(data, held, f"f{k}", cache, boundary))
        from nlp.normalize import normalize
        from nlp.train_zwnj_boundary import corrupt  # the bench's corruptions, shared with training

        gold = [t for t in _texts_by_id(dev) if t[0] in held]
        rng = random.Random(k)
        for name in CORRUPTIONS:
            corrupted = [corrupt(g, name, rng) for _, g in gold]
            t0 = time.perf_counter()
            outs = [normalize(c) for c in corrupted]
            seconds += time.perf_counter() - t0
            n_chars += sum(map(len, corrupted))
            all_outs[name].extend(zip([g for _, g in gold], outs, strict=True))
    zwnj.use_restorer(None)
    metrics = {
        name: scorer.aggregate([scorer.score_sentence(g, o) for g, o in pairs_])
        for name, pairs_ in all_outs.items()
    }
    return [
        {"system": "goftar (2-fold CV on PerDT dev)", "chars_per_s": n_chars / seconds, "metrics": metrics}
    ]


def _fold_restorer(
    data: Path,
    skip: frozenset[str],
    tag: str,
    cache: Path | None,
    boundary: BoundaryModel | None = None,
    seraji: bool = True,
) -> Restorer:
    """A restorer built without the PerDT sentences ``skip`` (and without Seraji dev unless ``seraji``):
    from counts and an n-gram model kept in ``cache`` under ``tag`` when there is one, else freshly
    counted."""
    from nlp import zwnj, zwnj_ngram
    from nlp.train_zwnj import build, train_ngram, write_lexicon

    if cache is None:
        counts = build(data, skip_perdt_ids=skip, seraji=seraji)
        return zwnj.Restorer(_fold_lexicon(counts, tag), train_ngram(counts), boundary)
    tsv, ngram = cache / f"{tag}.tsv.gz", cache / f"{tag}.ngram"
    if not (tsv.exists() and ngram.exists()):
        counts = build(data, skip_perdt_ids=skip, seraji=seraji)
        cache.mkdir(parents=True, exist_ok=True)
        write_lexicon(tsv, counts)
        zwnj_ngram.save(train_ngram(counts), ngram)
    return zwnj.Restorer(zwnj.load_lexicon(tsv, cache=False), zwnj_ngram.load(ngram), boundary)


def _fold_lexicon(counts: Counts, tag: object) -> Lexicon:
    """The lexicon of these counts (written to a temporary file and read back, as the restorer does)."""
    from nlp import zwnj
    from nlp.train_zwnj import write_lexicon

    tmp = RESULTS / f".devcv-{tag}.tsv.gz"
    write_lexicon(tmp, counts)
    try:
        return zwnj.load_lexicon(tmp, cache=False)
    finally:
        tmp.unlink()


def _fold_boundary_model(
    data: Path,
    held: frozenset[str],
    train_ids: list[str],
    texts: dict[str, str],
    cache: Path | None = None,
    tag: str = "f0",
    seraji: bool = True,
) -> BoundaryModel:
    """The boundary model trained as ``nlp.train_zwnj`` does, on the training fold alone: its two halves,
    each read by a restorer whose lexicon saw neither it nor the held-out fold (nor Seraji dev unless
    ``seraji``)."""
    from nlp.normalize import normalize
    from nlp.train_zwnj_boundary import collect, fit

    rows: list[Example] = []
    for j in range(2):
        half = train_ids[j::2]
        restorer = _fold_restorer(data, held | frozenset(half), f"{tag}b{j}", cache, seraji=seraji)
        rows += collect(restorer, [texts[i] for i in half], normalize)
    return fit(rows)


def _texts_by_id(path: Path) -> list[tuple[str, str]]:
    out, sid = [], ""
    for line in path.open(encoding="utf-8"):
        if line.startswith("# sent_id = "):
            sid = line[12:].strip()
        elif line.startswith("# text = "):
            out.append((sid, line[9:].rstrip("\n")))
    return out


def _notes(path: Path) -> str:
    """The hand-written notes of a results file (from its first ``## `` heading on), which a new run keeps
    under the new table."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    at = old.find("\n## ")
    return "" if at < 0 else old[at:]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="ZWNJ restoration benchmark")
    parser.add_argument("--bench", type=Path, default=Path("../shared/bench/zwnj"))
    parser.add_argument("--venvs", type=Path, default=Path("/tmp"))
    parser.add_argument("--setup", action="store_true", help="create the tools' virtualenvs first")
    parser.add_argument("--only", nargs="*", help="run only systems whose label contains one of these")
    parser.add_argument("--dev-cv", type=Path, metavar="DATA", help="2-fold CV on PerDT dev instead")
    parser.add_argument(
        "--cross-seraji", type=Path, metavar="DATA", help="Seraji dev, models trained without it"
    )
    parser.add_argument(
        "--cache", type=Path, help="with --dev-cv/--cross-seraji: keep counts and n-gram models here"
    )
    args = parser.parse_args(argv)
    if args.setup:
        setup_venvs(args.venvs)
    if args.dev_cv:
        results, stem = dev_cv(args.dev_cv, args.bench, args.cache), "zwnj-devcv"
    elif args.cross_seraji:
        results = cross_seraji(args.cross_seraji, args.bench, args.venvs, args.only, args.cache)
        stem = "zwnj-cross"
    else:
        results, stem = run_bench(args.bench, args.venvs, args.only), "zwnj"
    md = table(results)
    print(md)
    if args.only or args.cache:
        return  # partial and cached runs are for looking, not for the record
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{stem}.md"
    path.write_text(
        f"# ZWNJ restoration ({TITLES[stem]})\n\n"
        f"Command: `.venv/bin/python -m benchmarks.zwnj {' '.join(argv or sys.argv[1:])}`\n\n{md}"
        + _notes(path),
        encoding="utf-8",
    )
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
