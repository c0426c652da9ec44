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

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from ...messages import message
from ...plan import Plan
from ..caches import IN_MEMORY, Caches, Store
from ..content.common import data_uri, logo_bytes
from ..content.guide import guide_content
from ..content.handout import handout_content


def _css_fonts(families: Iterable[str]) -> Markup:
    """A CSS font-family list; only characters a font name needs survive, so nothing escapes the rule."""
    quoted = ['"' + re.sub(r"[^A-Za-z0-9 \-]", "", f) + '"' for f in families]
    return Markup(", ".join([q for q in quoted if q != '""'] + ["sans-serif"]))


def _svg_uri(svg: str) -> str:
    return data_uri(svg.encode(), "image/svg+xml")


def _address(text: str) -> Markup:
    """An address that wraps only where a printed one may (`address` in templates/common.typ):
    after "/" or ".", or before a run of hyphens. Each piece between stays on one line (pack.css),
    with <wbr> between. Escaping adds no "/", "." or "-", so the escaped text breaks alike."""
    marked = str(escape(text)).replace("/", "/\0").replace(".", ".\0").replace("-", "\0-")
    for run in ("-\0-", "/\0/", "/\0.", ".\0/", ".\0."):  # no break inside a run of them
        while run in marked:
            marked = marked.replace(run, run[0] + run[2])
    pieces = marked.strip("\0").replace("\0", "</span><wbr><span>")
    return Markup(f'<span class="address"><span>{pieces}</span></span>')


class _StoredBytecode(BytecodeCache):
    """Compiled templates kept in the build's store: compiling them costs a tenth of a second a run."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(bucket.key, bucket.bytecode_to_string())


@cache
def environment(store: Store = IN_MEMORY.web_templates) -> Environment:
    env = Environment(loader=PackageLoader("workshopgen", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_StoredBytecode(store))
    env.filters["css_fonts"] = _css_fonts
    env.filters["svg_uri"] = _svg_uri
    env.filters["address"] = _address
    return env


def render_page(template: str, content: dict[str, Any], kind_label: str, logo: bytes | None,
                caches: Caches = IN_MEMORY) -> bytes:
    logo_src = None
    if logo is not None and content["brand"]["logo"]:
        logo_src = data_uri(logo, f"image/{'png' if content['brand']['logo']['format'] == 'png' else 'jpeg'}")
    page = environment(caches.web_templates).get_template(template)
    html = page.render(c=content, kind_label=kind_label, logo_src=logo_src)
    return html.encode()


def render_html(plan: Plan, assets: Mapping[str, bytes], caches: Caches = IN_MEMORY) -> dict[str, bytes]:
    language = plan.workshop.language
    logo = logo_bytes(plan, assets)
    return {
        f"{plan.output_id}-guide.html": render_page(
            "guide.html.j2", guide_content(plan, assets, caches), message("guide_title", language), logo, caches),
        f"{plan.output_id}-handout.html": render_page(
            "handout.html.j2", handout_content(plan, assets, caches), message("handout_title", language), logo,
            caches),
    }
