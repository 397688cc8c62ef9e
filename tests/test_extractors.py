"""Pattern and lexicon extractors, keyed families, and how the engine turns matches into claims.

Rules are small YAML strings compiled with parse_rules; articles are texts written for these
tests and parsed with parse_article.
"""

from __future__ import annotations

import textwrap

import pytest

from aukus_check.corpus import Article, Corpus, parse_article
from aukus_check.engine import Candidate, build_report, scan_article
from aukus_check.errors import RulesError
from aukus_check.models import Claim, Cue, Report
from aukus_check.outlets import build_outlet_matcher
from aukus_check.rules import RuleSet, parse_rules

TITLE = "Defence notes"


def compile_rules(fields: str) -> RuleSet:
    """A rules file holding the given `fields:` entries (a YAML list, any indentation)."""
    header = 'schema_version: 1\nversion: "test-1"\ntitle: Extractor tests\nfields:\n'
    body = textwrap.indent(textwrap.dedent(fields).strip("\n"), "  ")
    return parse_rules(f"{header}{body}\n", "tests/rules.yaml")


def make_article(body: str, article_id: str = "a1") -> Article:
    """An article: a title line, a blank line, then the body."""
    text = f"{TITLE}\n\n{body}\n"
    return parse_article(text, article_id, f"corpus/{article_id}.txt", "utf-8", build_outlet_matcher())


def candidates(rules: RuleSet, body: str) -> list[Candidate]:
    return list(scan_article(make_article(body), rules))


def kept(rules: RuleSet, body: str) -> list[tuple[str, str | None, str]]:
    """(field id, value, modality) of every kept candidate, in text order."""
    return [
        (c.probe.field_id, c.value, c.assessment.modality)
        for c in candidates(rules, body)
        if c.kept and c.assessment is not None
    ]


def values(rules: RuleSet, body: str) -> list[str | None]:
    return [value for _, value, _ in kept(rules, body)]


def report(rules: RuleSet, *bodies: str) -> Report:
    articles = tuple(make_article(body, f"a{number}") for number, body in enumerate(bodies, start=1))
    return build_report(Corpus("corpus", False, articles, ()), rules)


def claims(rules: RuleSet, field_id: str, *bodies: str) -> tuple[Claim, ...]:
    result = report(rules, *bodies).field(field_id)
    assert result is not None
    return result.claims


def surface(candidate: Candidate, body: str) -> str:
    """The text a candidate's span covers."""
    text = f"{TITLE}\n\n{body}\n"
    return text[candidate.span[0] : candidate.span[1]]


STATUS_FIELD = """
- id: status
  label: Status
  type: enum
  vocabulary: [joined, invited, excluded, included]
  extractors:
"""


def status_rules(extractors: str) -> RuleSet:
    """The `status` field with the given extractor entries (YAML list items)."""
    return compile_rules(STATUS_FIELD + textwrap.indent(textwrap.dedent(extractors).strip("\n"), "    "))


# --- pattern: fixed value --------------------------------------------------------------------


FIXED = status_rules(
    r"""
    - kind: pattern
      pattern: '\bTokyo\b[^.;]{0,30}?\b(?P<anchor>joined)\b'
      value: joined
    """
)


def test_fixed_value_for_every_match() -> None:
    body = "Tokyo formally joined the sonar programme."
    [candidate] = candidates(FIXED, body)
    assert candidate.kept
    assert candidate.value == "joined"
    assert surface(candidate, body) == "Tokyo formally joined"
    assert candidate.assessment is not None
    assert candidate.assessment.modality == "asserted"


def test_no_match_no_candidate() -> None:
    assert candidates(FIXED, "Seoul formally joined the sonar programme.") == []


@pytest.mark.parametrize(
    ("body", "modality", "hedged"),
    [
        ("Tokyo has not joined the sonar programme.", "denied", False),
        ("Tokyo never formally joined the trials.", "denied", False),
        ("Tokyo will have joined the trials by June.", "expected", False),
        ("Tokyo may have joined the trials in secret.", "asserted", True),
        ("Tokyo quietly joined the trials, a diplomat said.", "reported", False),
        ("Tokyo might not have joined the trials.", "denied", True),
    ],
)
def test_anchor_group_decides_where_modality_is_judged(body: str, modality: str, hedged: bool) -> None:
    [candidate] = candidates(FIXED, body)
    assert candidate.kept
    assert candidate.assessment is not None
    assert (candidate.assessment.modality, candidate.assessment.hedged) == (modality, hedged)


def test_question_and_condition_drop_pattern_matches() -> None:
    assert [c.dropped for c in candidates(FIXED, "Has Tokyo joined the trials?")] == ["in a question"]
    [conditional] = candidates(FIXED, "Officials asked whether Tokyo joined the trials.")
    assert conditional.dropped == "hypothetical ('whether' before it)"


def test_negation_inside_match_without_anchor_group_is_part_of_the_value() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bruled out (?:Japan|Tokyo)\b'
          value: excluded
        """
    )
    [candidate] = candidates(rules, "The minister ruled out Tokyo as a submarine partner.")
    assert candidate.value == "excluded"
    assert candidate.assessment is not None
    assert candidate.assessment.modality == "asserted"
    assert candidate.assessment.cues == ()


def test_negation_before_a_match_without_anchor_group_still_denies() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bincluded (?:Japan|Tokyo)\b'
          value: included
        """
    )
    [candidate] = candidates(rules, "The plan never included Tokyo in the first pillar.")
    assert candidate.assessment is not None
    assert candidate.assessment.modality == "denied"


# --- pattern: map ----------------------------------------------------------------------------


MAPPED = status_rules(
    r"""
    - kind: pattern
      pattern: '(?P<value>Tokyo[''’]s\s+(?:invitation|accession))'
      map:
        "Tokyo’s invitation": invited
        "tokyo's ACCESSION": joined
    """
)


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("Tokyo's invitation arrived on Monday.", "invited"),
        ("Tokyo’s invitation arrived on Monday.", "invited"),
        ("TOKYO'S INVITATION arrived on Monday.", "invited"),
        ("Tokyo’s   accession was completed in the spring.", "joined"),
        ("Tokyo's\taccession was completed in the spring.", "joined"),
    ],
)
def test_map_keys_ignore_case_spacing_and_curly_quotes(body: str, value: str) -> None:
    assert kept(MAPPED, body) == [("status", value, "asserted")]


def test_map_reads_from_a_group_named_by_group() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bTokyo\s+(?:has\s+)?(?:not\s+)?(?P<status>joined|declined)\b'
          group: status
          map: {joined: joined, declined: excluded}
        """
    )
    assert values(rules, "Tokyo declined the offer from Canberra.") == ["excluded"]
    assert kept(rules, "Tokyo has not joined the working group.") == [("status", "joined", "denied")]


def test_unmapped_group_text_drops_the_candidate_with_a_reason() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bTokyo\s+(?P<value>joined|weighed)\b'
          map: {joined: joined}
        """
    )
    [candidate] = candidates(rules, "Tokyo weighed the offer for a month.")
    assert candidate.value is None
    assert not candidate.kept
    assert candidate.dropped is not None
    assert "'weighed'" in candidate.dropped
    assert "map" in candidate.dropped
    assert candidate.assessment is None


def test_value_group_is_the_anchor_when_there_is_no_anchor_group() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '(?P<value>ruled out|confirmed)\s+Tokyo\b'
          map: {ruled out: excluded, confirmed: included}
        """
    )
    # The negation is the value text itself, so the claim is not denied.
    assert kept(rules, "The minister ruled out Tokyo for the first pillar.") == [
        ("status", "excluded", "asserted")
    ]
    assert kept(rules, "The minister has not confirmed Tokyo for the first pillar.") == [
        ("status", "included", "denied")
    ]


def test_anchor_group_overrides_the_value_group() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '(?P<anchor>Tokyo)\b[^.]{0,20}?\b(?P<value>joined|declined)\b'
          map: {joined: joined, declined: excluded}
        """
    )
    # The negation sits after the anchor (Tokyo), so it is not judged as before the value.
    assert kept(rules, "Tokyo has not joined the drills.") == [("status", "joined", "asserted")]
    assert kept(rules, "Officials say Tokyo joined the drills.") == [("status", "joined", "reported")]


# --- pattern: options --------------------------------------------------------------------------


def test_patterns_are_case_insensitive_by_default() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bAUKUS\b'
          value: joined
        """
    )
    assert values(rules, "Ties with aukus deepened in the spring.") == ["joined"]


def test_case_sensitive_pattern() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bAUKUS\b'
          case_sensitive: true
          value: joined
        """
    )
    assert values(rules, "Ties with Aukus deepened in the spring.") == []
    assert values(rules, "Ties with AUKUS deepened in the spring.") == ["joined"]


CONTEXT = status_rules(
    r"""
    - kind: pattern
      pattern: '\bTokyo\s+(?P<anchor>joined)\b'
      value: joined
      context: ['\bsubmarine', '\bfrigate']
      unless: ['\bexercise\b']
    """
)


NO_CONTEXT = "context"
UNLESS = "unless"


@pytest.mark.parametrize(
    ("body", "dropped"),
    [
        ("Tokyo joined the submarine working group.", None),
        ("Tokyo joined the FRIGATE programme.", None),
        ("Tokyo joined the working group on drones.", NO_CONTEXT),
        ("Tokyo joined the submarine exercise off Guam.", UNLESS),
        # "submarine" is only in the next sentence: context is judged per sentence.
        ("Tokyo joined the drone team. The submarine group met later.", NO_CONTEXT),
        ("Tokyo joined the submarine team. The exercise began later.", None),
    ],
)
def test_context_and_unless_are_judged_per_sentence(body: str, dropped: str | None) -> None:
    [candidate] = candidates(CONTEXT, body)
    if dropped is None:
        assert candidate.kept
        assert candidate.value == "joined"
    else:
        assert candidate.dropped is not None
        assert dropped in candidate.dropped
        assert candidate.assessment is None


# --- engine: overlaps, repeats, sentence scope ---------------------------------------------------


def test_earlier_extractor_wins_overlapping_matches_even_if_it_starts_later() -> None:
    rules = status_rules(
        r"""
        - name: first
          kind: pattern
          pattern: '\bjoined the drills\b'
          value: joined
        - name: second
          kind: pattern
          pattern: '\bTokyo joined\b'
          value: invited
        """
    )
    body = "Tokyo joined the drills off Okinawa."
    results = {c.probe.extractor.name: c for c in candidates(rules, body)}
    assert results["first"].kept and results["first"].value == "joined"
    assert results["second"].dropped is not None
    assert "overlaps" in results["second"].dropped
    assert values(rules, body) == ["joined"]


def test_non_overlapping_matches_of_two_extractors_are_both_kept() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bTokyo joined\b'
          value: joined
        - kind: pattern
          pattern: '\binvited Seoul\b'
          value: invited
        """
    )
    assert values(rules, "Tokyo joined the drills and later invited Seoul.") == ["joined", "invited"]


def test_overlap_only_matters_within_one_field() -> None:
    rules = compile_rules(
        r"""
        - id: first_field
          label: First
          type: enum
          vocabulary: [joined]
          extractors:
            - kind: pattern
              pattern: '\bTokyo joined\b'
              value: joined
        - id: second_field
          label: Second
          type: enum
          vocabulary: [drills]
          extractors:
            - kind: pattern
              pattern: '\bjoined the drills\b'
              value: drills
        """
    )
    assert sorted(kept(rules, "Tokyo joined the drills in May.")) == [
        ("first_field", "joined", "asserted"),
        ("second_field", "drills", "asserted"),
    ]


def test_same_value_twice_in_a_sentence_is_one_claim() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\b(?:Tokyo|Manila)\s+(?P<anchor>joined)\b'
          value: joined
        """
    )
    body = "Tokyo joined the drills and Manila joined the patrols."
    found = candidates(rules, body)
    first, second = found
    assert first.kept
    assert second.dropped is not None
    assert "already found" in second.dropped
    assert [surface(c, body) for c in found] == ["Tokyo joined", "Manila joined"]


def test_same_value_in_two_sentences_is_two_claims() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\b(?:Tokyo|Manila)\s+(?P<anchor>joined)\b'
          value: joined
        """
    )
    assert values(rules, "Tokyo joined the drills. Manila joined the patrols.") == ["joined", "joined"]


def test_matches_never_span_two_sentences() -> None:
    rules = status_rules(
        r"""
        - kind: pattern
          pattern: '\bdrills\b[^;]{0,40}?\bSeoul\b'
          value: joined
        """
    )
    assert candidates(rules, "Tokyo joined the drills. Seoul stayed away.") == []
    assert values(rules, "Tokyo joined the drills, and Seoul stayed away.") == ["joined"]


# --- evidence ------------------------------------------------------------------------------------


EVIDENCE = status_rules(
    r"""
    - name: tokyo-joined
      kind: pattern
      pattern: '\bTokyo\s+joined\b'
      value: joined
    """
)


def test_evidence_line_column_text_and_sentence_are_exact() -> None:
    body = "A first paragraph opens the story.\n\nIn the second paragraph, Tokyo joined the drills."
    text = f"{TITLE}\n\n{body}\n"
    [claim] = claims(EVIDENCE, "status", body)
    evidence = claim.evidence
    line_five = text.split("\n")[4]
    assert line_five == "In the second paragraph, Tokyo joined the drills."
    start = text.index("Tokyo joined")
    assert (evidence.article, evidence.path) == ("a1", "corpus/a1.txt")
    assert (evidence.line, evidence.column) == (5, line_five.index("Tokyo") + 1)
    assert (evidence.end_line, evidence.end_column) == (5, line_five.index(" the drills") + 1)
    assert (evidence.start, evidence.end) == (start, start + len("Tokyo joined"))
    assert evidence.text == "Tokyo joined"
    assert evidence.sentence == line_five
    assert evidence.sentence_start == text.index("In the second")
    assert (evidence.sentence_line, evidence.sentence_column) == (5, 1)
    assert claim.extractor.name == "tokyo-joined"
    assert claim.extractor.kind == "pattern"


def test_evidence_for_a_match_across_a_wrapped_line() -> None:
    body = "The defence ministry confirmed on Tuesday evening that Tokyo\njoined the drills off Guam."
    [claim] = claims(EVIDENCE, "status", body)
    evidence = claim.evidence
    first_line = body.split("\n")[0]
    assert evidence.text == "Tokyo\njoined"
    assert (evidence.line, evidence.column) == (3, first_line.index("Tokyo") + 1)
    assert (evidence.end_line, evidence.end_column) == (4, len("joined") + 1)
    assert evidence.sentence == body
    assert (evidence.sentence_line, evidence.sentence_column) == (3, 1)


def test_evidence_for_a_second_sentence_on_one_line() -> None:
    body = "Seoul waited. Then Tokyo joined the drills."
    text = f"{TITLE}\n\n{body}\n"
    [claim] = claims(EVIDENCE, "status", body)
    evidence = claim.evidence
    assert evidence.sentence == "Then Tokyo joined the drills."
    assert evidence.sentence_start == text.index("Then")
    assert (evidence.sentence_line, evidence.sentence_column) == (3, body.index("Then") + 1)
    assert (evidence.line, evidence.column) == (3, body.index("Tokyo") + 1)


def test_claim_carries_modality_hedge_and_cues() -> None:
    [claim] = claims(EVIDENCE, "status", "Officials said Tokyo joined the drills, possibly twice.")
    assert claim.modality == "reported"
    assert claim.hedged is False
    assert claim.cues == (Cue(kind="attribution", text="said"),)


# --- lexicon -------------------------------------------------------------------------------------


SCOPE_FIELD = """
- id: scope
  label: Scope
  type: set
  vocabulary: [ai, quantum, asw, cyber, hypersonics, role, place]
  extractors:
"""


def lexicon_rules(extractors: str) -> RuleSet:
    return compile_rules(SCOPE_FIELD + textwrap.indent(textwrap.dedent(extractors).strip("\n"), "    "))


LEXICON = lexicon_rules(
    """
    - kind: lexicon
      terms:
        ai: [artificial intelligence, machine learning, {text: AI, case_sensitive: true}]
        quantum: [quantum computing, quantum technologies]
        asw: [anti-submarine warfare]
        cyber: ["cyber*"]
        hypersonics: [hypersonic missiles, long range strike]
        role: ["Japan's role"]
    """
)


def test_synonyms_map_to_their_canonical_value() -> None:
    body = "The partners share machine learning tools and quantum technologies."
    assert kept(LEXICON, body) == [("scope", "ai", "asserted"), ("scope", "quantum", "asserted")]


def test_lexicon_claims_carry_modality_and_hedges() -> None:
    body = "The partners will not share quantum computing research, but may pool artificial intelligence."
    found = [c for c in candidates(LEXICON, body) if c.kept]
    assessed = [(c.value, c.assessment.modality, c.assessment.hedged) for c in found if c.assessment]
    # "may pool": a possibility still to come, a hedged forecast
    assert assessed == [("quantum", "denied", False), ("ai", "expected", True)]


@pytest.mark.parametrize("body", ["The Thai navy SAID nothing new.", "Officials in Dubai met AIDS experts."])
def test_case_sensitive_term_matches_whole_words_only(body: str) -> None:
    assert candidates(LEXICON, body) == []


WORD_AI = lexicon_rules(
    """
    - kind: lexicon
      terms:
        ai: [ai]
    """
)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("The Thai navy SAID nothing new.", []),
        ("Officials in Dubai met the delegation.", []),
        ("Spending on AI rose; spending on ai-enabled drones fell.", ["ai"]),
        ("The AI.", ["ai"]),
    ],
)
def test_case_insensitive_term_still_matches_whole_words_only(body: str, found: list[str]) -> None:
    assert values(WORD_AI, body) == found


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Funding for AI grew sharply.", ["ai"]),
        ("Funding for ai grew sharply.", []),
        ("Funding for Ai grew sharply.", []),
        ("Funding for (AI) grew sharply.", ["ai"]),
    ],
)
def test_per_term_case_sensitivity(body: str, found: list[str]) -> None:
    assert values(LEXICON, body) == found


def test_lexicon_is_case_insensitive_by_default() -> None:
    assert values(LEXICON, "Work on ARTIFICIAL Intelligence expanded.") == ["ai"]


def test_lexicon_wide_case_sensitivity_with_a_per_term_exception() -> None:
    rules = lexicon_rules(
        """
        - kind: lexicon
          case_sensitive: true
          terms:
            quantum: [Quantum, {text: qubits, case_sensitive: false}]
        """
    )
    assert values(rules, "Work on quantum sensing expanded.") == []
    assert values(rules, "Work on Quantum sensing expanded.") == ["quantum"]
    assert values(rules, "Work on QUBITS expanded.") == ["quantum"]


@pytest.mark.parametrize(
    "written",
    [
        "anti-submarine warfare",
        "anti submarine warfare",
        "antisubmarine warfare",
        "anti\u2011submarine warfare",
        "Anti-Submarine  Warfare",
        "anti-submarine-warfare",
    ],
)
def test_hyphens_and_spaces_are_forgiving(written: str) -> None:
    body = f"The allies expanded {written} training."
    [candidate] = candidates(LEXICON, body)
    assert candidate.value == "asw"
    assert surface(candidate, body) == written


@pytest.mark.parametrize("written", ["long range strike", "long-range strike", "long  range\tstrike"])
def test_space_in_a_phrase_matches_hyphen_or_any_spacing(written: str) -> None:
    assert values(LEXICON, f"The review covered {written} systems.") == ["hypersonics"]


def test_space_in_a_phrase_does_not_match_nothing() -> None:
    assert values(LEXICON, "The review covered longrange strike systems.") == []


@pytest.mark.parametrize("written", ["Japan's role", "Japan’s role", "JAPAN'S ROLE"])
def test_apostrophes_straight_or_curly(written: str) -> None:
    assert values(LEXICON, f"Analysts debated {written} in the pact.") == ["role"]


def test_curly_apostrophe_in_a_term_matches_a_straight_one() -> None:
    rules = lexicon_rules(
        """
        - kind: lexicon
          terms:
            role: ["Tokyo’s part"]
        """
    )
    assert values(rules, "Analysts debated Tokyo's part in the pact.") == ["role"]


@pytest.mark.parametrize(
    ("written", "matched"),
    [
        ("cyberweapons", "cyberweapons"),
        ("Cyber", "Cyber"),
        ("cyber-security", "cyber"),
        ("counter-cyber", "cyber"),
    ],
)
def test_prefix_wildcard_matches_the_rest_of_the_word(written: str, matched: str) -> None:
    body = f"The allies discussed {written} units."
    [candidate] = candidates(LEXICON, body)
    assert candidate.value == "cyber"
    assert surface(candidate, body) == matched


def test_prefix_wildcard_still_needs_a_word_start() -> None:
    # A hyphen is a word boundary ("counter-cyber" above), a letter is not.
    assert candidates(LEXICON, "The allies discussed anticyber units.") == []


def test_non_ascii_text_before_a_match_keeps_character_columns() -> None:
    body = "Ōsaka’s café — where AI researchers met — hosted the partners."
    text = f"{TITLE}\n\n{body}\n"
    [claim] = claims(LEXICON, "scope", body)
    evidence = claim.evidence
    assert claim.value == "ai"
    assert evidence.text == "AI"
    assert (evidence.start, evidence.end) == (text.index("AI"), text.index("AI") + 2)
    assert (evidence.line, evidence.column) == (3, body.index("AI") + 1)
    assert evidence.end_column == body.index("AI") + 3
    assert evidence.sentence == body


def test_longer_phrase_wins_over_a_shorter_one_at_the_same_place() -> None:
    rules = lexicon_rules(
        """
        - kind: lexicon
          terms:
            asw: [submarine warfare]
            place: [submarine]
        """
    )
    body = "Drills in submarine warfare began."
    found = candidates(rules, body)
    # Candidates come in text order: the shorter match ends first.
    assert [(c.value, surface(c, body)) for c in found] == [
        ("place", "submarine"),
        ("asw", "submarine warfare"),
    ]
    shorter, longer = found
    assert longer.kept
    assert shorter.dropped is not None and "overlap" in shorter.dropped
    assert values(rules, "A submarine docked.") == ["place"]


@pytest.mark.parametrize(
    "body", ["Officials at the Élysée welcomed it.", "Delegates met in Malmö on Friday."]
)
def test_terms_with_non_ascii_letters_at_their_edges_match(body: str) -> None:
    rules = lexicon_rules(
        """
        - kind: lexicon
          terms:
            place: ["Élysée", "Malmö"]
        """
    )
    assert values(rules, body) == ["place"]


def test_prefix_wildcard_covers_accented_letters() -> None:
    body = "Paris raised cybersécurité with Canberra."
    [candidate] = candidates(LEXICON, body)
    assert surface(candidate, body) == "cybersécurité"


# --- keyed families ------------------------------------------------------------------------------


FAMILY = compile_rules(
    r"""
    - id: stance.{key}
      label: "{label} stance on the pact"
      type: enum
      vocabulary: [supportive, opposed]
      keys:
        usa:
          label: United States
          aliases: [US, U.S., Washington]
        new_zealand:
          aliases: [New Zealand, Wellington]
      extractors:
        - kind: pattern
          pattern: '{aliases}\s+(?P<anchor>backed|endorsed)\b'
          value: supportive
        - kind: pattern
          pattern: '{aliases}\s+(?:has\s+)?(?:not\s+)?(?P<anchor>opposed|criticised)\b'
          value: opposed
    """
)


def test_family_expands_ids_and_labels_per_key() -> None:
    assert [(f.id, f.label, f.family, f.key) for f in FAMILY.fields] == [
        ("stance.usa", "United States stance on the pact", "stance", "usa"),
        ("stance.new_zealand", "New Zealand stance on the pact", "stance", "new_zealand"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The US backed the plan on Monday.", [("stance.usa", "supportive", "asserted")]),
        ("The U.S. endorsed the plan on Monday.", [("stance.usa", "supportive", "asserted")]),
        ("Some of us backed the plan on Monday.", []),
        ("Officials in WASHINGTON backed the plan.", []),
        ("The USS Ohio backed away from the pier.", []),
        ("Wellington has not opposed the plan.", [("stance.new_zealand", "opposed", "denied")]),
        ("New Zealand criticised the plan, Reuters said.", [("stance.new_zealand", "opposed", "reported")]),
        ("New-Zealand endorsed the plan.", [("stance.new_zealand", "supportive", "asserted")]),
    ],
)
def test_aliases_are_case_sensitive_whole_words_per_key(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    assert kept(FAMILY, body) == expected


def test_each_key_gets_its_own_claims_in_one_sentence() -> None:
    body = "Washington backed the plan while Wellington opposed it."
    assert kept(FAMILY, body) == [
        ("stance.usa", "supportive", "asserted"),
        ("stance.new_zealand", "opposed", "asserted"),
    ]


def test_family_report_keeps_fields_separate() -> None:
    result = report(
        FAMILY, "Washington may back it; Wellington endorsed the plan.", "The US opposed the plan."
    )
    usa = result.field("stance.usa")
    new_zealand = result.field("stance.new_zealand")
    assert usa is not None and new_zealand is not None
    assert usa.label == "United States stance on the pact"
    assert [(c.value, c.evidence.article) for c in usa.claims] == [("opposed", "a2")]
    assert [(c.value, c.evidence.article) for c in new_zealand.claims] == [("supportive", "a1")]
    assert usa.silent == ("a1",)
    assert new_zealand.silent == ("a2",)


# --- lexicon: descriptions of an owner, and its purpose ----------------------------------------

OWNED = parse_rules(
    textwrap.dedent(
        """\
        schema_version: 1
        version: test
        title: Owned lexicon
        lexicons:
          cover:
            verbs: [cover, focus]
            nouns: [work, project]
          aim:
            verbs: [aim, plan]
            nouns: [plan, goal]
        references:
          compact:
            names: [Coral Compact]
            mentions: [compact, treaty]
        fields:
          - id: scope
            label: What the compact covers
            type: set
            vocabulary: [drones, lasers]
            extractors:
              - kind: lexicon
                owner: '{ref:compact}'
                describes: '{lex:cover}'
                purpose: '{lex:aim}'
                terms:
                  drones: [drones]
                  lasers: [lasers]
        """
    ),
    "tests/owned.yaml",
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the owner's description: cues of the predicate before it do not reach the term
        ("Fiji will not join the Coral Compact drones effort.", [("scope", "drones", "asserted")]),
        ("Fiji could be brought into the Coral Compact work on lasers.", [("scope", "lasers", "asserted")]),
        (
            "Fiji may sign up to the Coral Compact, which covers drones.",
            [("scope", "drones", "asserted")],
        ),
        # cues after the owner still count
        ("The Coral Compact will not cover lasers.", [("scope", "lasers", "denied")]),
        ("Officials say the Coral Compact will focus on drones.", [("scope", "drones", "expected")]),
        # not a description: the owner is only named on the way ("via the compact to build")
        (
            "The navies will work via the Coral Compact to build drones.",
            [("scope", "drones", "expected")],
        ),
        # the owner's purpose is what it covers, not a forecast
        ("The Coral Compact aims to put drones in every port.", [("scope", "drones", "asserted")]),
        ("The Coral Compact, which plans to field lasers, is new.", [("scope", "lasers", "asserted")]),
        ("Fiji plans to buy lasers under the Coral Compact.", [("scope", "lasers", "expected")]),
        # a condition governs the whole clause, owner or not
        ("If Fiji joins the Coral Compact drones effort, Tonga will follow.", []),
        ("Whether the Coral Compact covers lasers is unclear.", []),
        # a mention ("the treaty") is an owner only once the compact is named
        (
            "The Coral Compact was signed in May. Fiji may not join the treaty work on lasers.",
            [("scope", "lasers", "asserted")],
        ),
        ("Fiji may not join the treaty work on lasers.", [("scope", "lasers", "denied")]),
    ],
)
def test_a_term_in_a_description_of_its_owner(body: str, expected: list[tuple[str, str, str]]) -> None:
    assert kept(OWNED, body) == expected


def test_describes_and_purpose_need_an_owner() -> None:
    for key in ("describes", "purpose"):
        with pytest.raises(RulesError, match=f"'{key}' needs an 'owner'"):
            lexicon_rules(
                f"""
                - kind: lexicon
                  {key}: 'covers'
                  terms:
                    ai: [AI]
                """
            )


def test_two_references_may_share_a_name() -> None:
    # "Coral Compact" names both; each counts as named from its first occurrence, so a mention of
    # the second ("the signatories") is not lost because the first took the name.
    rules = parse_rules(
        textwrap.dedent(
            """\
            schema_version: 1
            version: test
            title: Shared names
            references:
              compact:
                names: [Coral Compact]
                mentions: [compact]
              members:
                names: [Coral Compact]
                mentions: [signatory]
            fields:
              - id: scope
                label: What the members build
                type: set
                vocabulary: [drones]
                extractors:
                  - kind: lexicon
                    context: ['{ref:members}']
                    terms:
                      drones: [drones]
            """
        ),
        "tests/shared.yaml",
    )
    assert values(rules, "The Coral Compact is new. The signatories build drones.") == ["drones"]
    assert values(rules, "The signatories build drones.") == []
