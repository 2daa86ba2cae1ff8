"""Read the models a reader selected in a chart back from its event."""
from __future__ import annotations

from collections.abc import Mapping


def selected_models(event: object) -> list[str]:
    """Model names of the points or bars selected in a chart (st.plotly_chart's on_select event)."""
    if not event:
        return []
    selection = event.get("selection", {}) if isinstance(event, Mapping) else getattr(event, "selection", {})
    points = selection.get("points", []) if isinstance(selection, Mapping) else getattr(selection, "points", [])
    names = []
    for point in points or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, (list, tuple)) and data:
            names.append(str(data[0]))
        elif isinstance(data, str):
            names.append(data)
    return list(dict.fromkeys(names))

