"""Printing records: a readable table for people, JSON, JSON Lines or CSV for programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from tabulate import tabulate

FORMATS = ("table", "json", "jsonl", "csv")


def render(rows: Sequence[dict], fmt: str, table: Callable[[dict], dict] | None = None, widths: dict[str, int] | None = None) -> str:
    """``rows`` as ``fmt``; for tables, ``table`` picks and shapes the columns and ``widths`` wraps them."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
            writer.writeheader()
            for row in rows:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        return buffer.getvalue().rstrip("\n")
    if fmt == "table":
        shaped = [table(r) for r in rows] if table else list(rows)
        if not shaped:
            return "(nothing found)"
        columns = list(shaped[0])
        max_widths = [(widths or {}).get(c) for c in columns]
        return tabulate([[r[c] for c in columns] for r in shaped], headers=columns, tablefmt="simple_grid",
                        maxcolwidths=max_widths, disable_numparse=True)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
