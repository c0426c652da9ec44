"""Nothing lost, nothing torn, nothing injected: the guarantees the README makes."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from workshopgen import write
from workshopgen.build import build
from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog, WorkshopgenError
from workshopgen.project import Project

HOSTILE = '<script>alert("x")</script> & #set text(red) *bold* $x$ [link](javascript:x) \\ {{ raw }}'


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_full_disk_leaves_earlier_outputs_exactly_as_they_were(project_copy: Project, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(project_copy, project_copy.library(), out, ("plan", "html"), jobs=1, show_progress=False)
    before = snapshot(out)
    calls = {"n": 0}
    real = write._write_temp

    def fill_up(target: Path, data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(write, "_write_temp", fill_up)
    with pytest.raises(WorkshopgenError, match="No space left on device"):
        build(project_copy, project_copy.library(), out, ("plan", "html"), force=True, jobs=1, show_progress=False)
    assert snapshot(out) == before
    assert not list(out.rglob("*.tmp"))


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pptx":
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    return True


def test_a_killed_build_leaves_no_torn_file(project_copy: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "workshopgen", "--project", str(project_copy.root), "build", "--force",
               "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    chance = random.Random(7)
    for _ in range(6):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(chance.uniform(0.3, 2.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for path in out.rglob("*"):
            if path.is_file() and not path.name.endswith(".tmp"):
                assert _complete(path), path
    subprocess.run(command[:-3] + ["--out", str(out)], check=True, capture_output=True)
    assert not list(out.rglob("*.tmp")), "a later build clears what a killed one left"


def test_an_error_while_typesetting_in_a_thread_stops_the_build_with_nothing_written(
        project_copy: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import workshopgen.render.pdf.guide as guide
    from workshopgen.errors import Location, Problem

    def refuse(plan: object, assets: object, caches: object) -> dict[str, bytes]:
        raise WorkshopgenError([Problem(Location(project_copy.root), "the guide could not be typeset", "try again")])

    monkeypatch.setattr(guide, "render_guide", refuse)
    out = tmp_path / "out"
    with pytest.raises(WorkshopgenError, match="could not be typeset"):
        build(project_copy, project_copy.library(), out, ("deck", "guide", "html"), jobs=2, show_progress=False)
    assert not out.exists() or not any(out.rglob("*"))


def test_bad_input_found_after_other_workshops_rendered_leaves_nothing_behind(project_copy: Project,
                                                                              tmp_path: Path) -> None:
    sample = project_copy.workshop_path("sample").read_text()
    project_copy.workshop_path("zz-late").write_text(
        sample.replace("id: sample", "id: zz-late").replace("minutes: 40", "minutes: forty"))
    outputs = ("deck", "guide", "handout", "html")
    fresh = tmp_path / "fresh"
    with pytest.raises(WorkshopgenError, match="whole number"):
        build(project_copy, project_copy.library(), fresh, outputs, jobs=2, show_progress=False)
    assert not fresh.exists(), "no folder or temp file is left from the workshops that did render"

    earlier = tmp_path / "earlier"
    build(project_copy, [project_copy.workshop_path("sample")], earlier, outputs, jobs=2, show_progress=False)
    before = snapshot(earlier)
    with pytest.raises(WorkshopgenError):
        build(project_copy, project_copy.library(), earlier, outputs, force=True, jobs=2, show_progress=False)
    assert snapshot(earlier) == before


def test_markup_in_text_stays_text(project_copy: Project, tmp_path: Path) -> None:
    sample = project_copy.workshop_path("sample")
    text = sample.read_text()
    text = text.replace("subtitle: A fixture that uses every feature", f"subtitle: '{HOSTILE}'")
    text = text.replace("        title: What we know about spread", f"        title: '{HOSTILE}'")
    sample.write_text(text)
    out = tmp_path / "out"
    build(project_copy, [sample], out, ("deck", "guide", "html"), jobs=1, show_progress=False)

    html = (out / "sample" / "sample-guide.html").read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; #set text(red)" in html

    deck = Presentation(str(out / "sample" / "sample-deck.pptx"))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    assert HOSTILE in titles

    pdf_text = subprocess.run(["pdftotext", "-layout", str(out / "sample" / "sample-guide.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "#set text(red) *bold* $x$" in " ".join(pdf_text.split())


def test_a_picture_too_large_to_decode_safely_is_refused(project_copy: Project) -> None:
    Image.new("1", (9000, 9000)).save(project_copy.root / "assets" / "diagram.png")  # 81 megapixels, tiny file
    log = ProblemLog()
    assert Compiler(project_copy).compile(project_copy.workshop_path("sample"), log) is None
    [problem] = log.errors
    assert "9000×9000 pixels, too large" in problem.message
    assert problem.location.line > 1
