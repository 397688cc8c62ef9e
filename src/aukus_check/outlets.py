"""Well-known news outlets, so an article's citations can be recognised in running text.

Names are matched case-sensitively as whole words; a rules file may add outlets of its own.
Ambiguous names ("The Australian", "RT", "The Hill") are left out on purpose: they are
ordinary words too often.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

KNOWN_OUTLETS: Mapping[str, tuple[str, ...]] = {
    "ABC News": ("ABC News", "Australian Broadcasting Corporation"),
    "Agence France-Presse": ("Agence France-Presse", "AFP"),
    "Al Jazeera": ("Al Jazeera",),
    "Asahi Shimbun": ("Asahi Shimbun", "Asahi"),
    "Associated Press": ("Associated Press",),
    "BBC": ("BBC",),
    "Bloomberg": ("Bloomberg",),
    "Breaking Defense": ("Breaking Defense",),
    "CNN": ("CNN",),
    "Defense News": ("Defense News",),
    "Financial Times": ("Financial Times",),
    "Global Times": ("Global Times",),
    "Jiji Press": ("Jiji Press", "Jiji"),
    "Kyodo News": ("Kyodo News", "Kyodo", "KYODO"),
    "Mainichi Shimbun": ("Mainichi Shimbun", "Mainichi"),
    "NHK": ("NHK",),
    "Nikkei Asia": ("Nikkei Asia", "Nikkei Asian Review", "Nikkei"),
    "Politico": ("Politico",),
    "Reuters": ("Reuters",),
    "RIA Novosti": ("RIA Novosti",),
    "Sankei Shimbun": ("Sankei Shimbun", "Sankei"),
    "South China Morning Post": ("South China Morning Post", "SCMP"),
    "Sydney Morning Herald": ("Sydney Morning Herald",),
    "TASS": ("TASS",),
    "The Diplomat": ("The Diplomat",),
    "The Economist": ("The Economist",),
    "The Guardian": ("The Guardian",),
    "The Japan Times": ("The Japan Times", "Japan Times"),
    "The New York Times": ("The New York Times", "New York Times"),
    "The Wall Street Journal": ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
    "The Washington Post": ("The Washington Post", "Washington Post"),
    "Xinhua": ("Xinhua",),
    "Yomiuri Shimbun": ("Yomiuri Shimbun", "Yomiuri"),
}


@dataclass(frozen=True)
class OutletMatcher:
    """Finds outlet names in text and maps any alias to its canonical name."""

    pattern: Any
    """An RE2 pattern: one DFA pass over an article finds every outlet name."""
    canonical: Mapping[str, str]

    def canonical_name(self, surface: str) -> str:
        """The canonical name for an alias (case-insensitive), or the surface form itself."""
        return self.canonical.get(surface.casefold(), surface.strip())


def build_outlet_matcher(extra: Iterable[tuple[str, Iterable[str]]] = ()) -> OutletMatcher:
    """Compile the known outlets plus a rules file's own into one matcher."""
    canonical: dict[str, str] = {}
    for name, aliases in [*KNOWN_OUTLETS.items(), *extra]:
        for alias in (name, *aliases):
            canonical[alias.casefold()] = name
    aliases_longest_first = sorted(
        {alias for name, aliases in [*KNOWN_OUTLETS.items(), *extra] for alias in (name, *aliases)},
        key=lambda alias: (-len(alias), alias),
    )
    import re2

    from aukus_check.re2_spans import options

    alternation = "|".join(re.escape(alias) for alias in aliases_longest_first)
    return OutletMatcher(re2.compile(rf"\b(?:{alternation})\b", options()), canonical)
