"""Every user-facing string, in Chinese and English, split by area into the modules here.

Each entry is (zh, en). Templates use str.format fields; the code that raises a problem or a
note passes the fields by name. `problems.PROBLEM_MESSAGES` gathers every problem code.
"""

from __future__ import annotations

Bilingual = tuple[str, str]


def pick(text: Bilingual, lang: str) -> str:
    return text[0] if lang == "zh" else text[1]
