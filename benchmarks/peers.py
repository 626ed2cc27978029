"""Find the peer tools (adr-tools, log4brains) and prepare their working folders."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOG4BRAINS = HERE / ".node" / "node_modules" / ".bin" / "log4brains"
ADR_TOOLS = Path("/usr/bin/adr")


def adr_tools_program() -> list[str] | None:
    """adr-tools' `adr`, when it is installed (the Debian package puts its scripts in /usr/libexec)."""
    if ADR_TOOLS.exists() and Path("/usr/libexec/adr-tools").is_dir():
        return [str(ADR_TOOLS)]
    found = shutil.which("adr-new")
    return [str(Path(found).with_name("adr"))] if found else None


def log4brains_case(corpus: Path, scratch: Path) -> tuple[list[str] | None, str]:
    """(argv, "") to build a log4brains site of the corpus' records, or (None, why not)."""
    if not LOG4BRAINS.exists():
        return None, "n/a (log4brains not installed: npm install log4brains in benchmarks/.node)"
    project = scratch / "l4b"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    shutil.copytree(corpus / "doc" / "adr", project / "docs" / "adr")
    (project / ".log4brains.yml").write_text("project:\n  name: bench\n  tz: Etc/UTC\n  adrFolder: ./docs/adr\n")
    return [str(LOG4BRAINS), "build", "--out", str(scratch / "l4b-site")], ""
