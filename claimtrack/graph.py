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
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from .speakers import normalise
from .store.conflict_store import speaker_names
from .store.queries import ClaimRecord, find_claims
from .store.schema import AliasRow, ClaimRow, ConflictRow, RoleRow, SpeakerRow
from .topics import TopicTable

FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".csv": "csv"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def build_graph(session: Session, speaker: str | None = None, about: str | None = None, since: dt.date | None = None,
                topics: TopicTable | None = None) -> nx.MultiDiGraph:
    """The graph of the claims matching the filters (all claims without any), with their speakers,
    documents, outlets, topics, named entities and conflicts. The outlets' own statements appear
    only where they take part in a conflict."""
    claims = find_claims(session, speaker=speaker, about=about, since=since, topics=topics)
    in_conflict = {c for row in session.execute(select(ConflictRow.first_id, ConflictRow.second_id)) for c in row}
    chosen = {c.id for c in claims}
    if speaker is None and about is None and since is None:
        narration = find_claims(session, kind="narration", claim_ids=sorted(in_conflict - chosen), topics=topics)
        claims += narration
        chosen |= {c.id for c in narration}
    graph = nx.MultiDiGraph(name="claimtrack", created_by="claimtrack")
    facts = _facts(session, sorted(chosen))
    names = speaker_names(session)
    speakers = _speakers(session, {c.speaker_id for c in facts.values() if c.speaker_id} |
                         {n for c in facts.values() for n in _named_speakers(c)})
    for record in claims:
        _add_claim(graph, record, facts[record.id], speakers, names)
    for row in session.scalars(select(ConflictRow).order_by(ConflictRow.id)):
        if row.first_id in chosen and row.second_id in chosen:
            for source, target in ((row.first_id, row.second_id), (row.second_id, row.first_id)):
                graph.add_edge(f"claim:{source}", f"claim:{target}", key=f"conflicts_with:{row.id}", type="conflicts_with",
                               kind=row.kind, reason=xml_safe(row.reason), score=float(row.score), conflict=int(row.id))
    return graph


def _facts(session: Session, claim_ids: list[int]) -> dict[int, ClaimRow]:
    rows: dict[int, ClaimRow] = {}
    for start in range(0, len(claim_ids), 500):
        for row in session.scalars(select(ClaimRow).where(ClaimRow.id.in_(claim_ids[start:start + 500]))):
            rows[row.id] = row
    return rows


def _named_speakers(claim: ClaimRow) -> set[int]:
    return {n["speaker"] for n in (claim.facts or {}).get("named", []) if n.get("speaker")}


def _speakers(session: Session, ids: set[int]) -> dict[int, dict]:
    found: dict[int, dict] = {}
    aliases: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[str]] = defaultdict(list)
    chosen = sorted(ids)
    for start in range(0, len(chosen), 500):
        chunk = chosen[start:start + 500]
        for row in session.scalars(select(SpeakerRow).where(SpeakerRow.id.in_(chunk))):
            found[row.id] = {"name": row.name, "entity_type": row.type, "anonymous": row.anonymous}
        for speaker_id, alias in session.execute(select(AliasRow.speaker_id, AliasRow.alias).where(AliasRow.speaker_id.in_(chunk))):
            aliases[speaker_id].append(alias)
        for speaker_id, role in session.execute(select(RoleRow.speaker_id, RoleRow.role).where(RoleRow.speaker_id.in_(chunk))):
            roles[speaker_id].append(role)
    for speaker_id, data in found.items():
        data["aliases"] = "; ".join(sorted(set(aliases[speaker_id]) - {data["name"]}))
        data["roles"] = "; ".join(sorted(roles[speaker_id]))
    return found


def _add_claim(graph: nx.MultiDiGraph, record: ClaimRecord, row: ClaimRow, speakers: dict[int, dict], names: dict[int, str]) -> None:
    claim = f"claim:{record.id}"
    graph.add_node(claim, **_clean({
        "type": "claim", "label": _label(record.text), "text": record.text, "kind": record.kind, "category": record.category,
        "cue": record.cue, "date": record.published.isoformat() if record.published else None,
        "confidence": float(record.confidence), "speaker_mention": record.speaker_mention,
        "content_start": record.content_spans[0][0], "content_end": record.content_spans[-1][1],
        "has_conflict": bool(record.conflicts),
    }))
    if row.speaker_id and row.speaker_id in speakers:
        node = _add_speaker(graph, row.speaker_id, speakers)
        graph.add_edge(node, claim, key="said", type="said", cue=xml_safe(record.cue or ""), role=xml_safe(record.role or ""))
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
    seen = set()
    for named in (row.facts or {}).get("named", []):
        speaker_id = named.get("speaker")
        if speaker_id in speakers:
            target = _add_speaker(graph, speaker_id, speakers)
        else:
            key = normalise(named["text"])
            if not key:
                continue
            target = f"entity:{key}"
            graph.add_node(target, type="entity", label=xml_safe(named["text"]), name=xml_safe(named["text"]))
        if target not in seen and target != (f"speaker:{row.speaker_id}" if row.speaker_id else None):
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
