"""Headlines in Title Case or capitals are recased for the parser from the document's own usage."""

from __future__ import annotations

import pytest

from claimtrack.recase import Usage, for_parser, headline_cased, recased

BODY = [
    "US President Donald Trump urged Russia's Vladimir Putin on Friday to spare Ukrainian troops.",
    "Putin said the troops in Kursk would be spared if they surrendered. Trump urges calm, aides said.",
]


@pytest.mark.parametrize("line", [
    "Trump Urges Putin to Spare Ukrainian Troops in Kursk",
    "TRUMP URGES PUTIN TO SIGN CEASEFIRE DEAL WITH UKRAINE",
    "Historic Climate Change Agreement Adopted In Paris",
    "Anchor Expressed Fear About Future Prejudice Against Her Daughter.",
    "Eva Longoria Discussed Factions Within The Latino Community.",  # "Within": a preposition
])
def test_title_case_and_capitals_are_headlines(line):
    assert headline_cased(line)


@pytest.mark.parametrize("line", [
    BODY[0],
    "Senate Majority Leader Mitch McConnell said the vote would wait.",  # names, but "would wait"
    "The other groups that signed the letter are ColorOfChange.org, MPower Change, Emerge USA.",
    "FIGURING OUT THE NEW SOCIAL MEDIA PLATFORM PEACH Prepare yourself for an onslaught of GIFs.",
    "Trump Wins",  # too short to tell
])
def test_running_text_is_not_a_headline(line):
    assert not headline_cased(line)


def test_usage_counts_only_words_inside_sentences():
    usage = Usage.of(BODY)
    assert usage.forms["putin"] == "Putin" and usage.forms["urges"] == "urges" and usage.forms["troops"] == "troops"
    assert "us" not in usage.forms  # "US" opens a line: no evidence of its usual case


@pytest.mark.parametrize("word, form", [
    ("Slams", "slams"), ("SLAMS", "slams"),  # "slammed": a doubled consonant
    ("Backing", "backing"),  # "backs"
    ("Clintons", "Clintons"), ("CLINTONS", "Clintons"),  # "Clinton"
    ("Zelensky", "Zelensky"), ("ZELENSKY", "ZELENSKY"),  # never written: left alone
])
def test_a_word_the_body_never_writes_takes_the_case_of_its_stem(word, form):
    usage = Usage.of(["The minister slammed the plan and Clinton backs it, aides said."])
    assert usage.form(word) == form


def test_a_title_case_headline_takes_the_bodys_forms_and_keeps_its_length():
    line = "Trump Urges Putin to Spare Ukrainian Troops in Kursk"
    out = recased(line, Usage.of(BODY))
    assert out == "Trump urges Putin to spare Ukrainian troops in Kursk"
    assert len(out) == len(line)


def test_capitals_become_the_bodys_forms_and_unknown_words_stay():
    out = recased("TRUMP URGES PUTIN TO SIGN CEASEFIRE DEAL WITH UKRAINE", Usage.of(BODY))
    assert out == "Trump urges Putin to SIGN CEASEFIRE DEAL WITH UKRAINE"


def test_a_reporting_verb_the_body_never_writes_is_lowered_by_the_lexicon():
    usage = Usage.of(BODY)
    line = "Zelensky Says ‘Very Good’ U.S. Talks Advance Deal"
    assert recased(line, usage) == line  # no evidence for any word; "s" of "Russia's" does not touch "U.S."
    assert recased(line, usage, {"says"}) == "Zelensky says ‘Very Good’ U.S. Talks Advance Deal"


def test_a_word_after_an_initial_is_not_sentence_initial():
    usage = Usage.of(["Then the talks went nowhere."])
    assert recased("The U.S. Talks Ended", usage) == "The U.S. talks Ended"
    assert recased("Talks. The End", usage) == "Talks. The End"  # a real sentence start keeps its capital


def test_for_parser_changes_only_headlines_using_the_other_paragraphs():
    paragraphs = ["Trump Urges Putin to Spare Ukrainian Troops in Kursk", *BODY]
    assert for_parser(paragraphs) == ["Trump urges Putin to spare Ukrainian troops in Kursk", *BODY]
    assert for_parser(BODY) == BODY
