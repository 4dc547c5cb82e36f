"""The JSON Schema of plan files (`railkpi schema`), for editors."""

from __future__ import annotations

from typing import Any

from railkpi.plans.models import Plan


def plan_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **Plan.model_json_schema()}
