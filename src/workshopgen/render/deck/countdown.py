"""An activity's countdown bar and the click that starts it: PowerPoint's own exit Wipe, lasting
the activity's minutes, written as PowerPoint writes that effect, so it needs no macro or add-in
and shows in the Animation Pane as an effect a facilitator can change."""

from __future__ import annotations

from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl

from ...layout.countdown import CountdownBar
from ...layout.fit import INSET_X, INSET_Y
from .shapes import Drawing, xfrm

BAR_NAME = "Countdown"
WIPE = 22  # PowerPoint's preset number for Wipe
FROM_LEFT = 8  # the preset's subtype for the direction its filter, wipe(left), names


def write_countdown(drawing: Drawing, bar: CountdownBar) -> None:
    """The bar, after the timer panel in reading order, and the slide's animation of it."""
    slide = drawing.slide
    shape_id = slide.next_id()
    # An empty text body, as on any shape PowerPoint draws, set not to grow: the bar keeps its size.
    text = (f'<p:txBody><a:bodyPr wrap="square" lIns="{INSET_X}" tIns="{INSET_Y}" rIns="{INSET_X}" '
            f'bIns="{INSET_Y}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f'<a:p><a:endParaRPr lang="{drawing.text.lang}" dirty="0"/></a:p></p:txBody>')
    slide.add(f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{BAR_NAME}" descr="{escape(bar.alt)}"/><p:cNvSpPr/>'
              f'<p:nvPr/></p:nvSpPr><p:spPr>{xfrm(bar.frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
              f'<a:solidFill><a:schemeClr val="{bar.colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
              f'{text}</p:sp>')
    # A slide has one timing tree; an activity slide has no other animation to share it with.
    assert not slide.timing, f"slide {slide.number} is animated already"
    slide.timing = countdown_timing(shape_id, bar.duration_ms)


def countdown_timing(shape_id: int, duration_ms: int) -> str:
    """`p:timing` for one click effect in the main sequence: the shape wipes out over `duration_ms`,
    then is hidden, and stays hidden until the slide is shown again."""
    target = f'<p:tgtEl><p:spTgt spid="{shape_id}"/></p:tgtEl>'
    effect = (
        f'<p:par><p:cTn id="5" presetID="{WIPE}" presetClass="exit" presetSubtype="{FROM_LEFT}" fill="hold" '
        'grpId="0" nodeType="clickEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
        f'<p:animEffect transition="out" filter="wipe(left)"><p:cBhvr><p:cTn id="6" dur="{duration_ms}"/>{target}'
        '</p:cBhvr></p:animEffect>'
        f'<p:set><p:cBhvr><p:cTn id="7" dur="1" fill="hold"><p:stCondLst><p:cond delay="{duration_ms - 1}"/>'
        f'</p:stCondLst></p:cTn>{target}<p:attrNameLst><p:attrName>style.visibility</p:attrName></p:attrNameLst>'
        '</p:cBhvr><p:to><p:strVal val="hidden"/></p:to></p:set>'
        '</p:childTnLst></p:cTn></p:par>')
    click = ('<p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst><p:childTnLst>'
             f'<p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>{effect}'
             '</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>')
    slide_target = "<p:tgtEl><p:sldTgt/></p:tgtEl>"
    main_sequence = (
        '<p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>'
        f'{click}</p:childTnLst></p:cTn>'
        f'<p:prevCondLst><p:cond evt="onPrev" delay="0">{slide_target}</p:cond></p:prevCondLst>'
        f'<p:nextCondLst><p:cond evt="onNext" delay="0">{slide_target}</p:cond></p:nextCondLst></p:seq>')
    # PowerPoint lists a shape it animates as a whole (its background, not paragraphs) in the build list.
    return ('<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot">'
            f'<p:childTnLst>{main_sequence}</p:childTnLst></p:cTn></p:par></p:tnLst>'
            f'<p:bldLst><p:bldP spid="{shape_id}" grpId="0" animBg="1"/></p:bldLst></p:timing>')
