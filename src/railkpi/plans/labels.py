"""How labels are matched — row labels, headers, units, segments, firm names: full-width
folded (NFKC), case-folded, spaces removed. One function, used everywhere a label is compared."""

from __future__ import annotations

import re
import unicodedata

from railkpi.plans.models import Indicator

_SPACE = re.compile(r"\s")


def normalise_label(text: str) -> str:
    """How labels are matched — row labels, headers, units, segments, firm names: full-width
    folded (NFKC), case-folded, spaces removed. Most labels have no space: no new string."""
    key = unicodedata.normalize("NFKC", text).casefold()
    return "".join(key.split()) if _SPACE.search(key) else key


def labels_of(indicator_id: str, indicator: Indicator) -> list[str]:
    names = [indicator_id, indicator.name.zh, indicator.name.en, *indicator.aliases]
    return list(dict.fromkeys(normalise_label(n) for n in names))
