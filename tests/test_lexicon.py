"""The word lists load, are consistent, and generate the verb forms news uses."""

from claimtrack.lexicon import actor_lexicon, cue_lexicon, inflections


def test_inflections():
    assert inflections("say") >= {"say", "says", "saying"}
    assert inflections("deny") >= {"denies", "denied", "denying"}
    assert inflections("admit") >= {"admitted", "admitting"}
    assert inflections("argue") >= {"argues", "argued", "arguing"}
    assert inflections("stress") >= {"stresses", "stressed"}


def test_cue_lexicon():
    cues = cue_lexicon()
    assert cues.verbs["say"] == "speech" and cues.verbs["tweet"] == "writing" and cues.verbs["believe"] == "thought"
    assert cues.forms["said"] == "say" and cues.forms["told"] == "tell" and cues.forms["wrote"] == "write"
    assert cues.verb_lemma("Says", "Says") == "say"  # a headline's title case, mis-lemmatised
    assert set(cues.frames) <= set(cues.verbs) and cues.quote_only <= set(cues.verbs)
    assert set(cues.addressee) <= set(cues.verbs)
    assert ("according", "to") in cues.source_object_phrases


def test_actor_lexicon():
    actors = actor_lexicon()
    assert actors.is_outlet_name("The New York Times") and actors.is_outlet_name("politico")
    assert not actors.is_outlet_name("Kremlin")
    assert {"kremlin", "ministry"} <= actors.organisations and {"russia", "kyiv"} <= actors.places
