"""The library's workshops and team versions, planned once per test process."""

from __future__ import annotations

from functools import cache

from tests.paths import REPO
from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.plan import Plan
from workshopgen.project import Project


@cache
def library_plans() -> dict[str, Plan]:
    """Every library workshop and team version, by output id (planning runs no Typst)."""
    project = Project(REPO)
    log = ProblemLog()
    compiled = Compiler(project).compile_all(project.library(), log)
    assert not log.errors, [str(p) for p in log.errors]
    return {c.plan.output_id: c.plan for c in compiled}
