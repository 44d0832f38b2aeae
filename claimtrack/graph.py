"""The speaker–claim graph, built from the database (never the other way round), as a networkx
``MultiDiGraph`` whose attributes are plain strings, numbers and booleans, ready for GraphML, GEXF,
node-link JSON or CSV (``claimtrack graph export``; schema in docs/graph.md).

Node ids are stable for a database: ``speaker:<id>``, ``claim:<id>``, ``document:<id>``,
``outlet:<name>``, ``topic:<name>``, ``entity:<name>``; two exports of the same database diff cleanly.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from .speakers import normalise
from .store.queries import ClaimRecord, aliases_and_roles, find_claims
from .store.schema import ClaimRow, ConflictRow, SpeakerRow
from .topics import TopicTable

FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".csv": "csv"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def build_graph(session: Session, speaker: str | None = None, about: str | None = None, since: dt.date | None = None,
                topics: TopicTable | None = None) -> nx.MultiDiGraph:
    """The graph of the claims matching the filters (all claims without any), with their speakers,
    documents, outlets, topics, named entities and conflicts. The outlets' own statements appear
    only where they take part in a conflict."""
    claims = find_claims(session, speaker=speaker, about=about, since=since, topics=topics)
    conflicts = session.scalars(select(ConflictRow).order_by(ConflictRow.id)).all()
    chosen = {c.id for c in claims}
    if speaker is None and about is None and since is None:
        in_conflict = {c for row in conflicts for c in (row.first_id, row.second_id)}
        narration = find_claims(session, kind="narration", claim_ids=sorted(in_conflict - chosen), topics=topics)
        claims += narration
        chosen |= {c.id for c in narration}
    graph = nx.MultiDiGraph(name="claimtrack", created_by="claimtrack")
    facts = _facts(session, sorted(chosen))
    speakers = _speakers(session, {speaker_id for speaker_id, _ in facts.values() if speaker_id} |
                         {n for _, claim_facts in facts.values() for n in _named_speakers(claim_facts)})
    for record in claims:
        _add_claim(graph, record, *facts[record.id], speakers)
    for row in conflicts:
        if row.first_id in chosen and row.second_id in chosen:
            for source, target in ((row.first_id, row.second_id), (row.second_id, row.first_id)):
                graph.add_edge(f"claim:{source}", f"claim:{target}", key=f"conflicts_with:{row.id}", type="conflicts_with",
                               kind=row.kind, reason=xml_safe(row.reason), score=float(row.score), conflict=int(row.id))
    return graph


def _facts(session: Session, claim_ids: list[int]) -> dict[int, tuple[int | None, dict]]:
    """(speaker id, facts) of each claim: what its :class:`ClaimRecord` does not carry."""
    found: dict[int, tuple[int | None, dict]] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start:start + 500]
        for claim_id, speaker_id, facts in session.execute(
                select(ClaimRow.id, ClaimRow.speaker_id, ClaimRow.facts).where(ClaimRow.id.in_(chunk))):
            found[claim_id] = (speaker_id, facts or {})
    return found


def _named_speakers(facts: dict) -> set[int]:
    return {n["speaker"] for n in facts.get("named", []) if n.get("speaker")}


def _speakers(session: Session, ids: set[int]) -> dict[int, dict]:
    chosen = sorted(ids)
    found: dict[int, dict] = {}
    for start in range(0, len(chosen), 500):
        for row in session.scalars(select(SpeakerRow).where(SpeakerRow.id.in_(chosen[start:start + 500]))):
            found[row.id] = {"name": row.name, "entity_type": row.type, "anonymous": row.anonymous}
    aliases, roles = aliases_and_roles(session, chosen)
    for speaker_id, data in found.items():
        data["aliases"] = "; ".join(sorted(set(aliases[speaker_id]) - {data["name"]}))
        data["roles"] = "; ".join(sorted(roles[speaker_id]))
    return found


def _add_claim(graph: nx.MultiDiGraph, record: ClaimRecord, speaker_id: int | None, facts: dict,
               speakers: dict[int, dict]) -> None:
    claim = f"claim:{record.id}"
    graph.add_node(claim, **_clean({
        "type": "claim", "label": _label(record.text), "text": record.text, "kind": record.kind, "category": record.category,
        "cue": record.cue, "date": record.published.isoformat() if record.published else None,
        "confidence": float(record.confidence), "negated": record.negated, "speaker_mention": record.speaker_mention,
        "content_start": record.content_spans[0][0], "content_end": record.content_spans[-1][1],
        "has_conflict": bool(record.conflicts),
    }))
    if speaker_id and speaker_id in speakers:
        node = _add_speaker(graph, speaker_id, speakers)
        said = "not_said" if record.negated else "said"  # "did not mention the plan"
        graph.add_edge(node, claim, key=said, type=said, cue=xml_safe(record.cue or ""), role=xml_safe(record.role or ""))
    document = f"document:{record.document_id}"
    graph.add_node(document, **_clean({
        "type": "document", "label": _label(record.title or record.origin), "title": record.title, "origin": record.origin,
        "url": record.url, "date": record.published.isoformat() if record.published else None,
    }))
    graph.add_edge(claim, document, key="reported_in", type="reported_in")
    if record.outlet:
        outlet = f"outlet:{normalise(record.outlet)}"
        graph.add_node(outlet, type="outlet", label=xml_safe(record.outlet), name=xml_safe(record.outlet))
        graph.add_edge(document, outlet, key="published_by", type="published_by")
    if record.reporter:
        reporter = f"outlet:{normalise(record.reporter)}"
        graph.add_node(reporter, type="outlet", label=xml_safe(record.reporter), name=xml_safe(record.reporter))
        graph.add_edge(claim, reporter, key="credited_to", type="credited_to")
    for topic in record.topics:
        graph.add_node(f"topic:{topic}", type="topic", label=topic, name=topic)
        graph.add_edge(claim, f"topic:{topic}", key="about", type="about")
    seen = {f"speaker:{speaker_id}"} if speaker_id else set()  # a claim does not mention its own speaker
    for named in facts.get("named", []):
        named_id = named.get("speaker")
        if named_id in speakers:
            target = _add_speaker(graph, named_id, speakers)
        else:
            key = normalise(named["text"])
            if not key:
                continue
            target = f"entity:{key}"
            graph.add_node(target, type="entity", label=xml_safe(named["text"]), name=xml_safe(named["text"]))
        if target not in seen:
            seen.add(target)
            graph.add_edge(claim, target, key="mentions", type="mentions", text=xml_safe(named["text"]))


def _add_speaker(graph: nx.MultiDiGraph, speaker_id: int, speakers: dict[int, dict]) -> str:
    node = f"speaker:{speaker_id}"
    if node not in graph:
        data = speakers[speaker_id]
        graph.add_node(node, **_clean({"type": "speaker", "label": data["name"], **data}))
    return node


def _label(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold."""
    return _CONTROL.sub("", value)


def _clean(attributes: dict) -> dict:
    """Attributes GraphML and GEXF can type: no None, strings XML-safe."""
    return {k: xml_safe(v) if isinstance(v, str) else v for k, v in attributes.items() if v is not None}


def graph_stats(graph: nx.MultiDiGraph) -> dict:
    """Counts by node and edge type, the most quoted speakers, the claims in most conflicts."""
    node_types = Counter(data["type"] for _, data in graph.nodes(data=True))
    edge_types = Counter(data["type"] for _, _, data in graph.edges(data=True))
    said = Counter(u for u, _, data in graph.edges(data=True) if data["type"] == "said")
    mentioned = Counter(v for _, v, data in graph.edges(data=True) if data["type"] == "mentions")
    undirected = nx.Graph(graph)
    return {
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
        "node_types": dict(sorted(node_types.items())), "edge_types": dict(sorted(edge_types.items())),
        "conflicts": edge_types.get("conflicts_with", 0) // 2,
        "components": nx.number_connected_components(undirected) if graph.number_of_nodes() else 0,
        "most_quoted": [{"speaker": graph.nodes[n]["label"], "claims": k} for n, k in said.most_common(10)],
        "most_mentioned": [{"node": graph.nodes[n]["label"], "mentions": k} for n, k in mentioned.most_common(10)],
    }


def export_graph(graph: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> list[Path]:
    """Write ``graph`` as GraphML, GEXF, node-link JSON, or two CSV files (``NAME.nodes.csv``,
    ``NAME.edges.csv``); the format comes from ``fmt`` or the file's suffix. Returns the files."""
    path = Path(path)
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path}: use one of {', '.join(FORMATS)} or --format")
    if fmt == "graphml":
        nx.write_graphml_lxml(graph, path, named_key_ids=True, edge_id_from_attribute=None)
        return [path]
    if fmt == "gexf":
        nx.write_gexf(graph, path)
        return [path]
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return [path]
    if fmt == "csv":
        stem = path.with_suffix("")
        nodes, edges = stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")
        _write_csv(nodes, ["id"], ({"id": n, **data} for n, data in graph.nodes(data=True)))
        _write_csv(edges, ["source", "target", "key"], ({"source": u, "target": v, "key": k, **data}
                                                        for u, v, k, data in graph.edges(keys=True, data=True)))
        return [nodes, edges]
    raise ValueError(f"unknown graph format {fmt!r}")


def _write_csv(path: Path, first: list[str], rows: Iterable[dict]) -> None:
    rows = list(rows)
    columns = first + sorted({k for row in rows for k in row} - set(first))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
