"""The JSON writer every JSON output uses (render/json_common.dump): the standard library's
indented text exactly, −0.0 as 0.0, and the standard library's error where it refuses."""

from __future__ import annotations

import enum
import io
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railkpi.render.json_common import _no_negative_zero, dump

scalars = (st.none() | st.booleans() | st.integers() | st.text()
           | st.floats(allow_nan=False, allow_infinity=False))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.tuples(inner, inner)
                         | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                         max_leaves=40)


def written(document: Any) -> str:
    out = io.StringIO()
    dump(document, out)
    return out.getvalue()


def standard(document: Any) -> str:
    return json.dumps(_no_negative_zero(document), ensure_ascii=False, indent=2,
                      allow_nan=False) + "\n"


@given(st.dictionaries(st.text(max_size=5), documents, max_size=5))
def test_the_text_is_the_standard_librarys(document: dict[str, Any]) -> None:
    assert written(document) == standard(document)


class Colour(str, enum.Enum):
    red = "red"


class Count(enum.IntEnum):
    three = 3


def test_values_written_by_hand() -> None:
    document = {"zero": -0.0, "list": [-0.0, 1e16, 0.1, -2], "empty": {}, "none": [],
                "tuple": (1, "二"), "quote": 'a "b"\n\tc\u2028', "enum": Colour.red,
                "count": Count.three, "flags": [True, False, None], "big": 10**30}
    text = written(document)
    assert text == standard(document)
    assert '"zero": 0.0,' in text and "-0.0" not in text and '"enum": "red"' in text
    assert text.startswith('{\n  "zero": 0.0,\n  "list": [\n    0.0,\n    1e+16,')


@pytest.mark.parametrize("document", [{"x": math.nan}, {"x": [math.inf]}, {1: "a"},
                                      {"x": {1.5: "a"}}, {"x": object()}])
def test_what_it_does_not_take_goes_to_the_standard_library(document: dict[Any, Any]) -> None:
    try:
        expected: str | type[Exception] = standard(document)
    except (TypeError, ValueError) as exc:
        expected = type(exc)
    if isinstance(expected, str):
        assert written(document) == expected  # non-text keys: converted as json does
    else:
        with pytest.raises(expected):
            written(document)
