"""Pinyin of names for search (full pinyin and initials) and for sorting lists in pinyin order (pypinyin).

pypinyin's own `lazy_pinyin` segments the text and costs ~0.6 ms per name, a minute at 100,000 names. Its
dictionaries are used directly instead: a character with one reading is looked up; a polyphone takes its reading
from the longest dictionary phrase around it (银行 yín háng, 重庆 chóng qìng, 长城 cháng chéng), else its first
reading. A character pypinyin does not know (𠮷) stands for itself: it still sorts and matches. The
dictionaries take a second to load: import this module only where pinyin is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pypinyin.contrib.tone_convert import to_tone3
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict

_LONGEST_PHRASE = 4


@dataclass(frozen=True)
class NamePinyin:
    full: str  # "neimengguyiran"
    initials: str  # "nmgyr"
    sort_key: str  # "nei4 meng2 gu3 yi1 ran2", compared as text


@lru_cache(maxsize=65536)
def _char(ch: str) -> tuple[str, bool] | None:
    """(first reading with tone digit, has other readings), or None for a character without pinyin."""
    readings = pinyin_dict.get(ord(ch), "") if len(ch) == 1 else ""
    if not readings:
        return None
    first, _, others = readings.partition(",")
    return to_tone3(first, neutral_tone_with_five=True), bool(others)


@lru_cache(maxsize=65536)
def _in_phrase(context: str, i: int) -> str | None:
    """The reading of context[i] in the longest dictionary phrase around it; of equal lengths, the phrase that
    starts at i wins ("市长城": 长城 cháng, not 市长 zhǎng). Cached: the same contexts recur across names."""
    for length in range(_LONGEST_PHRASE, 1, -1):
        for start in range(i, i - length, -1):
            if start < 0 or start + length > len(context):
                continue
            found = phrases_dict.get(context[start : start + length])
            if found and len(found) == length:
                return to_tone3(found[i - start][0], neutral_tone_with_five=True)
    return None


def syllables(text: str) -> list[str]:
    """One entry per character: its pinyin with the tone as a digit (5 = neutral), or the character itself
    (lower-cased) when it has no pinyin."""
    result = []
    reach = _LONGEST_PHRASE - 1
    for i, ch in enumerate(text):
        known = _char(ch)
        if known is None:
            result.append(ch.lower())
        elif not known[1]:
            result.append(known[0])
        else:
            start = max(0, i - reach)
            result.append(_in_phrase(text[start : i + reach + 1], i - start) or known[0])
    return result


def _toneless(syllable: str) -> str:
    return syllable[:-1] if len(syllable) > 1 and syllable[-1].isdigit() else syllable


def name_pinyin(text: str) -> NamePinyin:
    """Full pinyin, initials and sort key of a (folded) name."""
    parts = syllables(text)
    plain = [_toneless(p) for p in parts]
    # Syllables apart, so "a1" (阿) sorts before "ai4" (爱) and "chang2" (长) before "chen2" (陈).
    return NamePinyin("".join(plain), "".join(p[:1] for p in plain), " ".join(parts))


def sort_key(text: str) -> str:
    return name_pinyin(text).sort_key
