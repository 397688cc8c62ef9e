"""The English the tool knows: word forms (`forms`) and word classes (`words`), in one place.

Rules name words by their base form and `forms` generates the rest; modality, the date kind's
tense and the stance kind read clauses with the closed classes of `words`. No other module
keeps a list of general English words (tests/test_english.py looks for one).
"""

from aukus_check.english.forms import noun_forms, participles, verb_forms
from aukus_check.english.words import VERB_GROUP_WORD, word_alternation, word_regex

__all__ = ["VERB_GROUP_WORD", "noun_forms", "participles", "verb_forms", "word_alternation", "word_regex"]
