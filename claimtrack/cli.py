"""The ``claimtrack`` command: a thin click layer over :mod:`claimtrack.api`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from . import api
from .domain import Claim, Document, EntityType
from .ingest import FileResult, IngestReport
from .nlp import MODELS_ENV, ModelsMissing, download_models, missing_models, resolve_models_dir
from .output import FORMATS, render
from .readers import DEFAULT_MAX_BYTES, Metadata, Skipped
from .store.database import DB_ENV, DEFAULT_DB, SchemaError, UnusableDatabase, database_url, sqlite_file
from .topics import TOPICS_ENV

KINDS = ("direct", "partial", "indirect", "mixed", "narration")


@dataclass
class Settings:
    db: str | None
    models: str | None
    aliases: str | None
    topics: str | None

    def tracker(self, existing: bool = False) -> api.Tracker:
        """The tracker over ``--db``; with ``existing`` (for queries), a SQLite file that does not
        exist is an error instead of a new empty database: a mistyped path would answer "nothing found"."""
        path = sqlite_file(database_url(self.db)) if existing else None
        if path is not None and not path.exists():
            raise click.ClickException(f"no database at {path}: check --db (or ${DB_ENV}), "
                                       "or store articles there first with `claimtrack ingest`")
        try:
            return api.Tracker(self.db, self.models, self.aliases, self.topics)
        except (SchemaError, UnusableDatabase, ValueError, OSError) as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar=DB_ENV, metavar="PATH|URL",
              help=f"SQLite file or SQLAlchemy URL (postgresql://…). [env {DB_ENV}; default {DEFAULT_DB}]")
@click.option("--models", envvar=MODELS_ENV, metavar="DIR",
              help=f"Stanza resources dir. [env {MODELS_ENV}; default: Stanza's own resources dir]")
@click.option("--aliases", envvar=api.ALIASES_ENV, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help=f"TOML file that merges or splits speakers. [env {api.ALIASES_ENV}]")
@click.option("--topics", envvar=TOPICS_ENV, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help=f"TOML file that adds or redefines topics. [env {TOPICS_ENV}]")
@click.version_option(package_name="claimtrack")
@click.pass_context
def main(ctx: click.Context, db: str | None, models: str | None, aliases: str | None, topics: str | None) -> None:
    """Track who said what in the news: quotes and reported claims, their speakers and sources.

    \b
      claimtrack ingest fixtures/articles/
      claimtrack claims --speaker Zelensky --about ceasefire
      claimtrack speakers
    """
    ctx.obj = Settings(db, models, aliases, topics)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", "outlet", metavar="OUTLET", help="Outlet of plain-text articles.")
@click.option("--date", "published", type=click.DateTime(["%Y-%m-%d"]), help="Publication date of plain-text articles.")
@click.option("--url", help="URL of a plain-text article.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip files larger than this.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], outlet: str | None, published: dt.datetime | None,
           url: str | None, max_bytes: int, quiet: bool) -> None:
    """Read articles (.txt, .jsonl, .html, directories) and store their claims.

    Articles already stored with the same text are skipped; an article whose text changed replaces
    its old claims. Each article is stored in its own transaction: an interruption loses nothing.
    A metadata.csv (file,outlet,url,published,title) in a directory gives its articles' metadata.
    Exit status: 0 when every input was read, 2 when some were skipped or failed, 130 when interrupted.
    """
    tracker = settings.tracker()
    metadata = Metadata(outlet, published.date() if published else None, url)
    report = _run_ingest(tracker, paths, metadata, max_bytes, quiet)
    _print_report(report)
    if report.interrupted:
        sys.exit(130)
    if report.problems:
        sys.exit(2)


def _run_ingest(tracker: api.Tracker, paths, metadata: Metadata, max_bytes: int, quiet: bool) -> IngestReport:
    from tqdm import tqdm

    from .readers import read_paths

    items = list(read_paths(paths, metadata, max_bytes))
    with tqdm(total=len(items), unit="doc", disable=quiet, file=sys.stderr, dynamic_ncols=True) as bar:
        def progress(result: FileResult) -> None:
            bar.update(1)
            bar.set_postfix_str(f"{Path(result.origin).name[:30]}: {result.status}", refresh=False)

        try:
            return _guarded(lambda: tracker.ingest_documents(items, progress))
        finally:
            bar.close()


def _print_report(report: IngestReport) -> None:
    statuses = report.statuses
    documents = ", ".join(f"{statuses[s]} {s}" for s in ("added", "replaced", "unchanged", "duplicate") if statuses[s])
    click.echo(f"Documents: {documents or 'none'}")
    click.echo(f"Claims stored: {report.claims} ({report.quotes} with quotations); "
               f"speakers in the database: {report.speakers}")
    for result in report.results:
        if result.status in ("added", "replaced"):
            click.echo(f"  {result.status:9} {result.origin}: {result.claims} claims, {result.quotes} quoted")
    for result in report.problems:
        click.echo(f"  {result.status:9} {result.origin}: {result.detail}", err=True)
    if report.interrupted:
        click.echo(f"Interrupted: {report.not_reached} documents not processed; run the same command again to "
                   "continue (stored articles are skipped).", err=True)


@main.command()
@click.option("--speaker", help="Any name or alias, case-insensitive.")
@click.option("--about", help="A topic (ceasefire, sanctions, …) or any words.")
@click.option("--source", help="Outlet of the article or outlet credited with the claim.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Articles published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Articles published on or before.")
@click.option("--kind", type=click.Choice(KINDS),
              help="Direct quote, partial quote, indirect, mixed; or narration (the outlets' own statements).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--asserted-only", is_flag=True,
              help="Leave out what speakers are reported not to have said (\"did not mention …\", shown as \"(not said)\").")
@click.option("--limit", type=click.IntRange(1))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_obj
def claims(settings: Settings, speaker, about, source, since, until, kind, min_confidence, asserted_only, limit, fmt) -> None:
    """Stored claims, filtered: "what did X say about Y". A ⚠ marks claims in conflict with others
    (see `claimtrack conflicts`)."""
    tracker = settings.tracker(existing=True)
    records = tracker.claims(speaker=speaker, about=about, source=source, since=since.date() if since else None,
                             until=until.date() if until else None, kind=kind, min_confidence=min_confidence,
                             asserted_only=asserted_only, limit=limit)
    click.echo(render([r.as_dict() for r in records], fmt, _claim_row, {"claim": 70, "sentence": 50, "speaker": 24, "source": 24}))


def _cue(cue: str | None, negated: bool) -> str:
    """The cue as a table shows it; a negated one says so ("did not mention (not said)")."""
    return f"{cue} (not said)" if negated else cue or ""


def _claim_row(record: dict) -> dict:
    speaker = record["speaker"] or (f"({record['reporter']})" if record["reporter"] else "?")
    if record["speaker_mention"] and record["speaker_mention"] != record["speaker"]:
        speaker += f"\n“{record['speaker_mention']}”"
    source = " ".join(str(x) for x in (record["outlet"], record["published"]) if x)
    spans = record["content_spans"]
    return {
        "id": record["id"],
        "speaker": speaker,
        "kind": record["kind"],
        "claim": record["text"],
        "cue": _cue(record["cue"], record["negated"]),
        "source": f"{source}\n{Path(record['origin']).name} [{spans[0][0]}:{spans[-1][1]}]",
        "conf": f"{record['confidence']:.2f}",
        "⚠": "\n".join(f"#{c}" for c in record["conflicts"]),
    }


@main.command()
@click.option("--speaker", help="Conflicts where either claim is this speaker's.")
@click.option("--about", help="Conflicts where either claim is about this topic or these words.")
@click.option("--kind", type=click.Choice(("contradiction", "polarity", "stance", "numeric")))
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Stronger evidence only (detection keeps pairs from the min_score of conflicts.toml).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_obj
def conflicts(settings: Settings, speaker, about, kind, min_score, fmt) -> None:
    """Pairs of claims that cannot both be right, side by side, with sources and the reason."""
    records = settings.tracker(existing=True).conflicts(speaker=speaker, about=about, kind=kind, min_score=min_score)
    click.echo(render([r.as_dict() for r in records], fmt, _conflict_row, {"first": 48, "second": 48, "reason": 40}))


def _conflict_row(record: dict) -> dict:
    def side(claim: dict) -> str:
        who = claim["speaker"] or claim["reporter"] or f"{claim['outlet'] or '?'} (own report)"
        where = " ".join(str(x) for x in (claim["outlet"], claim["published"]) if x)
        return f"#{claim['id']} {who}: “{claim['text']}”\n— {where}"

    return {"id": record["id"], "kind": record["kind"], "score": f"{record['score']:.2f}", "first": side(record["first"]),
            "second": side(record["second"]), "reason": record["reason"]}


@main.command()
@click.argument("name", required=False)
@click.option("--all", "include_anonymous", is_flag=True, help="Also unnamed sources (\"a Polish border official\").")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_obj
def speakers(settings: Settings, name: str | None, include_anonymous: bool, fmt: str) -> None:
    """Speakers with their claim counts, aliases and roles."""
    records = settings.tracker(existing=True).speakers(name, include_anonymous)
    click.echo(render([r.as_dict() for r in records], fmt, _speaker_row, {"aliases": 40, "roles": 40}))


def _speaker_row(record: dict) -> dict:
    return {
        "id": record["id"], "name": record["name"], "type": record["type"], "claims": record["claims"],
        "docs": record["documents"], "aliases": ", ".join(record["aliases"]), "roles": "; ".join(record["roles"]),
    }


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("jsonl", "json", "table")), default="jsonl", show_default=True)
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True)
@click.pass_obj
def extract(settings: Settings, paths: tuple[Path, ...], fmt: str, max_bytes: int) -> None:
    """Print the attributions of files, without a database.

    One JSON object per attribution: path, speaker, speaker_span, cue_span, content_spans, kind,
    confidence (and more). Offsets are character offsets into the file's text as decoded (UTF-8).
    """
    rows = []
    problems = 0
    for item, found in _guarded(lambda: list(api.extract(paths, settings.models, settings.aliases, max_bytes=max_bytes))):
        if isinstance(item, Skipped):
            click.echo(f"skipped {item.origin}: {item.reason}", err=True)
            problems += 1
            continue
        for claim in found:
            row = claim_json(item, claim)
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                rows.append(row)
    if fmt != "jsonl":
        click.echo(render(rows, fmt, lambda r: {"speaker": r["speaker"] or r["reporter"] or "?", "kind": r["kind"],
                                                 "cue": _cue(r["cue"], r["negated"]), "claim": r["text"], "conf": r["confidence"]},
                          {"claim": 80}))
    if problems:
        sys.exit(2)


def claim_json(document: Document, claim: Claim) -> dict:
    """The extraction contract: one attribution as a JSON object."""
    source = claim.source
    return {
        "path": document.origin.split("#", 1)[0],
        "origin": document.origin,
        "speaker": claim.speaker.name if claim.speaker else None,
        "speaker_type": claim.speaker.type.value if claim.speaker else (EntityType.OUTLET.value if claim.reporter else None),
        "speaker_span": source.span.as_list() if source else None,
        "speaker_mention": source.text if source else None,
        "reporter": claim.reporter.name if claim.reporter else None,
        "cue_span": claim.cue_span.as_list() if claim.cue_span else None,
        "cue": claim.cue,
        "content_spans": [s.as_list() for s in claim.content_spans],
        "text": claim.text,
        "kind": claim.kind.value,
        "category": claim.category,
        "negated": claim.negated,
        "confidence": claim.confidence,
    }


@main.group()
def models() -> None:
    """The Stanza models claimtrack parses with."""


@models.command("download")
@click.pass_obj
def models_download(settings: Settings) -> None:
    """Download Stanza's official English models (needs internet; shows progress)."""
    target = resolve_models_dir(settings.models)
    click.echo(f"Downloading Stanza English models into {target} …")
    try:
        download_models(target)
    except Exception as exc:  # network errors come in many types
        raise click.ClickException(f"download failed: {exc}. Without internet, point --models or "
                                   f"${MODELS_ENV} at a Stanza resources dir.") from exc
    click.echo("Done.")


@models.command("check")
@click.pass_obj
def models_check(settings: Settings) -> None:
    """Say whether the models dir has everything the pipeline needs, and where the role tagger's
    contextual encoder (a Python package, not part of the models dir) is."""
    from .extract.context import ENCODER, packaged_encoder_dir

    target = resolve_models_dir(settings.models)
    missing = missing_models(target)
    if missing:
        raise click.ClickException(f"incomplete models in {target}; missing:\n  " + "\n  ".join(missing))
    click.echo(f"{target}: complete")
    try:
        click.echo(f"contextual encoder {ENCODER}: {packaged_encoder_dir()}")
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.option("--errors", type=click.IntRange(0), default=0, metavar="N",
              help="Also show the N most missed gold cues and the N most frequent false alarms, with examples.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N texts.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where parses are kept between runs [default: ~/.cache/claimtrack/parses].")
@click.option("--no-cache", is_flag=True, help="Parse everything again.")
@click.option("--weights", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Scorer weights to evaluate (from `claimtrack train`) instead of the packaged ones.")
@click.option("--rules-only", is_flag=True, help="Score with the hand-set rule priors instead of learned weights.")
@click.pass_obj
def evaluate_command(settings: Settings, gold_dir: Path, fmt: str, errors: int, limit: int | None,
                     cache: Path | None, no_cache: bool, weights: Path | None, rules_only: bool) -> None:
    """Score extraction against BRAT gold in PolNeAR's layout (text/, attributions/).

    Precision, recall and F1 of contents (overlap of half the shorter span, and strict Jaccard ≥ 0.8),
    of cues, and the accuracy of sources on matched contents; also by quoted vs reported contents.
    """
    from tqdm import tqdm

    from .evaluation import evaluate
    from .evaluation.cache import CachedParser, default_cache_dir
    from .extract.attribution import Extractor
    from .extract.scorer import HeuristicScorer, LearnedScorer
    from .nlp import get_parser
    from .pipeline import Analyser

    if rules_only and weights:
        raise click.UsageError("--rules-only and --weights exclude each other")
    parser = _guarded(lambda: get_parser(resolve_models_dir(settings.models)))
    if not no_cache:
        parser = CachedParser(parser, cache or default_cache_dir())
    scorer = HeuristicScorer() if rules_only else LearnedScorer.load(weights) if weights else None
    extractor = Extractor(scorer=scorer)
    try:
        with tqdm(unit="text", file=sys.stderr, disable=fmt == "json") as bar:
            result = evaluate(gold_dir, Analyser(parser, extractor), limit=limit, progress=bar.update,
                              examples=max(errors and 2, 0))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        data = result.as_dict()
        if errors:
            data["missed"] = result.missed.most_common(errors)
            data["false_alarms"] = result.false_alarms.most_common(errors)
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(evaluation_table(result, gold_dir))
    if errors:
        click.echo(error_report(result, errors))


def evaluation_table(result, gold_dir: Path) -> str:
    from tabulate import tabulate

    s = result.scores
    rows = [
        ["content (overlap ≥ ½ shorter)", s.content], ["content (strict: Jaccard ≥ 0.8)", s.content_strict],
        ["cue (overlap ≥ ½ shorter)", s.cue], ["  quoted contents", s.quoted], ["  reported contents", s.reported],
    ]
    table = tabulate(
        [[name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", f"{c.tp:.0f} / {c.fp:.0f} / {c.fn:.0f}"] for name, c in rows]
        + [["source, given a matched content", "", "", f"{s.source.value:.3f}", f"{s.source.correct:.0f} of {s.source.total:.0f}"]],
        headers=["", "precision", "recall", "F1", "tp / fp / fn"], tablefmt="simple", disable_numparse=True,
    )
    return f"{gold_dir}: {result.texts} texts, {result.annotations} annotations\n\n{table}"


def error_report(result, errors: int) -> str:
    lines = ["", f"Most missed gold cues (of {result.scores.content.fn:.0f} missed contents):"]
    for label, weight in result.missed.most_common(errors):
        lines.append(f"  {weight:6.1f}  {label}")
        for example in result.missed_examples[label][:1]:
            lines.append(f"          {example.document}: {example.content!r}\n          in: {example.context!r}")
    lines.append(f"\nMost frequent false alarms, by our cue (of {result.scores.content.fp:.0f}):")
    for label, count in result.false_alarms.most_common(errors):
        lines.append(f"  {count:6d}  {label}")
        for example in result.false_examples[label][:1]:
            lines.append(f"          {example.document}: {example.content!r}\n          in: {example.context!r}")
    return "\n".join(lines)


@main.command("train")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the weights (the packaged model is claimtrack/data/attribution_model.json); "
                   "the role tagger goes beside it, as NAME.roles.pt.")
@click.option("--vectors", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Word vectors for the role tagger, a Stanza pretrain file [default: the models dir's en/pretrain/*.pt].")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where parses are kept between runs [default: ~/.cache/claimtrack/parses].")
@click.pass_obj
def train_command(settings: Settings, gold_dir: Path, out: Path, vectors: Path | None, cache: Path | None) -> None:
    """Learn the attribution scorer and its role tagger from BRAT gold (PolNeAR train); needs the [train] extra."""
    from tqdm import tqdm

    from .evaluation.cache import CachedParser, default_cache_dir
    from .extract.attribution import Extractor
    from .extract.roles import NETWORKS
    from .extract.scorer import HeuristicScorer
    from .nlp import get_parser
    from .pipeline import Analyser
    from .training import FOLDS, TAGGER_EPOCHS, default_vectors, train

    models_dir = resolve_models_dir(settings.models)
    try:
        vectors = vectors or default_vectors(models_dir)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    parser = CachedParser(_guarded(lambda: get_parser(models_dir)), cache or default_cache_dir())
    with tqdm(unit="text", file=sys.stderr) as texts, \
            tqdm(desc="role tagger", unit="epoch", total=(FOLDS + 1) * NETWORKS * TAGGER_EPOCHS, file=sys.stderr) as epochs:
        model = train(gold_dir, Analyser(parser, Extractor(scorer=HeuristicScorer())), vectors,
                      progress=texts.update, tagger_progress=epochs.update)
    model.save(out)
    click.echo(f"{out}: {len(model.weights)} weights, threshold {model.threshold}, "
               f"{len(model.cue_lemmas)} learned cue lemmas; {model.about}")


@main.group()
def graph() -> None:
    """The speaker–claim graph: export it for Gephi, networkx or igraph, or summarise it."""


def _graph_filters(function):
    for option in reversed((
        click.option("--speaker", help="Only this speaker's claims (and what they connect to)."),
        click.option("--about", help="Only claims about this topic or these words."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only articles published on or after."),
    )):
        function = option(function)
    return function


@graph.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("graphml", "gexf", "json", "csv")),
              help="Default: from OUT's suffix (.graphml, .gexf, .json, .csv → NAME.nodes.csv + NAME.edges.csv).")
@_graph_filters
@click.pass_obj
def graph_export(settings: Settings, out: Path, fmt: str | None, speaker, about, since) -> None:
    """Write the graph to OUT (schema: docs/graph.md)."""
    from .graph import export_graph

    built = settings.tracker(existing=True).graph(speaker, about, since.date() if since else None)
    try:
        files = export_graph(built, out, fmt)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{', '.join(map(str, files))}: {built.number_of_nodes()} nodes, {built.number_of_edges()} edges")


@graph.command("stats")
@_graph_filters
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_obj
def graph_stats_command(settings: Settings, speaker, about, since, fmt: str) -> None:
    """Node and edge counts by type, the most quoted and most mentioned, conflicts."""
    from .graph import graph_stats

    stats = graph_stats(settings.tracker(existing=True).graph(speaker, about, since.date() if since else None))
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"{stats['nodes']} nodes, {stats['edges']} edges, {stats['conflicts']} conflicts, "
               f"{stats['components']} connected components")
    click.echo("nodes: " + ", ".join(f"{k} {v}" for k, v in stats["node_types"].items()))
    click.echo("edges: " + ", ".join(f"{k} {v}" for k, v in stats["edge_types"].items()))
    click.echo("most quoted: " + ", ".join(f"{x['speaker']} ({x['claims']})" for x in stats["most_quoted"]))
    click.echo("most mentioned: " + ", ".join(f"{x['node']} ({x['mentions']})" for x in stats["most_mentioned"]))


@main.group()
def topics() -> None:
    """The topics --about understands (built in, plus --topics FILE)."""


@topics.command("list")
@click.pass_obj
def topics_list(settings: Settings) -> None:
    """Each topic with its terms."""
    from .topics import TopicTable

    for name, topic in TopicTable.load(settings.topics).topics.items():
        click.echo(f"{name}: {', '.join(topic.terms)}")


@topics.command("retag")
@click.pass_obj
def topics_retag(settings: Settings) -> None:
    """Recompute stored topic tags after the topic table changed (no parsing needed)."""
    click.echo(f"{settings.tracker(existing=True).retag()} topic tags written.")


@main.command()
@click.option("--articles", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Articles to ingest [default: the seed fixtures of the source tree].")
@click.pass_obj
def demo(settings: Settings, articles: Path | None) -> None:
    """Ingest the seed articles and answer a few questions about them."""
    articles = articles or api.fixtures_dir()
    if not articles.is_dir():
        raise click.ClickException(f"no articles at {articles}; pass --articles DIR")
    settings.db = settings.db or "claimtrack-demo.sqlite"
    tracker = settings.tracker()
    click.echo(f"Ingesting {articles} into {tracker.database.url} …")
    _print_report(_run_ingest(tracker, [articles], Metadata(), DEFAULT_MAX_BYTES, quiet=False))
    click.echo("\nMost quoted speakers:")
    click.echo(render([r.as_dict() for r in tracker.speakers()[:8]], "table", _speaker_row, {"aliases": 40, "roles": 40}))
    for speaker, about in (("Zelensky", "ceasefire"), ("Putin", "ceasefire"), ("Peskov", None)):
        question = f"What did {speaker} say" + (f" about the {about}?" if about else "?")
        click.echo(f"\n{question}   (claimtrack claims --speaker {speaker}" + (f" --about {about})" if about else ")"))
        records = tracker.claims(speaker=speaker, about=about)
        click.echo(render([r.as_dict() for r in records], "table", _claim_row, {"claim": 70, "speaker": 24, "source": 24}))
    click.echo("\nConflicting statements   (claimtrack conflicts)")
    click.echo(render([r.as_dict() for r in tracker.conflicts()[:6]], "table", _conflict_row,
                      {"first": 48, "second": 48, "reason": 40}))


def _guarded(action):
    """Run ``action``, turning a missing-models error into a clear message."""
    try:
        return action()
    except ModelsMissing as exc:
        raise click.ClickException(str(exc)) from exc
