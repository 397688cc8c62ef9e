"""The `official` extractor kind: person-office pairs, on sentences written for these tests.

Sentences run as one-article corpora through the bundled rules (tests/conftest.RULES), so the
registries, every other rule and modality take part as on a real corpus. A few tests compile
their own small rules file, for registry errors and offices the bundled rules do not track.
"""

from __future__ import annotations

import pytest
import yaml

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import Corpus, parse_article
from aukus_check.engine import build_report, extract_claims, scan_article
from aukus_check.errors import RulesError
from aukus_check.extractors.official import slug, title_key
from aukus_check.models import Claim
from aukus_check.rules import RuleSet, load_rules, parse_rules
from tests.conftest import RULES, SEEDS

BUNDLED = load_rules(RULES, "rules/aukus.yaml")


def article_text(text: str, published: str | None = None) -> str:
    front = ["---", "title: example"] + ([f"published: {published}"] if published else [])
    return "\n".join([*front, "---", text, ""])


def claims(text: str, field_id: str, rules: RuleSet = BUNDLED) -> list[Claim]:
    article = parse_article(article_text(text), "a1", "a1.txt", "utf-8", rules.outlets)
    return [claim for field, claim in extract_claims(article, rules) if field == field_id]


def labels(text: str, field_id: str, rules: RuleSet = BUNDLED) -> list[str]:
    """The labels the report shows for one field of a one-article corpus ('x', 'not x', 'x (expected)')."""
    return [stance_label(c.value, POLARITY_OF[c.modality]) for c in claims(text, field_id, rules)]


def dropped(text: str, field_id: str, rules: RuleSet = BUNDLED) -> list[str]:
    """Why each candidate of one field was dropped."""
    article = parse_article(article_text(text), "a1", "a1.txt", "utf-8", rules.outlets)
    return [
        c.dropped
        for c in scan_article(article, rules)
        if c.probe.field_id == field_id and c.dropped is not None
    ]


# --- sentences written for these tests, none from the seeds ----------------------------------

OWN_SENTENCES = [
    # title before the name, with every way of writing the country
    (
        "Japanese Defense Minister Minoru Kihara visited Canberra on Tuesday.",
        "official.minoru_kihara.title",
        ["japan_defence_minister"],
    ),
    (
        "Japan's Defence Minister Minoru Kihara inspected the destroyer.",
        "role.japan_defence_minister.holder",
        ["minoru_kihara"],
    ),
    (
        "Tokyo’s defence minister Minoru Kihara toured the shipyard.",
        "official.minoru_kihara.title",
        ["japan_defence_minister"],
    ),
    (
        "The talks were led by U.S. Deputy Secretary of State Kurt Campbell.",
        "official.kurt_campbell.title",
        ["us_deputy_secretary_of_state"],
    ),
    (
        "United States Deputy Secretary of State Kurt Campbell flew to Manila.",
        "role.us_deputy_secretary_of_state.holder",
        ["kurt_campbell"],
    ),
    ("American President Joe Biden hosted the summit.", "official.joe_biden.title", ["us_president"]),
    (
        "Washington's ambassador in Tokyo Rahm Emanuel gave a speech.",
        "official.rahm_emanuel.title",
        ["us_ambassador_to_japan"],
    ),
    # bare titles: the registry person's country names the office
    (
        "Prime Minister Anthony Albanese opened the session.",
        "official.anthony_albanese.title",
        ["australia_prime_minister"],
    ),
    (
        "Prime Minister Fumio Kishida opened the session.",
        "official.fumio_kishida.title",
        ["japan_prime_minister"],
    ),
    (
        "Minister for Defence Richard Marles announced the review.",
        "role.australia_defence_minister.holder",
        ["richard_marles"],
    ),
    (
        "Kremlin press secretary Dmitri Peskov dismissed the report.",
        "official.dmitry_peskov.title",
        ["kremlin_spokesperson"],
    ),
    # appositions, either order, folded case and spelling
    (
        "Richard Marles, Australia's defense minister, met his counterpart.",
        "official.richard_marles.title",
        ["australia_defence_minister"],
    ),
    (
        "Mao Ning, a Chinese Foreign Ministry spokesman, warned Tokyo.",
        "official.mao_ning.title",
        ["china_foreign_ministry_spokesperson"],
    ),
    (
        "The British Defence Secretary, Grant Shapps, welcomed the move.",
        "official.grant_shapps.title",
        ["uk_defence_secretary"],
    ),
    (
        "Asked about the talks, the Pentagon chief, Lloyd Austin, said little.",
        "role.us_defense_secretary.holder",
        ["lloyd_austin"],
    ),
    (
        "Yoshimasa Hayashi, Japan's Chief Cabinet Secretary, told reporters nothing was decided.",
        "role.japan_chief_cabinet_secretary.holder",
        ["yoshimasa_hayashi"],
    ),
    # predicates: negation, future, attribution, hedge
    (
        "Minoru Kihara is no longer the defence minister.",
        "official.minoru_kihara.title",
        ["not japan_defence_minister"],
    ),
    (
        "Richard Marles, who is not the prime minister, spoke first.",
        "official.richard_marles.title",
        ["not australia_prime_minister"],
    ),
    (
        "Taro Yamada will become Japan's defence minister in the reshuffle.",
        "role.japan_defence_minister.holder",
        ["taro_yamada (expected)"],
    ),
    (
        "Officials said Yoshimasa Hayashi is the Chief Cabinet Secretary.",
        "official.yoshimasa_hayashi.title",
        ["japan_chief_cabinet_secretary"],
    ),
    (
        "Minoru Kihara could become defence minister again.",
        "official.minoru_kihara.title",
        ["japan_defence_minister (expected)"],
    ),
    # noun-phrase titles stay asserted whatever the verb does
    (
        "Albanese did not meet Defence Minister Richard Marles that day.",
        "official.richard_marles.title",
        ["australia_defence_minister"],
    ),
    (
        "Kishida is expected to meet US President Joe Biden in April.",
        "role.us_president.holder",
        ["joe_biden"],
    ),
    # surnames
    (
        "Kurt Campbell landed in Tokyo. Deputy Secretary of State Campbell then met Kihara.",
        "official.kurt_campbell.title",
        ["us_deputy_secretary_of_state"],
    ),
    ("Deputy Secretary of State Campbell met Kihara.", "official.kurt_campbell.title", []),
    (
        "Japanese Defense Minister Taro Yamada arrived. Japanese Defense Minister Yamada then spoke.",
        "role.japan_defence_minister.holder",
        ["taro_yamada", "taro_yamada"],
    ),
    (  # the full name far back, the surname with a possessive; a different given name later wins
        "Hana Sato toured the port. "
        + "The talks went on. " * 300
        + "Japanese Defense Minister Sato's aides spoke. Ken Sato joined later. "
        "Japanese Defense Minister Sato then left.",
        "role.japan_defence_minister.holder",
        ["hana_sato", "ken_sato"],
    ),
    (  # a full name after the surname does not explain it
        "Japanese Defense Minister Mori arrived. Later, Jun Mori spoke.",
        "role.japan_defence_minister.holder",
        [],
    ),
    (
        "On Monday Prime Minister Fumio Kishida reshuffled the cabinet.",
        "role.japan_prime_minister.holder",
        ["fumio_kishida"],
    ),
    # traps
    (
        "Yasukazu Hamada, a former defence minister, spoke at the forum.",
        "role.japan_defence_minister.holder",
        [],
    ),
    (
        "The former Japanese Defense Minister Yasukazu Hamada spoke at the forum.",
        "role.japan_defence_minister.holder",
        [],
    ),
    ("Kishida met ex-Defence Minister Minoru Kihara.", "official.minoru_kihara.title", []),
    ("The late Prime Minister Shinzo Abe championed the idea.", "role.japan_prime_minister.holder", []),
    ("Then-Prime Minister Fumio Kishida welcomed the plan.", "official.fumio_kishida.title", []),
    ("Macron met Vice President Joe Biden in 2015.", "official.joe_biden.title", []),
    ("Deputy Prime Minister Richard Marles hosted the dinner.", "role.australia_prime_minister.holder", []),
    ("Philippine President Ferdinand Marcos Jr. joined the call.", "role.us_president.holder", []),
    ("British Prime Minister Fumio Kishida is an error no office reads.", "official.fumio_kishida.title", []),
    ("Kurt Campbell, who met the Defense Minister, spoke to reporters.", "official.kurt_campbell.title", []),
    ("After meeting the Defence Minister, Albanese praised the plan.", "official.anthony_albanese.title", []),
    ("Albanese and Defence Minister Richard Marles met Kishida.", "official.anthony_albanese.title", []),
    (
        "Anthony Albanese, Defence Minister Richard Marles and Penny Wong flew to Tokyo.",
        "official.anthony_albanese.title",
        [],
    ),
    (
        "Anthony Albanese, Defence Minister Richard Marles and Penny Wong flew to Tokyo.",
        "official.richard_marles.title",
        ["australia_defence_minister"],
    ),
    (
        "Richard Marles, the defence minister's chief of staff, met Austin.",
        "official.richard_marles.title",
        [],
    ),
    # a title of the right kind but the wrong spelling for the country reads as that country's office
    (
        "Defense Minister Lloyd Austin toured the shipyard.",
        "official.lloyd_austin.title",
        ["us_defense_secretary"],
    ),
    (
        "Foreign Ministry spokesman Guo Zhenhai criticised the plan.",
        "role.china_foreign_ministry_spokesperson.holder",
        [],
    ),
]


@pytest.mark.parametrize(("text", "field_id", "expected"), OWN_SENTENCES)
def test_own_sentences(text: str, field_id: str, expected: list[str]) -> None:
    assert labels(text, field_id) == expected


def test_own_sentences_are_not_from_the_seeds() -> None:
    seeds = " ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    assert len(OWN_SENTENCES) >= 25
    assert not [text for text, _, _ in OWN_SENTENCES if text in seeds]


def test_title_and_holder_are_one_reading() -> None:
    text = "The defence minister, Richard Marles, flew to Tokyo with Prime Minister Anthony Albanese."
    assert labels(text, "official.richard_marles.title") == ["australia_defence_minister"]
    assert labels(text, "role.australia_defence_minister.holder") == ["richard_marles"]
    assert labels(text, "official.anthony_albanese.title") == ["australia_prime_minister"]
    assert labels(text, "role.australia_prime_minister.holder") == ["anthony_albanese"]
    assert labels(text, "role.japan_defence_minister.holder") == []


# --- titles and names as papers print them: sentences written for these tests ------------------

PRINTED = [
    # a plural title gives each name of its list its own country's office
    (
        "Prime Ministers Shigeru Ishiba of Japan and Keir Starmer of Britain signed the text.",
        {
            "role.japan_prime_minister.holder": ["shigeru_ishiba"],
            "role.uk_prime_minister.holder": ["keir_starmer"],
        },
    ),
    (
        "Defence ministers Richard Marles and Minoru Kihara met in Darwin on Sunday.",
        {
            "official.richard_marles.title": ["australia_defence_minister"],
            "official.minoru_kihara.title": ["japan_defence_minister"],
        },
    ),
    (
        "Foreign ministers Penny Wong and Yoko Kamikawa of Japan later met Australian business leaders.",
        {
            "official.penny_wong.title": ["australia_foreign_minister"],
            "role.japan_foreign_minister.holder": ["yoko_kamikawa"],
        },
    ),
    # a singular title is only the first name's
    ("Defence Minister Richard Marles and Penny Wong flew to Tokyo.", {"official.penny_wong.title": []}),
    # the country after the name, or after the title
    (
        "President Emmanuel Macron of France phoned Albanese.",
        {"role.france_president.holder": ["emmanuel_macron"]},
    ),
    (
        "Anthony Albanese, Prime Minister of Australia, spoke first.",
        {"official.anthony_albanese.title": ["australia_prime_minister"]},
    ),
    ("President Ferdinand Marcos Jr. of the Philippines joined the call.", {"role.us_president.holder": []}),
    (
        "Prime Minister Anthony Albanese of Japan is a slip no office reads.",
        {"official.anthony_albanese.title": []},
    ),
    # ministries: their spokespeople, and their heads (the minister)
    (
        "Zhang Xiaogang, the spokesman for China's Ministry of National Defence, warned Tokyo.",
        {"role.china_defence_ministry_spokesperson.holder": ["zhang_xiaogang"]},
    ),
    (
        "Wu Qian, spokesperson of the Defence Ministry, took questions on Thursday.",
        {"official.wu_qian.title": ["china_defence_ministry_spokesperson"]},
    ),
    (
        "A spokeswoman for the Russian Foreign Ministry, Mariya Zakharova, mocked the plan.",
        {"official.maria_zakharova.title": ["russia_foreign_ministry_spokesperson"]},
    ),
    (
        "The head of Russia's Foreign Ministry, Sergei Lavrov, dismissed the plan.",
        {"official.sergei_lavrov.title": ["russia_foreign_minister"]},
    ),
    (
        "The spokesman for the Ministry of National Defense said the bloc was dangerous.",
        {"role.china_defence_ministry_spokesperson.holder": []},
    ),
    # titles papers get slightly wrong: the office of that kind in that country
    (
        "Australian Defense Secretary Richard Marles toured the yard.",
        {"official.richard_marles.title": ["australia_defence_minister"]},
    ),
    (
        "UK defence minister John Healey toured the yard.",
        {"role.uk_defence_secretary.holder": ["john_healey"]},
    ),
    (
        "Foreign Secretary Penny Wong landed in Suva.",
        {"official.penny_wong.title": ["australia_foreign_minister"]},
    ),
    (
        "Chinese Premier Li Qiang visited Canberra.",
        {"role.australia_prime_minister.holder": [], "role.japan_prime_minister.holder": []},
    ),
    # words between the country and the title
    (
        "Japan's new prime minister Shigeru Ishiba met Albanese.",
        {"role.japan_prime_minister.holder": ["shigeru_ishiba"]},
    ),
    (
        "Sanae Takaichi became Japan's first female prime minister.",
        {"official.sanae_takaichi.title": ["japan_prime_minister"]},
    ),
    # not current, or another office
    ("Albanese met Japan's former prime minister Fumio Kishida.", {"official.fumio_kishida.title": []}),
    (
        "The ex-British Defence Secretary Ben Wallace spoke at the forum.",
        {"role.uk_defence_secretary.holder": []},
    ),
    ("Then-Foreign Minister Marise Payne signed the communique.", {"official.marise_payne.title": []}),
    ("Deputy Foreign Minister Taro Yamada met the delegation.", {"role.japan_foreign_minister.holder": []}),
    # names: honorifics, capitals, surname first, variants, middle initials
    (
        "Sanae Takaichi won the party vote on Saturday. "
        "Ms Takaichi, the new prime minister, named her cabinet.",
        {"official.sanae_takaichi.title": ["japan_prime_minister"]},
    ),
    ("Mr Albanese, the prime minister, would not say.", {"official.anthony_albanese.title": []}),
    (
        "The Minister for Foreign Affairs, Senator Penny Wong, took questions.",
        {"official.penny_wong.title": ["australia_foreign_minister"]},
    ),
    (
        "Anthony Albanese landed in Tokyo. Prime Minister Mr Albanese then met the press.",
        {"official.anthony_albanese.title": ["australia_prime_minister"]},
    ),
    (
        "RICHARD MARLES, DEPUTY PRIME MINISTER AND MINISTER FOR DEFENCE: Thanks for coming.",
        {"official.richard_marles.title": ["australia_defence_minister"]},
    ),
    (
        "Prime Minister KISHIDA Fumio held a summit with Albanese.",
        {"official.fumio_kishida.title": ["japan_prime_minister"]},
    ),
    (
        "Japanese Foreign Minister KAMIKAWA Yoko met Penny Wong.",
        {"role.japan_foreign_minister.holder": ["yoko_kamikawa"]},
    ),
    (
        "Russian Foreign Minister Sergey Lavrov criticised the pact.",
        {"official.sergei_lavrov.title": ["russia_foreign_minister"]},
    ),
    ("US President Joseph R. Biden hosted the summit.", {"official.joe_biden.title": ["us_president"]}),
    (
        "Minister for Defence Industry Pat Conroy opened the yard.",
        {"official.pat_conroy.title": ["australia_defence_industry_minister"]},
    ),
    # a scraped link and its hover card glued to the name
    (
        "President BidenJoe BidenThe latest news spoke with French President "
        "Emmanuel MacronEmmanuel Jean-Michel Macron about the deal.",
        {"official.joe_biden.title": ["us_president"], "role.france_president.holder": ["emmanuel_macron"]},
    ),
    # predicates with the new offices
    (
        "Marco Rubio is no longer the secretary of state.",
        {"official.marco_rubio.title": ["not us_secretary_of_state"]},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PRINTED, ids=[text[:50] for text, _ in PRINTED])
def test_titles_and_names_as_papers_print_them(text: str, expected: dict[str, list[str]]) -> None:
    assert {field_id: labels(text, field_id) for field_id in expected} == expected


COUNTERPARTS = [
    # the referent's office was given in an earlier sentence
    (
        "Japanese Foreign Minister Yoko Kamikawa arrived on Monday. Later, Kamikawa held talks with her "
        "Australian counterpart, Penny Wong.",
        "official.penny_wong.title",
        ["australia_foreign_minister"],
    ),
    # no country written: the person's registry country
    (
        "U.S. Defense Secretary Lloyd Austin spoke first. Austin then hosted his counterpart Richard Marles.",
        "official.richard_marles.title",
        ["australia_defence_minister"],
    ),
    # a bare title as the referent
    (
        "The Prime Minister met his British counterpart Keir Starmer in London.",
        "role.uk_prime_minister.holder",
        ["keir_starmer"],
    ),
    # the nearest one before "his"
    (
        "Prime Minister Anthony Albanese said Defence Minister Richard Marles would meet his Japanese "
        "counterpart, Minoru Kihara.",
        "official.minoru_kihara.title",
        ["japan_defence_minister"],
    ),
    # the apposition order
    (
        "Minoru Kihara, Japan's defence minister, met Pete Hegseth, his US counterpart, in Washington.",
        "official.pete_hegseth.title",
        ["us_defense_secretary"],
    ),
    # traps: no office known for the referent, not current, a country that is not the name's
    ("Albanese met his British counterpart Keir Starmer in London.", "role.uk_prime_minister.holder", []),
    (
        "Richard Marles, the defence minister, met Kihara. Marles later called his former British "
        "counterpart Ben Wallace.",
        "role.uk_defence_secretary.holder",
        [],
    ),
    (
        "U.S. Defense Secretary Lloyd Austin spoke first. "
        "Austin then hosted his Japanese counterpart Richard Marles.",
        "official.richard_marles.title",
        [],
    ),
    (
        "Former Prime Minister Scott Morrison met his Japanese counterpart Fumio Kishida.",
        "official.fumio_kishida.title",
        [],
    ),
    ("President Joe Biden spoke with his French counterpart.", "role.france_president.holder", []),
    # a name after words that are no name ("On Monday"), and after an honorific
    (
        "U.S. Defense Secretary Pete Hegseth spoke first. On Monday Hegseth hosted his Australian "
        "counterpart Richard Marles.",
        "role.australia_defence_minister.holder",
        ["richard_marles"],
    ),
    (
        "Japanese Foreign Minister Yoko Kamikawa spoke first. Ms Kamikawa then called her counterpart "
        "Penny Wong.",
        "official.penny_wong.title",
        ["australia_foreign_minister"],
    ),
]


@pytest.mark.parametrize(
    ("text", "field_id", "expected"), COUNTERPARTS, ids=[c[0][:50] for c in COUNTERPARTS]
)
def test_a_counterpart_holds_the_referents_kind_of_office_in_another_country(
    text: str, field_id: str, expected: list[str]
) -> None:
    assert labels(text, field_id) == expected


def test_new_sentences_are_not_from_the_seeds_or_the_dev_corpus() -> None:
    texts = [text for text, _ in PRINTED] + [text for text, _, _ in COUNTERPARTS]
    assert len(texts) >= 20
    seeds = " ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    assert not [text for text in texts if text in seeds]
    dev = RULES.parent.parent / "benchmarks" / "corpora" / "dev"
    if dev.is_dir():  # the development corpus is never committed
        corpus = " ".join(path.read_text(encoding="utf-8") for path in dev.glob("*.txt"))
        assert not [text for text in texts if text in corpus]


def test_a_counterpart_is_a_noun_phrase_sourced_only_with_its_sentence() -> None:
    text = "According to Kyodo, the Prime Minister met his British counterpart Keir Starmer in London."
    [claim] = claims(text, "role.uk_prime_minister.holder")
    assert claim.modality == "reported"
    assert claim.evidence.text == "his British counterpart Keir Starmer"


def test_a_list_reads_each_name_once_and_both_families_agree() -> None:
    text = "Prime Ministers Anthony Albanese of Australia and Rishi Sunak of the UK met in San Diego."
    assert labels(text, "official.anthony_albanese.title") == ["australia_prime_minister"]
    assert labels(text, "role.australia_prime_minister.holder") == ["anthony_albanese"]
    assert labels(text, "official.rishi_sunak.title") == ["uk_prime_minister"]
    assert labels(text, "role.uk_prime_minister.holder") == ["rishi_sunak"]
    assert labels(text, "role.japan_prime_minister.holder") == []


def test_stance_reads_the_offices_forms_written_out() -> None:
    from aukus_check.extractors.official import literal_forms

    office = BUNDLED.registries.offices["uk_defence_secretary"]
    forms = literal_forms(office, BUNDLED.registries.lexicons)
    assert {
        "defence secretary",
        "defense secretary",
        "defence minister of {country}",
        "head of the {country} defence ministry",
        "head of the defense ministry",
    } <= set(forms)
    assert not [form for form in forms if "{lex:" in form or "{country?}" in form]


# --- modality: the anchor -------------------------------------------------------------------------


def test_noun_phrase_title_ignores_the_verbs_cues_but_not_a_source() -> None:
    [expected_meeting] = claims(
        "Kishida is expected to meet US President Joe Biden next week.", "official.joe_biden.title"
    )
    assert (expected_meeting.modality, expected_meeting.cues) == ("asserted", ())
    [sourced] = claims(
        "According to Kyodo, Defence Minister Richard Marles visited Tokyo.", "official.richard_marles.title"
    )
    assert sourced.modality == "reported"
    [cited] = claims(
        "Kremlin spokesman Dmitry Peskov declined to comment (Sankei, 2024).", "official.dmitry_peskov.title"
    )
    assert cited.modality == "reported"


def test_predicate_title_takes_its_clauses_cues() -> None:
    [hedged] = claims("Minoru Kihara could become defence minister again.", "official.minoru_kihara.title")
    assert (hedged.modality, hedged.hedged) == ("expected", True)
    [denied] = claims("Minoru Kihara is no longer the defence minister.", "official.minoru_kihara.title")
    assert denied.modality == "denied"
    assert denied.evidence.text == "Minoru Kihara is no longer the defence minister"


def test_a_question_is_no_claim() -> None:
    assert labels("Will Minoru Kihara become the defence minister?", "official.minoru_kihara.title") == []


# --- reasons shown by explain -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field_id", "reason"),
    [
        ("Defense Minister Kihara visited Canberra.", "official.minoru_kihara.title", "before the full name"),
        (
            "Former Prime Minister Fumio Kishida spoke.",
            "role.japan_prime_minister.holder",
            "not a current holder",
        ),
        (
            "Macron met with Vice President Harris.",
            "role.us_president.holder",
            "'Vice President' is another office",
        ),
        (
            "Philippine President Ferdinand Marcos Jr. spoke.",
            "role.us_president.holder",
            "qualified by 'Philippine'",
        ),
        (
            "British Prime Minister Fumio Kishida spoke.",
            "role.japan_prime_minister.holder",
            "another country",
        ),
        ("Defense Minister Taro Yamada spoke.", "role.japan_defence_minister.holder", "names no country"),
        (
            "Foreign Ministry spokesman Lloyd Austin spoke.",
            "official.lloyd_austin.title",
            "no office of United States",
        ),
        (
            "Albanese, Defence Minister Richard Marles and Wong met.",
            "official.anthony_albanese.title",
            "a list",
        ),
        (
            "After meeting the Defence Minister, Albanese spoke.",
            "official.anthony_albanese.title",
            "does not open a clause",
        ),
        (
            "Kurt Campbell spoke to reporters.",
            "official.kurt_campbell.title",
            "no office title next to the name",
        ),
    ],
)
def test_dropped_candidates_say_why(text: str, field_id: str, reason: str) -> None:
    assert any(reason in why for why in dropped(text, field_id)), dropped(text, field_id)


# --- time separation ------------------------------------------------------------------------------


def two_articles(first: str, second: str) -> Corpus:
    texts = {
        "a1": ("Japanese Defense Minister Yasukazu Hamada visited Canberra.", first),
        "a2": ("Japanese Defense Minister Minoru Kihara visited Canberra.", second),
    }
    articles = tuple(
        parse_article(article_text(body, published), key, f"{key}.txt", "utf-8", BUNDLED.outlets)
        for key, (body, published) in texts.items()
    )
    return Corpus("corpus", False, articles, ())


def test_different_holders_a_year_apart_are_time_separated_with_both_dates() -> None:
    result = build_report(two_articles("2023-03-01", "2024-03-01"), BUNDLED).field(
        "role.japan_defence_minister.holder"
    )
    assert result is not None
    assert result.status == "time_separated"
    [pair] = result.conflicts
    assert pair.kind == "time_separated"
    assert {(pair.left, pair.left_published), (pair.right, pair.right_published)} == {
        ("yasukazu_hamada", ("2023-03-01",)),
        ("minoru_kihara", ("2024-03-01",)),
    }


def test_different_holders_a_week_apart_conflict() -> None:
    result = build_report(two_articles("2024-03-01", "2024-03-08"), BUNDLED).field(
        "role.japan_defence_minister.holder"
    )
    assert result is not None
    assert result.status == "conflict"
    assert [pair.kind for pair in result.conflicts] == ["conflict"]


# --- the seeds: what the lead expects, read directly ---------------------------------------------


def seed_values(field_id: str) -> list[tuple[str, int, str, str]]:
    from aukus_check.corpus import load_corpus

    corpus = load_corpus(SEEDS, "seeds", BUNDLED.outlets)
    result = build_report(corpus, BUNDLED).field(field_id)
    assert result is not None
    return [(c.evidence.article[:3], c.evidence.line, c.value, c.modality) for c in result.claims]


@pytest.mark.parametrize(
    ("field_id", "expected"),
    [
        ("official.hirokazu_matsuno.title", [("000", 10, "japan_chief_cabinet_secretary", "asserted")]),
        ("role.kremlin_spokesperson.holder", [("000", 10, "dmitry_peskov", "asserted")]),
        ("role.china_foreign_ministry_spokesperson.holder", [("001", 19, "mao_ning", "asserted")]),
        ("official.minoru_kihara.title", [("001", 21, "japan_defence_minister", "asserted")]),
        (
            "role.japan_prime_minister.holder",
            [
                ("002", 14, "fumio_kishida", "asserted"),
                ("003", 7, "fumio_kishida", "asserted"),
                ("004", 8, "fumio_kishida", "asserted"),
            ],
        ),
        (
            "official.kurt_campbell.title",
            [
                ("002", 27, "us_deputy_secretary_of_state", "asserted"),
                ("003", 11, "us_deputy_secretary_of_state", "asserted"),
            ],
        ),
        ("role.us_president.holder", [("003", 7, "joe_biden", "asserted")]),
        ("role.us_ambassador_to_japan.holder", [("003", 9, "rahm_emanuel", "asserted")]),
        ("role.us_nsc_senior_director_east_asia.holder", [("004", 14, "mira_rapp_hooper", "asserted")]),
        ("role.australia_defence_minister.holder", [("004", 16, "richard_marles", "asserted")]),
        ("official.grant_shapps.title", []),
        ("official.lloyd_austin.title", []),
        ("official.yoshimasa_hayashi.title", []),
    ],
)
def test_seeds(field_id: str, expected: list[tuple[str, int, str, str]]) -> None:
    assert seed_values(field_id) == expected


# --- the rules' own examples (until `aukus-check rules test` runs them) --------------------------


def official_examples() -> list[tuple[str, str, dict[str, object]]]:
    """(field id, family id, example) for every example of an official rule in the bundled rules."""
    spec = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    found = []
    for field in spec["fields"]:
        for extractor in field["extractors"]:
            if extractor["kind"] != "official":
                continue
            section = {"people": spec["people"], "offices": spec["offices"]}[field["keys_from"]]
            for example in extractor["examples"]:
                for key in [example["key"]] if "key" in example else list(section):
                    found.append((field["id"].replace("{key}", key), field["id"], example))
    return found


def test_every_official_rule_has_examples_of_both_kinds() -> None:
    families = {family for _, family, _ in official_examples()}
    assert families == {"official.{key}.title", "role.{key}.holder"}
    for family in families:
        examples = [example for _, fam, example in official_examples() if fam == family]
        assert any(example.get("expect") for example in examples)
        assert any(not example.get("expect") for example in examples)


@pytest.mark.parametrize(
    ("field_id", "example"),
    [(field_id, example) for field_id, _, example in official_examples()],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_rule_examples(field_id: str, example: dict[str, object]) -> None:
    expect = example.get("expect")
    wanted = sorted({expect} if isinstance(expect, str) else set(expect or []))  # type: ignore[arg-type]
    assert sorted(set(labels(str(example["text"]), field_id))) == wanted


# --- small rules files: registry errors and offices the bundled rules do not track ---------------

REGISTRY = """\
schema_version: 1
version: "t"
title: T
actors:
  united_states: {label: United States, aliases: [United States, US, U.S.], adjectives: [US, U.S., American]}
people:
  antony_blinken: {name: Antony Blinken, country: united_states}
  kurt_campbell: {name: Kurt Campbell, country: united_states}
offices:
  us_secretary_of_state:
    label: U.S. Secretary of State
    country: united_states
    forms: ["{country} Secretary of State", Secretary of State]
  us_deputy_secretary_of_state:
    label: U.S. Deputy Secretary of State
    country: united_states
    forms: ["{country} Deputy Secretary of State", Deputy Secretary of State]
fields:
  - id: official.{key}.title
    label: "Office of {label}"
    type: office
    keys_from: people
    extractors: [{kind: official, output: title}]
  - id: role.{key}.holder
    label: "Who is {label}"
    type: person
    keys_from: offices
    extractors: [{kind: official, output: holder}]
"""


def test_deputy_secretary_of_state_is_not_secretary_of_state() -> None:
    rules = parse_rules(REGISTRY, "small.yaml")
    text = "Deputy Secretary of State Kurt Campbell met Secretary of State Antony Blinken."
    assert labels(text, "role.us_secretary_of_state.holder", rules) == ["antony_blinken"]
    assert labels(text, "role.us_deputy_secretary_of_state.holder", rules) == ["kurt_campbell"]
    assert labels(text, "official.kurt_campbell.title", rules) == ["us_deputy_secretary_of_state"]
    assert (
        labels("Assistant Secretary of State Kurt Campbell spoke.", "official.kurt_campbell.title", rules)
        == []
    )


def rules_error(text: str) -> RulesError:
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "small.yaml")
    return caught.value


def test_a_country_form_without_a_country_is_an_error_at_the_form() -> None:
    broken = REGISTRY.replace(
        '    country: united_states\n    forms: ["{country} Secretary of State"',
        '    forms: ["{country} Secretary of State"',
    )
    error = rules_error(broken)
    assert "uses {country}, but the office has no 'country'" in error.message
    assert error.location is not None and (error.location.line, error.location.column) == (12, 13)


def test_a_glued_placeholder_is_an_error() -> None:
    error = rules_error(
        REGISTRY.replace(
            '"{country} Secretary of State", Secretary', '"{country}s Secretary of State", Secretary'
        )
    )
    assert "write '{country}', '{country?}' or '{lex:NAME}' as a word of its own" in error.message


def test_a_registry_name_with_words_in_lower_case() -> None:
    rules = parse_rules(
        REGISTRY.replace(
            "  kurt_campbell: {name: Kurt Campbell, country: united_states}\n",
            "  kurt_campbell: {name: Kurt Campbell, country: united_states}\n"
            "  anna_van_der_berg: {name: Anna van der Berg, surname: van der Berg, country: united_states}\n",
        ),
        "small.yaml",
    )
    text = "Deputy Secretary of State Anna van der Berg met the press."
    assert labels(text, "role.us_deputy_secretary_of_state.holder", rules) == ["anna_van_der_berg"]
    assert labels(text, "official.anna_van_der_berg.title", rules) == ["us_deputy_secretary_of_state"]


def test_an_unknown_lexicon_in_a_form_is_an_error_at_the_form() -> None:
    error = rules_error(
        REGISTRY.replace(
            'forms: ["{country} Secretary of State", Secretary of State]', 'forms: ["{lex:titles}"]'
        )
    )
    assert "uses the lexicon 'titles', which is not declared" in error.message
    assert error.location is not None and error.location.line == 13


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    type: office\n", "    type: person\n"),
            "output 'title' gives a office value, but the field is of type 'person'",
        ),
        (
            ("    keys_from: offices\n", "    keys_from: people\n"),
            "'holder' belongs in a family keyed by the offices registry",
        ),
    ],
)
def test_an_official_rule_in_the_wrong_field_is_an_error_at_its_output(
    change: tuple[str, str], message: str
) -> None:
    error = rules_error(REGISTRY.replace(*change))
    assert message in error.message
    assert error.location is not None and error.location.path == "small.yaml"


def test_new_holders_false_keeps_to_the_registry() -> None:
    rules = parse_rules(
        REGISTRY.replace("output: holder}", "output: holder, new_holders: false}"), "small.yaml"
    )
    assert (
        labels("US Secretary of State Marco Rubio spoke.", "role.us_secretary_of_state.holder", rules) == []
    )
    assert (
        labels("US Secretary of Commerce Gina Raimondo spoke.", "role.us_secretary_of_commerce.holder") == []
    )  # no such office
    default = parse_rules(REGISTRY, "small.yaml")
    assert labels(
        "US Secretary of State Marco Rubio spoke.", "role.us_secretary_of_state.holder", default
    ) == ["marco_rubio"]


# --- helpers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("U.S. Defense Secretary", "u.s. defence  secretary"),
        ("Kremlin spokeswoman", "Kremlin Spokesman"),
        ("the Secretary-General of Japan’s Cabinet", "Secretary General of Japan's Cabinet"),
    ],
)
def test_title_key_folds_what_the_issue_lists(left: str, right: str) -> None:
    assert title_key(left) == title_key(right)


def test_slug() -> None:
    assert slug("Ferdinand Marcos Jr") == "ferdinand_marcos_jr"
    assert slug("Jean-Yves Le Drian") == "jean_yves_le_drian"
    assert slug("Zoë Müller") == "zoe_muller"


def test_the_gate_never_fails_on_a_time_separated_difference() -> None:
    from aukus_check.gate import evaluate
    from aukus_check.ledger import empty_ledger

    separated = build_report(two_articles("2023-03-01", "2024-03-01"), BUNDLED)
    close = build_report(two_articles("2024-03-01", "2024-03-08"), BUNDLED)
    field_id = "role.japan_defence_minister.holder"
    assert field_id not in {c.conflict.field for c in evaluate(separated, empty_ledger()).unresolved}
    assert field_id in {c.conflict.field for c in evaluate(close, empty_ledger()).unresolved}
