"""Shared helpers of the benchmarks: where the models and articles are, and a timer.

The benchmarks report ratios against a baseline measured in the same run, never absolute
figures: the machine is shared, so seconds and megabytes vary from run to run, but the share of
the work that is claimtrack's own stays put.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "fixtures" / "articles"
POLNEAR = REPO.parent / "shared" / "polnear" / "dev" / "text"  # read only: never copied into the repo
MODELS_ENV = "CLAIMTRACK_MODELS"

if str(REPO) not in sys.path:  # run as `python bench/x.py` from anywhere, installed or not
    sys.path.insert(0, str(REPO))


def default_models() -> Path:
    """``$CLAIMTRACK_MODELS``, else ``../shared/stanza`` next to the repository."""
    chosen = os.environ.get(MODELS_ENV)
    return Path(chosen).expanduser() if chosen else REPO.parent / "shared" / "stanza"


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every benchmark takes: models, corpus and how many extra documents."""
    parser.add_argument("--models", type=Path, default=default_models(),
                        help="Stanza resources dir (default: $CLAIMTRACK_MODELS, else ../shared/stanza)")
    parser.add_argument("--docs", type=int, default=20,
                        help="how many PolNeAR dev texts to add to the 5 seed articles (default: 20)")
    parser.add_argument("--polnear", type=Path, default=POLNEAR,
                        help="directory of extra .txt articles, read in place (default: ../shared/polnear/dev/text)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads; 0 keeps torch's default (default: 1, see README: steadier on a shared machine)")


def set_threads(threads: int) -> int:
    """Fix torch's intra-op threads before Stanza loads; returns the number in use. With every core
    taken by torch, one busy neighbour process stalls its threads at each barrier and times swing
    tenfold; one thread is slowed only in proportion to the load."""
    import torch

    if threads > 0:
        torch.set_num_threads(threads)
    return torch.get_num_threads()


def article_paths(extra: int, polnear: Path = POLNEAR) -> list[Path]:
    """The seed directory (with its metadata.csv) plus ``extra`` texts spread evenly over the sorted
    PolNeAR files, so that every outlet is represented and the choice is the same on every run."""
    paths = [SEEDS]
    if extra <= 0:
        return paths
    files = sorted(polnear.glob("*.txt")) if polnear.is_dir() else []
    if len(files) < extra:
        print(f"warning: {polnear} has {len(files)} .txt files, {extra} asked for", file=sys.stderr)
    if files:
        paths += [files[i * len(files) // min(extra, len(files))] for i in range(min(extra, len(files)))]
    return paths


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports ``ru_maxrss`` in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    """Resident set size now (``VmRSS``), or 0 where /proc is not available."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Timing:
    """Wall-clock and CPU seconds (CPU summed over this process's threads) of one timed block."""

    wall: float = 0.0
    cpu: float = 0.0


@contextmanager
def timed() -> Iterator[Timing]:
    """``with timed() as t: ...`` fills ``t`` when the block ends."""
    result = Timing()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield result
    finally:
        result.wall = time.perf_counter() - wall
        result.cpu = time.process_time() - cpu
