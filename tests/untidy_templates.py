"""A team template as PowerPoint leaves one after use: example slides still in it, and everything
else that names them.

    .venv/bin/python -m tests.untidy_templates OUT.pptx (or OUT.potx)

It is the alternative template (tests/make_alt_template.py, so the same `branding: layouts:` fit)
with five example slides on different layouts: two with pictures, three with notes pages, one
hidden (`show="0"`), one with a link that jumps to another. The saved package is then edited with
lxml to hold what PowerPoint writes and python-pptx does not:

- presentation.xml: a custom show list naming example slides by `r:id`, a section list (`p14:sectionLst`
  in `p:extLst`) naming them by slide id, one section empty, and a second extension (guides);
- no notes master for the presentation (the notes pages keep the one python-pptx made, reachable
  only through them), so a deck must borrow the built-in one;
- the presentation's relationships renumbered with the slides last, so ids freed by dropping the
  slides are the next ones a careless writer hands out again;
- presProps.xml: slide show settings that play the custom show;
- viewProps.xml: an outline view naming collapsed slides through relationships of its own;
- docProps/app.xml: slide, notes and hidden-slide counts and the slide titles, as PowerPoint counts them;
- a co-authoring change log (changesInfo) recording edits to the example slides by slide id.

Every text of the example slides, their custom shows and sections holds `MARK`, so a test can tell
that nothing of them is left in a deck. The zip is written with fixed dates: the same bytes every run.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx.util import Inches

from tests.make_alt_template import alt_presentation, as_potx

MARK = "Untidy"
COMPANY = "Example Trust Ltd"  # kept in a deck: it is about the organisation, not the slides
SLIDE_TITLES = (f"{MARK} cover", f"{MARK} agenda", f"{MARK} picture", f"{MARK} hidden spare", f"{MARK} break")
HIDDEN = 4  # the hidden slide's number
NOTED = (1, 2, 5)

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
P15 = "http://schemas.microsoft.com/office/powerpoint/2012/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RT_SLIDE = f"{R}/slide"
RT_SLIDE_MASTER = f"{R}/slideMaster"
RT_NOTES_MASTER = f"{R}/notesMaster"
RT_CHANGES_INFO = "http://schemas.microsoft.com/office/2016/11/relationships/changesInfo"
CT_CHANGES_INFO = "application/vnd.ms-powerpoint.changesinfo+xml"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
GUIDES_URI = "{EFAFB233-063F-42B5-8137-9DF3F51BA10A}"
SECTIONS = ((f"{MARK} opening", "{9C1B5C51-1B8A-4D5E-9F47-0C6E8D2B7A10}", (1, 2)),
            (f"{MARK} examples", "{4F0E2D7B-6A3C-4B8E-A1D2-5E9F3C7B8A21}", (3, 4, 5)),
            (f"{MARK} spare", "{0D8B7E6F-2C4A-4E1B-9A3D-7F6E5D4C3B32}", ()))
CUSTOM_SHOWS = ((f"{MARK} short version", 0, (1, 3, 5)), (f"{MARK} with the spare", 1, (2, 4)))
PLAYED_SHOW = 0  # the custom show the slide show settings play
OUTLINE_COLLAPSED = (2, 4)  # slides collapsed in the outline view
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def picture_png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


def untidy_template_bytes(*, potx: bool = False) -> bytes:
    members = _saved_with_examples()
    slide_rids = _renumber_presentation_rels(members)
    _edit_presentation(members, slide_rids)
    _edit_pres_props(members)
    _edit_view_props(members)
    _edit_app(members)
    _add_changes_info(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), body)
    return as_potx(out.getvalue()) if potx else out.getvalue()


def _saved_with_examples() -> dict[str, bytes]:
    presentation = alt_presentation()
    layouts = {layout.name: layout for layout in presentation.slide_layouts}
    slides = [presentation.slides.add_slide(layouts[name])
              for name in ("Cover", "Words", "Picture and Words", "Blank", "Divider")]
    for slide, title in zip(slides, SLIDE_TITLES, strict=True):
        if slide.shapes.title is not None:
            slide.shapes.title.text = title
    slides[0].placeholders[1].text = f"{MARK} subtitle: replace with your own"
    slides[1].placeholders[1].text = f"{MARK} first point\n{MARK} second point"
    slides[1].shapes.title.click_action.target_slide = slides[4]  # a jump to another slide
    picture = next(ph for ph in slides[2].placeholders if ph.placeholder_format.idx == 1)
    picture.insert_picture(io.BytesIO(picture_png((0, 94, 184))))
    spare = slides[HIDDEN - 1]
    spare.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame.text = SLIDE_TITLES[HIDDEN - 1]
    spare.shapes.add_picture(io.BytesIO(picture_png((218, 41, 28))), Inches(1), Inches(2))
    spare._element.set("show", "0")
    for number in NOTED:
        slides[number - 1].notes_slide.notes_text_frame.text = f"{MARK} notes for example slide {number}"
    buffer = io.BytesIO()
    presentation.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _bytes(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _renumber_presentation_rels(members: dict[str, bytes]) -> dict[int, str]:
    """Drop the presentation's notes master, add the change log, and number the slides last.

    Returns each slide's new relationship id by slide number."""
    rels_name = "ppt/_rels/presentation.xml.rels"
    rels = _xml(members[rels_name])
    entries = [entry for entry in rels if entry.get("Type") != RT_NOTES_MASTER]
    entries.append(etree.Element(f"{{{RELS}}}Relationship", Id="new", Type=RT_CHANGES_INFO,
                                 Target="changesInfos/changesInfo1.xml"))
    entries.sort(key=lambda entry: (entry.get("Type") == RT_SLIDE, entry.get("Type") != RT_SLIDE_MASTER))
    renamed = {}
    for number, entry in enumerate(entries, start=1):
        renamed[entry.get("Id")] = f"rId{number}"
        entry.set("Id", f"rId{number}")
    rels[:] = entries
    members[rels_name] = _bytes(rels)
    root = _xml(members["ppt/presentation.xml"])
    for element in root.iter():
        if element.get(f"{{{R}}}id") in renamed:
            element.set(f"{{{R}}}id", renamed[element.get(f"{{{R}}}id")])
    members["ppt/presentation.xml"] = _bytes(root)
    ids = [entry.get(f"{{{R}}}id") for entry in root.iter(f"{{{P}}}sldId")]
    return dict(enumerate(ids, start=1))


def _edit_presentation(members: dict[str, bytes], slide_rids: dict[int, str]) -> None:
    root = _xml(members["ppt/presentation.xml"])
    listing = etree.Element(f"{{{P}}}custShowLst")
    for name, show_id, numbers in CUSTOM_SHOWS:
        show = etree.SubElement(listing, f"{{{P}}}custShow", name=name, id=str(show_id))
        slides = etree.SubElement(show, f"{{{P}}}sldLst")
        for number in numbers:
            etree.SubElement(slides, f"{{{P}}}sld").set(f"{{{R}}}id", slide_rids[number])
    root.find(f"{{{P}}}notesSz").addnext(listing)
    assert root.find(f"{{{P}}}notesMasterIdLst") is None
    extensions = etree.SubElement(root, f"{{{P}}}extLst")
    sections = etree.SubElement(etree.SubElement(extensions, f"{{{P}}}ext", uri=SECTIONS_URI),
                                f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for name, guid, numbers in SECTIONS:
        ids = etree.SubElement(etree.SubElement(sections, f"{{{P14}}}section", name=name, id=guid),
                               f"{{{P14}}}sldIdLst")
        for number in numbers:
            etree.SubElement(ids, f"{{{P14}}}sldId", id=str(255 + number))
    etree.SubElement(etree.SubElement(extensions, f"{{{P}}}ext", uri=GUIDES_URI), f"{{{P15}}}sldGuideLst",
                     nsmap={"p15": P15})
    members["ppt/presentation.xml"] = _bytes(root)


def _edit_pres_props(members: dict[str, bytes]) -> None:
    root = _xml(members["ppt/presProps.xml"])
    show = etree.fromstring(
        f'<p:showPr xmlns:p="{P}" xmlns:a="{A}" showNarration="1"><p:present/><p:custShow id="{PLAYED_SHOW}"/>'
        '<p:penClr><a:prstClr val="red"/></p:penClr></p:showPr>')
    root.insert(0, show)  # python-pptx writes no print or web settings, which would come first
    members["ppt/presProps.xml"] = _bytes(root)


def _edit_view_props(members: dict[str, bytes]) -> None:
    root = _xml(members["ppt/viewProps.xml"])
    slides = "".join(f'<p:sld r:id="rId{n}" collapse="1"/>' for n in range(1, len(OUTLINE_COLLAPSED) + 1))
    outline = etree.fromstring(
        f'<p:outlineViewPr xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:cViewPr><p:scale><a:sx n="33" d="100"/>'
        f'<a:sy n="33" d="100"/></p:scale><p:origin x="0" y="0"/></p:cViewPr><p:sldLst>{slides}</p:sldLst>'
        '</p:outlineViewPr>')
    root.find(f"{{{P}}}slideViewPr").addnext(outline)
    root.set("lastView", "outlineView")
    members["ppt/viewProps.xml"] = _bytes(root)
    rels = "".join(f'<Relationship Id="rId{n}" Type="{RT_SLIDE}" Target="slides/slide{number}.xml"/>'
                   for n, number in enumerate(OUTLINE_COLLAPSED, start=1))
    members["ppt/_rels/viewProps.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS}">{rels}'
        '</Relationships>').encode()


def _edit_app(members: dict[str, bytes]) -> None:
    titles = "".join(f"<vt:lpstr>{title}</vt:lpstr>" for title in SLIDE_TITLES if title != SLIDE_TITLES[HIDDEN - 1])
    count = len(SLIDE_TITLES) - 1  # PowerPoint lists the titles of slides that have one
    members["docProps/app.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats'
        '.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><TotalTime>42</TotalTime><Words>31</Words><Application>Microsoft Office PowerPoint'
        '</Application><PresentationFormat>On-screen Show (4:3)</PresentationFormat><Paragraphs>9</Paragraphs>'
        f'<Slides>{len(SLIDE_TITLES)}</Slides><Notes>{len(NOTED)}</Notes><HiddenSlides>1</HiddenSlides>'
        '<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="6" baseType="variant">'
        '<vt:variant><vt:lpstr>Fonts Used</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>'
        '<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant><vt:variant>'
        f'<vt:lpstr>Slide Titles</vt:lpstr></vt:variant><vt:variant><vt:i4>{count}</vt:i4></vt:variant></vt:vector>'
        f'</HeadingPairs><TitlesOfParts><vt:vector size="{count + 2}" baseType="lpstr"><vt:lpstr>Calibri</vt:lpstr>'
        f'<vt:lpstr>Office Theme</vt:lpstr>{titles}</vt:vector></TitlesOfParts><Company>{COMPANY}</Company>'
        '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false'
        '</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>').encode()


def _add_changes_info(members: dict[str, bytes]) -> None:
    """A stand-in for the change log PowerPoint for Microsoft 365 keeps: edits named by slide id."""
    pc = "http://schemas.microsoft.com/office/powerpoint/2013/main/command"
    slides = "".join(f'<pc:sldChg chg="modSp"><pc:chgData name="{MARK} Author" userId="author@example.org" '
                     f'providerId="AD"/><pc:sldMkLst><pc:docMk/><pc:sldMk cId="{1000 + n}" sldId="{255 + n}"/>'
                     '</pc:sldMkLst></pc:sldChg>' for n in range(1, len(SLIDE_TITLES) + 1))
    members["ppt/changesInfos/changesInfo1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pc:chgInfo xmlns:pc="{pc}"><pc:docChgLst>'
        f'<pc:docChg chg="modSld"><pc:chgData name="{MARK} Author" userId="author@example.org" providerId="AD"/>'
        f'<pc:docMkLst><pc:docMk/></pc:docMkLst>{slides}</pc:docChg></pc:docChgLst></pc:chgInfo>').encode()
    types = _xml(members["[Content_Types].xml"])
    etree.SubElement(types, f"{{{TYPES}}}Override", PartName="/ppt/changesInfos/changesInfo1.xml",
                     ContentType=CT_CHANGES_INFO)
    members["[Content_Types].xml"] = _bytes(types)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "untidy-template.pptx")
    target.write_bytes(untidy_template_bytes(potx=target.suffix.lower() == ".potx"))
    print(f"wrote {target}")
