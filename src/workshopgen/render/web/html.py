"""Web versions of the guide and the handout: the same content as the PDFs, as accessible HTML.

GOV.UK and NHS guidance prefer HTML to PDF, so these carry everything the printed versions do,
with real headings, tables with header cells, alt text on every image and a print stylesheet.
Each page is one self-contained file: pictures are embedded, so it can be emailed or shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from ...cache import user_cache
from ...messages import message
from ...plan import Plan
from ..content.common import data_uri, logo_bytes
from ..content.guide import guide_content
from ..content.handout import handout_content


def _css_fonts(families: Iterable[str]) -> Markup:
    """A CSS font-family list; only characters a font name needs survive, so nothing escapes the rule."""
    quoted = ['"' + re.sub(r"[^A-Za-z0-9 \-]", "", f) + '"' for f in families]
    return Markup(", ".join([q for q in quoted if q != '""'] + ["sans-serif"]))


def _svg_uri(svg: str) -> str:
    return data_uri(svg.encode(), "image/svg+xml")


@cache
def environment() -> Environment:
    folder = user_cache("jinja")  # compiled templates kept between runs: a tenth of a second each time
    env = Environment(loader=PackageLoader("workshopgen", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=FileSystemBytecodeCache(str(folder)) if folder else None)
    env.filters["css_fonts"] = _css_fonts
    env.filters["svg_uri"] = _svg_uri
    return env


def render_page(template: str, content: dict[str, Any], kind_label: str, logo: bytes | None) -> bytes:
    logo_src = None
    if logo is not None and content["brand"]["logo"]:
        logo_src = data_uri(logo, f"image/{'png' if content['brand']['logo']['format'] == 'png' else 'jpeg'}")
    html = environment().get_template(template).render(c=content, kind_label=kind_label, logo_src=logo_src)
    return html.encode()


def render_html(plan: Plan, assets: Mapping[str, bytes]) -> dict[str, bytes]:
    language = plan.workshop.language
    logo = logo_bytes(plan, assets)
    return {
        f"{plan.output_id}-guide.html": render_page(
            "guide.html.j2", guide_content(plan, assets), message("guide_title", language), logo),
        f"{plan.output_id}-handout.html": render_page(
            "handout.html.j2", handout_content(plan, assets), message("handout_title", language), logo),
    }
