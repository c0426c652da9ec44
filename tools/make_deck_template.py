"""Generate the built-in 16:9 deck template and the summary of its layouts the plan fits text to.

    .venv/bin/python tools/make_deck_template.py            # writes src/workshopgen/templates/deck-16x9.*
    .venv/bin/python tools/make_deck_template.py --check    # exits 1 if the committed files differ

The template is written part by part, not edited from python-pptx's 4:3 default, so every
placeholder spans the 13.333 x 7.5 in slide and the theme carries the NHS palette and Arial.
The same script always writes the same bytes: fixed zip times, no ids drawn at random.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from workshopgen.deck_template import BUILTIN_SUMMARY, BUILTIN_TEMPLATE, open_presentation, summarise  # noqa: E402

OUT = ROOT / "src" / "workshopgen" / "templates"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
IN = 914400  # EMU per inch
WIDTH, HEIGHT = 12192000, 6858000  # 13.333 x 7.5 in
MARGIN = round(0.6 * IN)
CONTENT_W = WIDTH - 2 * MARGIN

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.presentationml"

# The NHS palette: dk1 text, lt1 background, dk2 NHS Dark Blue, accent1 NHS Blue, accent3 NHS Light Blue.
COLOURS = {
    "dk1": "231F20", "lt1": "FFFFFF", "dk2": "003087", "lt2": "E8EDEE", "accent1": "005EB8",
    "accent2": "003087", "accent3": "41B6E6", "accent4": "007F3B", "accent5": "330072", "accent6": "7C2855",
    "hlink": "005EB8", "folHlink": "330072",
}
FONT = "Arial"
WHITE = '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'


def inches(value: float) -> int:
    return round(value * IN)


# Frames (left, top, width, height) in EMU.
TITLE = (MARGIN, inches(0.35), CONTENT_W, inches(1.1))
BODY = (MARGIN, inches(1.75), CONTENT_W, inches(4.95))
HALF_W = (CONTENT_W - inches(0.4)) // 2
SLIDE_NUMBER = (WIDTH - MARGIN - inches(1.2), inches(6.95), inches(1.2), inches(0.4))


def rels(items: list[tuple[str, str]], package: bool = False) -> str:
    body = "".join(f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
                   for n, (kind, target) in enumerate(items, start=1))
    return f'{XML}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def xfrm(frame: tuple[int, int, int, int]) -> str:
    left, top, width, height = frame
    return f'<a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'


def level_style(n: int, size: int, *, bullet: bool, colour: str = '<a:schemeClr val="tx1"/>',
                bold: bool = False, font: str = "+mn-lt") -> str:
    """One `a:lvlNpPr` of a text style."""
    indent = 342900
    margin = indent * n if bullet else 0
    bullets = ('<a:buFont typeface="Arial"/><a:buChar char="•"/>' if bullet else "<a:buNone/>")
    return (f'<a:lvl{n}pPr marL="{margin}" indent="{-indent if bullet else 0}" algn="l" rtl="0">'
            '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{600 if bullet else 0}"/></a:spcBef>{bullets}'
            f'<a:defRPr sz="{size * 100}" b="{int(bold)}" kern="1200"><a:solidFill>{colour}</a:solidFill>'
            f'<a:latin typeface="{font}"/><a:ea typeface="{font.replace("lt", "ea")}"/>'
            f'<a:cs typeface="{font.replace("lt", "cs")}"/></a:defRPr></a:lvl{n}pPr>')


def placeholder(shape_id: int, name: str, ph: str, frame: tuple[int, int, int, int] | None, *,
                anchor: str = "t", lst: str = "", prompt: str = "", locks: str = '<a:spLocks noGrp="1"/>') -> str:
    geometry = f'{xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if frame else ""
    text = (f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{escape(prompt)}</a:t></a:r></a:p>' if prompt
            else '<a:p><a:endParaRPr lang="en-GB"/></a:p>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>{locks}</p:cNvSpPr>'
            f'<p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{geometry}</p:spPr>'
            f'<p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0" '
            f'anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle>{lst}</a:lstStyle>{text}</p:txBody></p:sp>')


def slide_number(shape_id: int, *, white: bool = False) -> str:
    geometry = f'{xfrm(SLIDE_NUMBER)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    colour = WHITE if white else '<a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number Placeholder {shape_id - 1}"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/>'
            f'</p:nvPr></p:nvSpPr><p:spPr>{geometry}</p:spPr><p:txBody><a:bodyPr vert="horz" lIns="91440" '
            'tIns="45720" rIns="91440" bIns="45720" rtlCol="0" anchor="ctr"/><a:lstStyle><a:lvl1pPr algn="r">'
            f'<a:defRPr sz="1200">{colour}</a:defRPr></a:lvl1pPr>'
            '</a:lstStyle><a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
            '<a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>')


def rectangle(shape_id: int, name: str, frame: tuple[int, int, int, int], fill: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
            f'</p:nvSpPr><p:spPr>{xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill>{fill}</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p>'
            '</p:txBody></p:sp>')


def tree(shapes: str) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree>')


def size_style(size: int, *, white: bool = False, bold: bool | None = None, italic: bool = False,
               bullet_none: bool = False) -> str:
    attributes = f' sz="{size * 100}"' + (f' b="{int(bold)}"' if bold is not None else "")
    attributes += ' i="1"' if italic else ""
    paragraph = ' marL="0" indent="0"' if bullet_none else ""
    return (f'<a:lvl1pPr{paragraph}>{"<a:buNone/>" if bullet_none else ""}<a:defRPr{attributes}>'
            f'{WHITE if white else ""}</a:defRPr></a:lvl1pPr>')


CLR_MAP = ('<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
           'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
           'folHlink="folHlink"/>')


def master(layout_count: int) -> str:
    shapes = (placeholder(2, "Title Placeholder 1", '<p:ph type="title"/>', TITLE, anchor="b",
                          prompt="Click to edit the title")
              + placeholder(3, "Text Placeholder 2", '<p:ph type="body" idx="1"/>', BODY,
                            prompt="Click to edit the text")
              + rectangle(4, "Title rule", (MARGIN + 91440, inches(1.5), inches(1.6), inches(0.06)),
                          '<a:schemeClr val="accent3"/>')
              + slide_number(5))
    title_style = level_style(1, 36, bullet=False, colour='<a:schemeClr val="accent1"/>', bold=True, font="+mj-lt")
    body_style = "".join(level_style(n, size, bullet=True) for n, size in
                         zip(range(1, 10), (28, 24, 20, 20, 20, 20, 20, 20, 20), strict=True))
    other_style = ('<a:defPPr><a:defRPr lang="en-GB"/></a:defPPr>'
                   + "".join(f'<a:lvl{n}pPr marL="{(n - 1) * 457200}" algn="l" rtl="0"><a:defRPr sz="1800" '
                             'kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin '
                             'typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr>'
                             f'</a:lvl{n}pPr>' for n in range(1, 10)))
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + n}" r:id="rId{n + 1}"/>' for n in range(layout_count))
    return (f'{XML}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill>'
            f'<a:effectLst/></p:bgPr></p:bg>{tree(shapes)}</p:cSld>{CLR_MAP}<p:sldLayoutIdLst>{ids}'
            f'</p:sldLayoutIdLst><p:txStyles><p:titleStyle>{title_style}</p:titleStyle><p:bodyStyle>{body_style}'
            f'</p:bodyStyle><p:otherStyle>{other_style}</p:otherStyle></p:txStyles></p:sldMaster>')


def layout(name: str, kind: str | None, shapes: str, *, master_shapes: bool = True, background: str = "") -> str:
    show = ("" if master_shapes else ' showMasterSp="0"') + (f' type="{kind}"' if kind else "")
    bg = (f'<p:bg><p:bgPr><a:solidFill>{background}</a:solidFill><a:effectLst/></p:bgPr></p:bg>'
          if background else "")
    return (f'{XML}<p:sldLayout {NS} preserve="1"{show}><p:cSld name="{name}">{bg}{tree(shapes)}'
            '</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def title_ph(shape_id: int = 2, frame: tuple[int, int, int, int] | None = None, ph: str = '<p:ph type="title"/>',
             lst: str = "", anchor: str = "b") -> str:
    return placeholder(shape_id, f"Title {shape_id - 1}", ph, frame or TITLE, anchor=anchor, lst=lst,
                       prompt="Click to edit the title")


def layouts() -> list[str]:
    band = inches(1.45)
    title_slide = layout("Title Slide", "title", (
        rectangle(2, "Colour block", (0, band, WIDTH, HEIGHT - band), '<a:schemeClr val="accent1"/>')
        + title_ph(3, (MARGIN, inches(1.9), CONTENT_W, inches(2.3)), '<p:ph type="ctrTitle"/>',
                   size_style(44, white=True, bold=True))
        + placeholder(4, "Subtitle 3", '<p:ph type="subTitle" idx="1"/>', (MARGIN, inches(4.4), CONTENT_W,
                      inches(2.7)), lst=size_style(24, white=True, bullet_none=True),
                      prompt="Click to edit the subtitle")
    ), master_shapes=False)
    section = layout("Section Header", "secHead", (
        title_ph(2, (MARGIN, inches(1.6), CONTENT_W, inches(2.4)), lst=size_style(40, white=True, bold=True))
        + placeholder(3, "Text Placeholder 2", '<p:ph type="body" idx="1"/>',
                      (MARGIN, inches(4.2), CONTENT_W, inches(2.5)),
                      lst=size_style(28, white=True, bullet_none=True), prompt="Click to edit the text")
        + slide_number(4, white=True)
    ), master_shapes=False, background='<a:schemeClr val="accent1"/>')
    content = layout("Title and Content", "obj", (
        title_ph() + placeholder(3, "Content Placeholder 2", '<p:ph idx="1"/>', BODY, prompt="Click to edit the text")
        + slide_number(4)))
    two = layout("Two Content", "twoObj", (
        title_ph()
        + placeholder(3, "Content Placeholder 2", '<p:ph sz="half" idx="1"/>', (MARGIN, BODY[1], HALF_W, BODY[3]),
                      lst=size_style(24), prompt="Click to edit the text")
        + placeholder(4, "Content Placeholder 3", '<p:ph sz="half" idx="2"/>',
                      (WIDTH - MARGIN - HALF_W, BODY[1], HALF_W, BODY[3]), lst=size_style(24),
                      prompt="Click to edit the text")
        + slide_number(5)))
    quote = layout("Quote", None, (  # a custom layout, as PowerPoint writes them: no type
        title_ph()
        + rectangle(3, "Quote rule", (MARGIN + inches(0.3), inches(2.0), inches(0.1), inches(4.3)),
                    '<a:schemeClr val="accent3"/>')
        + placeholder(4, "Text Placeholder 3", '<p:ph type="body" idx="1"/>',
                      (MARGIN + inches(0.7), inches(1.95), CONTENT_W - inches(1.4), inches(4.6)),
                      lst=size_style(32, bullet_none=True), prompt="Click to edit the quotation")
        + slide_number(5)))
    picture_w = inches(6.0)
    picture = layout("Picture with Caption", "picTx", (
        title_ph()
        + placeholder(3, "Picture Placeholder 2", '<p:ph type="pic" idx="1"/>', (MARGIN, BODY[1], picture_w, BODY[3]),
                      prompt="Click the icon to add a picture", locks='<a:spLocks noGrp="1" noChangeAspect="1"/>')
        + placeholder(4, "Text Placeholder 3", '<p:ph type="body" sz="half" idx="2"/>',
                      (MARGIN + picture_w + inches(0.35), BODY[1], CONTENT_W - picture_w - inches(0.35), BODY[3]),
                      lst=size_style(24, bullet_none=True), prompt="Click to edit the caption")
        + slide_number(5)))
    title_only = layout("Title Only", "titleOnly", title_ph() + slide_number(3))
    blank = layout("Blank", "blank", slide_number(2))
    return [title_slide, section, content, two, quote, picture, title_only, blank]


def theme(name: str) -> str:
    colours = "".join(f'<a:{key}><a:srgbClr val="{value}"/></a:{key}>' for key, value in COLOURS.items())
    fonts = "".join(f'<a:{kind}><a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/></a:{kind}>'
                    for kind in ("majorFont", "minorFont"))
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = (f'<a:ln w="{{w}}" cap="flat" cmpd="sng" algn="ctr">{fill}<a:prstDash val="solid"/>'
            '<a:miter lim="800000"/></a:ln>')
    lines = "".join(line.format(w=w) for w in (6350, 12700, 19050))
    effects = '<a:effectStyle><a:effectLst/></a:effectStyle>' * 3
    return (f'{XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{name}">'
            f'<a:themeElements><a:clrScheme name="NHS">{colours}</a:clrScheme><a:fontScheme name="NHS">{fonts}'
            f'</a:fontScheme><a:fmtScheme name="NHS"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{lines}</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
            '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


def notes_master() -> str:
    image = ('<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" '
             'noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr>'
             f'<p:spPr>{xfrm((685800, 1143000, 5486400, 3086100))}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
             '<a:noFill/><a:ln w="12700"><a:solidFill><a:prstClr val="black"/></a:solidFill></a:ln></p:spPr></p:sp>')
    body = placeholder(3, "Notes Placeholder 2", '<p:ph type="body" sz="quarter" idx="3"/>',
                       (685800, 4400550, 5486400, 3600450), prompt="Click to edit the notes")
    number = ('<p:sp><p:nvSpPr><p:cNvPr id="4" name="Slide Number Placeholder 3"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
              '</p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="5"/></p:nvPr></p:nvSpPr><p:spPr>'
              f'{xfrm((3884613, 8685213, 2971800, 458787))}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
              '<p:txBody><a:bodyPr anchor="b"/><a:lstStyle><a:lvl1pPr algn="r"><a:defRPr sz="1200"/></a:lvl1pPr>'
              '</a:lstStyle><a:p><a:fld id="{7C4E8E4B-2B7D-4F3C-9A61-0E5B2C6C1D20}" type="slidenum">'
              '<a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>')
    style = "".join(f'<a:lvl{n}pPr marL="{(n - 1) * 457200}" algn="l" rtl="0"><a:defRPr sz="1400" kern="1200">'
                    '<a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/>'
                    f'<a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>'
                    for n in range(1, 10))
    return (f'{XML}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef>'
            f'</p:bg>{tree(image + body + number)}</p:cSld>{CLR_MAP}<p:notesStyle>{style}</p:notesStyle>'
            '</p:notesMaster>')


def presentation() -> str:
    default = "".join(f'<a:lvl{n}pPr marL="{(n - 1) * 457200}" algn="l" rtl="0"><a:defRPr sz="1800" kern="1200">'
                      '<a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/>'
                      f'<a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>'
                      for n in range(1, 10))
    return (f'{XML}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" '
            'r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>'
            f'<p:sldSz cx="{WIDTH}" cy="{HEIGHT}"/><p:notesSz cx="6858000" cy="9144000"/>'
            f'<p:defaultTextStyle><a:defPPr><a:defRPr lang="en-GB"/></a:defPPr>{default}</p:defaultTextStyle>'
            '</p:presentation>')


def content_types(layout_count: int) -> str:
    overrides = [
        ("/ppt/presentation.xml", f"{CT}.presentation.main+xml"),
        ("/ppt/slideMasters/slideMaster1.xml", f"{CT}.slideMaster+xml"),
        *((f"/ppt/slideLayouts/slideLayout{n}.xml", f"{CT}.slideLayout+xml") for n in range(1, layout_count + 1)),
        ("/ppt/notesMasters/notesMaster1.xml", f"{CT}.notesMaster+xml"),
        ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
        ("/ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
        ("/ppt/presProps.xml", f"{CT}.presProps+xml"),
        ("/ppt/viewProps.xml", f"{CT}.viewProps+xml"),
        ("/ppt/tableStyles.xml", f"{CT}.tableStyles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    body = "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
    return (f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>')


CORE = (f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title>NHS workshop deck template</dc:title><dc:creator>workshopgen</dc:creator>'
        '<cp:lastModifiedBy>workshopgen</cp:lastModifiedBy><cp:revision>1</cp:revision>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
        '<dc:language>en-GB</dc:language></cp:coreProperties>')
APP = (f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
       '<Application>workshopgen</Application><PresentationFormat>Widescreen</PresentationFormat></Properties>')


def parts() -> list[tuple[str, str]]:
    all_layouts = layouts()
    count = len(all_layouts)
    files = [
        ("[Content_Types].xml", content_types(count)),
        ("_rels/.rels", rels([(f"{REL}/officeDocument", "ppt/presentation.xml"),
                              (f"{PKG_REL}/metadata/core-properties", "docProps/core.xml"),
                              (f"{REL}/extended-properties", "docProps/app.xml")])),
        ("docProps/core.xml", CORE),
        ("docProps/app.xml", APP),
        ("ppt/presentation.xml", presentation()),
        ("ppt/_rels/presentation.xml.rels", rels([
            (f"{REL}/slideMaster", "slideMasters/slideMaster1.xml"),
            (f"{REL}/notesMaster", "notesMasters/notesMaster1.xml"),
            (f"{REL}/theme", "theme/theme1.xml"), (f"{REL}/presProps", "presProps.xml"),
            (f"{REL}/viewProps", "viewProps.xml"), (f"{REL}/tableStyles", "tableStyles.xml")])),
        ("ppt/presProps.xml", f"{XML}<p:presentationPr {NS}/>"),
        ("ppt/viewProps.xml", f'{XML}<p:viewPr {NS}><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'),
        ("ppt/tableStyles.xml", f'{XML}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                                'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>'),
        ("ppt/slideMasters/slideMaster1.xml", master(count)),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels", rels(
            [(f"{REL}/slideLayout", f"../slideLayouts/slideLayout{n}.xml") for n in range(1, count + 1)]
            + [(f"{REL}/theme", "../theme/theme1.xml")])),
        ("ppt/notesMasters/notesMaster1.xml", notes_master()),
        ("ppt/notesMasters/_rels/notesMaster1.xml.rels", rels([(f"{REL}/theme", "../theme/theme2.xml")])),
        ("ppt/theme/theme1.xml", theme("NHS")),
        ("ppt/theme/theme2.xml", theme("NHS notes")),
    ]
    for n, xml in enumerate(all_layouts, start=1):
        files.append((f"ppt/slideLayouts/slideLayout{n}.xml", xml))
        files.append((f"ppt/slideLayouts/_rels/slideLayout{n}.xml.rels",
                      rels([(f"{REL}/slideMaster", "../slideMasters/slideMaster1.xml")])))
    return files


def template_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def summary_text(data: bytes) -> str:
    return summarise(open_presentation(data)).model_dump_json(indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args()
    data = template_bytes()
    files = {OUT / BUILTIN_TEMPLATE: data, OUT / BUILTIN_SUMMARY: summary_text(data).encode("utf-8")}
    if args.check:
        stale = [path.name for path, body in files.items() if not path.is_file() or path.read_bytes() != body]
        if stale:
            print(f"out of date: {', '.join(stale)}; run tools/make_deck_template.py", file=sys.stderr)
            return 1
        print("deck template up to date")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for path, body in files.items():
        path.write_bytes(body)
        print(f"wrote {path.relative_to(ROOT)} ({len(body):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
