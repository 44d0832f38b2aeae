"""Peak memory of ingesting as a ratio to the peak of parsing the same texts with raw Stanza.

Peak RSS (``getrusage``) only ever grows, so each measurement runs in a fresh child process of
this script, on the same documents, with the same settings:

* baseline: peak RSS once the pipeline is loaded (interpreter, libraries, models), taken in the
  ingest child just before it ingests;
* measured: peak RSS after ``Tracker.ingest`` of the documents into a fresh SQLite database and a
  GraphML export of ``Tracker.graph()``, reusing that loaded parser;
* reference: peak RSS of the raw ``stanza.Pipeline`` over the same body texts in one call (what
  parsing alone needs), so that the share of the peak that is claimtrack's own can be told apart.

The check: measured / reference <= ``--target`` (1.5): what claimtrack adds to the memory that
parsing the same texts needs anyway (Stanza's depparse alone takes the peak to about 2.7 times the
loaded pipeline, which no change to claimtrack can lower). Exit status 1 when it fails. With
``--heap``, the ingest child then ingests again, into another fresh database, under
``tracemalloc`` (after the RSS figure is taken, so its overhead cannot touch it) and reports the
peak of the Python heap, which excludes torch's tensors.

    python bench/memory.py --docs 20
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

from _common import add_common_arguments, article_paths, current_rss_mib, peak_rss_mib, set_threads, timed

if TYPE_CHECKING:
    from claimtrack.api import Tracker

TARGET = 1.5
MIB = 1024 * 1024


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser)
    parser.add_argument("--target", type=float, default=TARGET, help=f"largest passing peak ratio (default: {TARGET})")
    parser.add_argument("--heap", action="store_true", help="also trace the Python heap of a second ingest (slower)")
    parser.add_argument("--phase", choices=("parse", "ingest"), help=argparse.SUPPRESS)  # the child processes
    return parser.parse_args(argv)


def ingest_and_export(tracker: Tracker, paths: list[Path], out: Path) -> str:
    """The measured work: ingest, then build and export the graph. Returns a one-line summary."""
    from claimtrack.graph import export_graph

    report = tracker.ingest(paths)
    graph = tracker.graph()
    export_graph(graph, out)
    return (f"{report.statuses['added']} documents added, {report.claims} claims, "
            f"graph {graph.number_of_nodes()} nodes / {graph.number_of_edges()} edges")


def child(args: argparse.Namespace) -> dict:
    """One measurement in this process; the figures go to the parent as JSON."""
    from claimtrack.api import Tracker
    from claimtrack.domain import Document
    from claimtrack.nlp import get_parser
    from claimtrack.pipeline import Analyser
    from claimtrack.readers import read_paths

    set_threads(args.threads)
    paths = article_paths(args.docs, args.polnear)
    result: dict = {"start": peak_rss_mib()}
    with timed() as load:
        parser = get_parser(args.models.resolve())
    result.update(loaded=peak_rss_mib(), load_s=load.wall)
    if args.phase == "parse":
        import stanza

        bodies = [d.text[:d.body.end] for d in read_paths(paths) if isinstance(d, Document)]
        with timed() as work:
            parser._pipeline([stanza.Document([], text=text) for text in bodies])  # the loaded stanza.Pipeline
        result.update(peak=peak_rss_mib(), work_s=work.wall, summary=f"{len(bodies)} documents")
        return result
    with tempfile.TemporaryDirectory(prefix="claimtrack-bench-") as tmp:
        tracker = Tracker(Path(tmp) / "bench.sqlite", models=args.models)
        tracker.analyser = Analyser(parser, topics=tracker.topics)
        with timed() as work:
            result["summary"] = ingest_and_export(tracker, paths, Path(tmp) / "graph.graphml")
        tracker.close()
        result.update(peak=peak_rss_mib(), now=current_rss_mib(), work_s=work.wall)
        if args.heap:
            tracemalloc.start()
            tracker = Tracker(Path(tmp) / "heap.sqlite", models=args.models)
            tracker.analyser = Analyser(parser, topics=tracker.topics)
            ingest_and_export(tracker, paths, Path(tmp) / "heap.graphml")
            tracker.close()
            result["heap"] = tracemalloc.get_traced_memory()[1] / MIB
            tracemalloc.stop()
    return result


def run_child(phase: str, argv: list[str]) -> dict:
    """Run this script with ``--phase`` in a fresh process and read its JSON line."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv, "--phase", phase], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the {phase} measurement failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.phase:
        print(json.dumps(child(args)))
        return 0
    print(f"models: {args.models}; torch threads: {args.threads or 'default'}; "
          f"{len(article_paths(args.docs, args.polnear)) - 1} extra texts + the seeds", flush=True)
    ingest = run_child("ingest", argv)
    parse = run_child("parse", argv)
    baseline, measured = ingest["loaded"], ingest["peak"]
    print(f"peak RSS before loading (Python + libraries): {ingest['start']:8.1f} MiB")
    print(f"peak RSS after loading the pipeline:          {baseline:8.1f} MiB  baseline (loaded in {ingest['load_s']:.1f} s)")
    print(f"peak RSS after ingest + GraphML export:       {measured:8.1f} MiB  {measured / baseline:.3f} x baseline  "
          f"({ingest['summary']}; {ingest['work_s']:.1f} s)")
    print(f"  RSS at the end of it:                       {ingest['now']:8.1f} MiB")
    print(f"reference: peak RSS of raw Stanza parsing:    {parse['peak']:8.1f} MiB  {parse['peak'] / parse['loaded']:.3f} x its "
          f"own load peak of {parse['loaded']:.1f} MiB ({parse['summary']} in one call; {parse['work_s']:.1f} s)")
    print(f"ingest + export peak / raw Stanza parse peak: {measured / parse['peak']:8.3f}")
    if "heap" in ingest:
        print(f"Python heap peak of a second ingest + export: {ingest['heap']:8.1f} MiB  "
              f"({ingest['heap'] / baseline:.3f} x baseline; tracemalloc: torch tensors not included)")
    ratio = measured / parse["peak"]
    verdict = "PASS" if ratio <= args.target else "FAIL"
    print(f"\npeak ratio (ingest + export) / (raw Stanza parse) = {ratio:.3f} (target <= {args.target}): {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
