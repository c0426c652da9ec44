"""What the guide and the handout share, in print and on the web: labels, branding, QR entries.

Each document's content is a plain dict built from the plan once and handed both to Typst (as
JSON) and to jinja2, so the PDF and the HTML version cannot say different things.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from ...assets import is_png
from ...messages import CATALOGUE, Language, long_date, message
from ...plan import Plan, PlannedResource, QrCode
from ..caches import Store
from ..qr import QUIET_ZONE_MODULES, modules, qr_svg

# The code itself (quiet zone excluded) is at least this wide, so phones read it at arm's length,
# and no module is narrower than MIN_MODULE_MM, so long addresses still print crisply.
MIN_SYMBOL_MM = 22.0
MIN_MODULE_MM = 0.42
# Arial's metrics under its free name first, so text measures the same as in the decks; DejaVu
# Sans has every glyph the others lack (Welsh ŵ and ŷ included).
FALLBACK_FONTS = ("Liberation Sans", "Arimo", "Arial", "DejaVu Sans")


def font_stack(preferred: str) -> list[str]:
    """The branding font if the machine has it, then fonts that degrade gracefully."""
    return [preferred, *(f for f in FALLBACK_FONTS if f.casefold() != preferred.casefold())]


def labels(language: Language) -> dict[str, str]:
    """Every fixed string in the document's language, placeholders left for the template."""
    return {key: texts[language] for key, texts in CATALOGUE.items()}


def qr_width_mm(payload: str, store: Store) -> float:
    """Printed width of a code, quiet zone included."""
    total = modules(payload, store)
    symbol = total - 2 * QUIET_ZONE_MODULES
    return round(max(MIN_SYMBOL_MM * total / symbol, MIN_MODULE_MM * total), 1)


def qr_entry(code: QrCode, store: Store) -> dict[str, Any]:
    width = qr_width_mm(code.payload, store)
    return {"payload": code.payload, "display": code.display, "alt": code.alt, "svg": qr_svg(code.payload, store),
            "width_mm": width,
            # The white margin round the code, so the text beside it can start level with the code itself.
            "quiet_mm": round(width * QUIET_ZONE_MODULES / modules(code.payload, store), 1)}


def qr_column(entries: list[dict[str, Any] | None]) -> dict[str, float]:
    """The column codes sit in: as wide as the widest code in the document, and where the codes'
    own left edges fall in it (after their quiet zones), for text to line up with them."""
    codes = [e for e in entries if e]
    return {"qr_column_mm": max((e["width_mm"] for e in codes), default=MIN_SYMBOL_MM),
            "qr_quiet_mm": max((e["quiet_mm"] for e in codes), default=0.0)}


def resource_entry(planned: PlannedResource, language: Language, store: Store) -> dict[str, Any]:
    resource = planned.resource
    source = ", ".join(part for part in (resource.publisher, str(resource.year) if resource.year else None) if part)
    return {
        "id": resource.id, "title": resource.title, "source": source,
        "kind": message(f"kind_{resource.kind}", language), "description": resource.description,
        "url": resource.url, "display": planned.display_url,
        "qr": qr_entry(planned.qr, store) if planned.qr else None,
    }


def branding(plan: Plan, assets: Mapping[str, bytes]) -> dict[str, Any]:
    brand = plan.workshop.branding
    colours = brand.colours
    logo = None
    if brand.logo and brand.logo.path in assets:
        logo = {"alt": brand.logo.alt, "format": image_format(assets[brand.logo.path])}
    return {
        "organisation": brand.organisation,
        "colours": {"primary": colours.primary, "text": colours.text, "background": colours.background},
        "body_font": brand.fonts.body, "heading_font": brand.fonts.heading, "logo": logo,
    }


def logo_bytes(plan: Plan, assets: Mapping[str, bytes]) -> bytes | None:
    logo = plan.workshop.branding.logo
    return assets.get(logo.path) if logo else None


def image_format(data: bytes) -> str:
    return "png" if is_png(data) else "jpg"


def data_uri(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def document_basics(plan: Plan, assets: Mapping[str, bytes], kind: str, title_key: str) -> dict[str, Any]:
    """What the guide and the handout both open with: language, labels, titles, brand and fonts."""
    workshop = plan.workshop
    language = workshop.language
    brand = branding(plan, assets)
    return {
        "kind": kind,
        "lang": language,
        "labels": labels(language),
        "doc_title": f"{workshop.title}: {message(title_key, language)}",
        "title": workshop.title,
        "subtitle": workshop.subtitle,
        "event_line": event_line(plan),
        "date": {part: getattr(plan.moment, part) for part in ("year", "month", "day", "hour", "minute", "second")},
        "brand": brand,
        "fonts": {"body": font_stack(brand["body_font"]), "heading": font_stack(brand["heading_font"])},
    }


def event_line(plan: Plan) -> list[str]:
    """Date, venue and organisation, for the top of the handout and the guide."""
    event, language = plan.workshop.event, plan.workshop.language
    parts = [long_date(event.date, language) if event.date else None, event.venue,
             plan.workshop.branding.organisation]
    return [p for p in parts if p]


def slide_ranges(numbers: list[int]) -> str:
    """Slide numbers as a facilitator reads them: 4–6, 9."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
