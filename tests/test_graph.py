"""The speaker–claim graph of the seeds: exports that load back with networkx and with igraph,
typed attributes, stable ids."""

from __future__ import annotations

import json

import igraph
import networkx as nx
import pytest
from click.testing import CliRunner

from claimtrack.cli import main
from claimtrack.graph import export_graph, graph_stats, xml_safe

NODE_TYPES = {"speaker", "claim", "document", "outlet", "topic", "entity"}
EDGE_TYPES = {"said", "not_said", "reported_in", "published_by", "about", "mentions", "conflicts_with", "credited_to"}


@pytest.fixture(scope="module")
def graph(seed_tracker) -> nx.MultiDiGraph:
    return seed_tracker.graph()


def test_graph_has_every_node_and_edge_type(graph):
    assert {d["type"] for _, d in graph.nodes(data=True)} == NODE_TYPES
    assert {d["type"] for _, _, d in graph.edges(data=True)} == EDGE_TYPES
    putin = next(n for n, d in graph.nodes(data=True) if d.get("label") == "Vladimir Putin")
    said = [v for _, v, d in graph.out_edges(putin, data=True) if d["type"] == "said"]
    assert any("we certainly support it" in graph.nodes[c]["text"] for c in said)
    assert any(graph.nodes[c]["has_conflict"] for c in said)


def test_graphml_round_trip_with_networkx_and_igraph(graph, tmp_path):
    path = tmp_path / "seeds.graphml"
    export_graph(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    for node, data in graph.nodes(data=True):
        assert back.nodes[node] == data  # same attributes with the same types
    claim = next(d for _, d in back.nodes(data=True) if d["type"] == "claim")
    assert isinstance(claim["confidence"], float) and isinstance(claim["has_conflict"], bool)
    assert isinstance(claim["content_start"], int)
    conflict = next(d for _, _, d in back.edges(data=True) if d["type"] == "conflicts_with")
    assert isinstance(conflict["score"], float) and conflict["kind"] in ("contradiction", "polarity", "stance", "numeric")

    other = igraph.Graph.Read_GraphML(str(path))
    assert (other.vcount(), other.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert set(other.vs["type"]) == NODE_TYPES and set(other.es["type"]) == EDGE_TYPES
    assert {type(x) for x in other.vs.select(type_eq="claim")["confidence"]} == {float}


def test_two_exports_are_identical_and_other_formats_load(seed_tracker, graph, tmp_path):
    first, second = tmp_path / "a.graphml", tmp_path / "b.graphml"
    export_graph(graph, first)
    export_graph(seed_tracker.graph(), second)
    assert first.read_bytes() == second.read_bytes()
    export_graph(graph, tmp_path / "g.gexf")
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == graph.number_of_nodes()
    export_graph(graph, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    nodes, edges = export_graph(graph, tmp_path / "g.csv")
    assert len(nodes.read_text(encoding="utf-8").splitlines()) > graph.number_of_nodes()  # rows may wrap quoted text
    assert edges.read_text(encoding="utf-8").startswith("source,target,key,")


def test_filters_and_stats(seed_tracker, graph):
    putin = seed_tracker.graph(speaker="Putin", about="ceasefire")
    claims = [d for _, d in putin.nodes(data=True) if d["type"] == "claim"]
    assert claims and len(claims) < sum(1 for _, d in graph.nodes(data=True) if d["type"] == "claim")
    stats = graph_stats(graph)
    assert stats["conflicts"] == len(seed_tracker.conflicts())
    assert stats["most_quoted"][0]["claims"] >= 8


def test_xml_unsafe_text_is_cleaned(tmp_path):
    assert xml_safe("a\x00b\x0bc\x1fd\ufffe") == "abcd"
    graph = nx.MultiDiGraph()
    graph.add_node("claim:1", type="claim", text=xml_safe("bell\x07 inside"))
    export_graph(graph, tmp_path / "x.graphml")
    assert nx.read_graphml(tmp_path / "x.graphml").nodes["claim:1"]["text"] == "bell inside"


def test_cli_export_and_conflicts(seed_tracker, tmp_path):
    db = str(seed_tracker.database.url)
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "graph", "export", str(tmp_path / "out.graphml"), "--speaker", "Zelensky"])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(tmp_path / "out.graphml").number_of_nodes() > 0
    result = runner.invoke(main, ["--db", db, "conflicts", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and {"first", "second", "reason", "score", "kind"} <= set(rows[0])
    result = runner.invoke(main, ["--db", db, "graph", "export", str(tmp_path / "out.xyz")])
    assert result.exit_code != 0 and "format" in result.output
