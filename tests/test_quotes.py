"""Quotations from characters alone: shapes, apostrophes, nesting, paragraphs, unbalanced marks."""

from claimtrack.extract.quotes import QuoteIndex, find_quotes


def parts(text: str):
    return [[p.of(text) for p in q.parts] for q in find_quotes(text)]


def test_curly_straight_and_guillemets():
    text = 'He said “yes”, she said "no" and they said «peut-être».'
    assert parts(text) == [["yes"], ["no"], ["peut-être"]]


def test_apostrophes_are_not_quotes():
    text = "Russia’s envoy said ‘we don’t know’ about the officials’ plan."
    assert parts(text) == [["we don’t know"]]


def test_nested_quotes_stay_inside():
    text = "He called it a “real ‘mess’ with Russia”."
    [quote] = find_quotes(text)
    assert [p.of(text) for p in quote.parts] == ["real ‘mess’ with Russia"]
    assert [n.of(text) for n in quote.nested] == ["mess"]


def test_mismatched_shapes_pair_by_position():
    text = "What Russia called a “ceasefire“—a declaration."
    assert parts(text) == [["ceasefire"]]


def test_multi_paragraph_quote_continues():
    text = "He said: “First paragraph of the quote.\n“Second paragraph, closed.”\nAfter."
    [quote] = find_quotes(text)
    assert [p.of(text) for p in quote.parts] == ["First paragraph of the quote.", "Second paragraph, closed."]
    assert quote.closed


def test_unbalanced_quote_ends_with_its_paragraph():
    text = "He said: “We agree with the proposal\nNext paragraph “quoted” here."
    first, second = find_quotes(text)
    assert not first.closed and first.parts[0].of(text) == "We agree with the proposal"
    assert second.closed and second.parts[0].of(text) == "quoted"


def test_index_lookup():
    text = "A “b c” d"
    index = QuoteIndex(find_quotes(text))
    assert index.at(text.index("b")) is not None and index.at(0) is None
    assert not index.covers(type(index.quotes[0].span)(0, 1))
