"""Texts of the live rank view (lowrank/ui/live_rank.py); ``{k}`` is filled in by the browser."""

MESSAGES: dict[str, dict[str, str]] = {
    "live.badge": {"zh": "实时 · k = {k}", "en": "live · k = {k}"},
}
