"""The unified social credit codes (统一社会信用代码) a roster's firm-years were read with: one
code is one firm, so a code met twice in one year is a firm listed twice, whatever its names
(北京甲有限公司, 北京甲有限责任公司). Row by row each code is kept with its cell; a chunk of the
fast path keeps its codes in one set per year, and the chunk to find a row again if needed."""

from __future__ import annotations

from railkpi.plans.labels import normalise_label

#: (sheet, row, column) of a cell.
Where = tuple[str, int, int]


def code_key(code: str) -> str:
    """How codes are compared: ９１１１… and 91110106 ma01-… are 91110106MA01…"""
    return normalise_label(code).replace("-", "")


class CreditCodes:
    """The codes seen so far, per year, across every roster sheet of a workbook."""

    def __init__(self) -> None:
        #: (code key, year) → the cell and firm name of its first row, read row by row.
        self.seen: dict[tuple[str, int], tuple[Where, str]] = {}
        #: Codes read a chunk at a time: per year a set of keys, and the chunks in order
        #: (sheet, column, first row, keys ("" for none), years, names).
        self.fast: dict[int, set[str]] = {}
        self.chunks: list[tuple[str, int, int, list[str], list[int], list[str]]] = []

    def first(self, key: tuple[str, int]) -> tuple[Where, str] | None:
        """The cell and firm name of the row a code was first read with that year, if any."""
        if key in self.seen:
            return self.seen[key]
        code, year = key
        if code in self.fast.get(year, ()):
            for sheet, column, first_row, keys, years, names in self.chunks:
                for offset, pair in enumerate(zip(keys, years, strict=True)):
                    if pair == key:
                        return (sheet, first_row + offset, column), names[offset]
        return None

    def add(self, key: tuple[str, int], where: Where, name: str) -> None:
        self.seen[key] = (where, name)

    def all_new(self, keys: list[str], years: list[int]) -> bool:
        """Whether no code of a chunk ("" where a row has none) is there twice or seen before
        in its year."""
        pairs = [pair for pair in zip(keys, years, strict=True) if pair[0]]
        if len(set(pairs)) != len(pairs):
            return False
        if self.seen and not self.seen.keys().isdisjoint(pairs):
            return False
        fast = self.fast
        return not any(code in fast.get(year, ()) for code, year in pairs)

    def add_chunk(self, sheet: str, column: int, first_row: int, keys: list[str],
                  years: list[int], names: list[str]) -> None:
        """Keep a chunk's codes (checked by all_new)."""
        for code, year in zip(keys, years, strict=True):
            if code:
                self.fast.setdefault(year, set()).add(code)
        self.chunks.append((sheet, column, first_row, keys, years, names))
