"""The English the tool knows about word forms: inflections generated from a base form.

Rules name words once, by their base form ("consider", "take part", "invitation"), and the
tool generates the forms articles use: "considers", "considered", "considering"; "took part",
"taken part"; "invitations". Irregular verbs come from a table; the rest follow the regular
spelling rules, over-generating where English is ambiguous (both "committed" and "commited"):
a form no article writes costs nothing, a form that is missing costs a reading.
"""

from __future__ import annotations

from functools import cache

_IRREGULAR: dict[str, tuple[str, str]] = {
    # base: (past, past participle)
    "arise": ("arose", "arisen"),
    "be": ("was", "been"),
    "become": ("became", "become"),
    "begin": ("began", "begun"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "buy": ("bought", "bought"),
    "choose": ("chose", "chosen"),
    "come": ("came", "come"),
    "deal": ("dealt", "dealt"),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"),
    "fight": ("fought", "fought"),
    "find": ("found", "found"),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forge": ("forged", "forged"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "have": ("had", "had"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "know": ("knew", "known"),
    "lay": ("laid", "laid"),
    "lead": ("led", "led"),
    "leave": ("left", "left"),
    "let": ("let", "let"),
    "make": ("made", "made"),
    "mean": ("meant", "meant"),
    "meet": ("met", "met"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "rise": ("rose", "risen"),
    "run": ("ran", "run"),
    "say": ("said", "said"),
    "see": ("saw", "seen"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "show": ("showed", "shown"),
    "shut": ("shut", "shut"),
    "sign": ("signed", "signed"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "stand": ("stood", "stood"),
    "strike": ("struck", "struck"),
    "take": ("took", "taken"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "undertake": ("undertook", "undertaken"),
    "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"),
}
_VOWELS = "aeiou"
_SIBILANT_ENDINGS = ("s", "sh", "ch", "x", "z", "o")


def _split(phrase: str) -> tuple[str, str]:
    """A multiword verb's head and the rest: 'take part' -> ('take', ' part')."""
    words = phrase.strip().split(" ", 1)
    return words[0], (" " + words[1]) if len(words) > 1 else ""


def _doubles(word: str) -> bool:
    """Ends in consonant-vowel-consonant, so the last consonant may double ('plan' -> 'planned')."""
    return (
        len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS
    )


@cache
def verb_forms(phrase: str) -> tuple[str, ...]:
    """Every form of a verb (or a verb phrase, inflected on its first word), base form first."""
    head, rest = _split(phrase.lower())
    forms: list[str] = [head]
    if head.endswith("y") and len(head) > 1 and head[-2] not in _VOWELS:
        forms += [head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith("ie"):
        forms += [head + "s", head + "d", head[:-2] + "ying"]
    elif head.endswith(("ee", "ye", "oe")):  # agreeing, eyeing, canoeing
        forms += [head + "s", head + "d", head + "ing"]
    elif head.endswith("e"):
        forms += [head + "s", head + "d", head[:-1] + "ing"]
    else:
        forms.append(head + ("es" if head.endswith(_SIBILANT_ENDINGS) else "s"))
        forms += [head + "ed", head + "ing"]
        if _doubles(head):
            forms += [head + head[-1] + "ed", head + head[-1] + "ing"]
    if head in _IRREGULAR:
        past, participle = _IRREGULAR[head]
        forms = [f for f in forms if not f.endswith("ed") or f in (past, participle)]
        forms += [past, participle]
        if head == "be":
            forms += ["is", "are", "am", "were", "being"]
    return tuple(dict.fromkeys(form + rest for form in forms))


@cache
def participles(phrase: str) -> tuple[str, ...]:
    """The past participle(s) of a verb: 'invite' -> ('invited',), 'take part' -> ('taken part',)."""
    head, rest = _split(phrase.lower())
    if head in _IRREGULAR:
        return (_IRREGULAR[head][1] + rest,)
    return tuple(f for f in verb_forms(phrase) if f.split(" ", 1)[0].endswith("ed"))


@cache
def noun_forms(phrase: str) -> tuple[str, ...]:
    """Singular and plural of a noun (or a phrase, inflected on its last word)."""
    words = phrase.strip().lower().rsplit(" ", 1)
    lead, last = ("", words[0]) if len(words) == 1 else (words[0] + " ", words[1])
    if last.endswith("y") and len(last) > 1 and last[-2] not in _VOWELS:
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        plural = last + "es"
    else:
        plural = last + "s"
    return (lead + last, lead + plural)
