"""Shared test helpers for plans: the audit in words."""

from __future__ import annotations

from collections.abc import Sequence

from railkpi.calc.audit import audit
from railkpi.plans.models import Plan
from railkpi.render.audit_words import WordedAudit, worded


def worded_audit(plans: Sequence[Plan], lang: str = "en") -> WordedAudit:
    """`railkpi audit` as its outputs word it: each finding with its texts and message."""
    return worded(audit(plans), lang)
