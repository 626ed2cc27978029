"""log4brains projects: .log4brains.yml names the global ADR folder and one folder per package.

Files are named YYYYMMDD-slug.md and carry no number: the importer numbers them in date order
(ties broken by package, in the configuration's order, then by name) and keeps the slug.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..base.textio import FileRefused, read_record_bytes
from ..config import load_config
from ..errors import UsageError
from ..log import DecisionLog
from ..parse import parse_file
from .common import SourceFile

_DATED = re.compile(r"^(?P<date>(?:19|20)\d{6})-(?P<slug>.+)$")


def collect(source: Path) -> tuple[Path, list[SourceFile]]:
    folders = _folders(source)
    found: list[SourceFile] = []
    for position, (package, folder) in enumerate(folders):
        log = DecisionLog(load_config(folder))
        for path in log.files():
            found.append(_source_file(path, package, position))
    return source, found


def _folders(source: Path) -> list[tuple[str, Path]]:
    """(package, folder): the project's own ADR folder first, then each package's."""
    config = source / ".log4brains.yml"
    if not config.is_file():
        if source.is_dir():
            return [("", source)]
        raise UsageError(f"{source} is not a folder")
    project = _read_yaml(config).get("project") or {}
    folders: list[tuple[str, Path]] = []
    if project.get("adrFolder"):
        folders.append(("", source / str(project["adrFolder"])))
    for package in project.get("packages") or []:
        if isinstance(package, dict) and package.get("name") and package.get("adrFolder"):
            folders.append((str(package["name"]), source / str(package["adrFolder"])))
    missing = [str(folder) for _, folder in folders if not folder.is_dir()]
    if missing:
        raise UsageError(f"log4brains folder not found: {', '.join(missing)}", path=config)
    return folders


def _read_yaml(path: Path) -> dict[str, Any]:
    """The configuration as front matter is read: at most 1 MB, and a structure no larger than front
    matter may be (aliases can make a few lines describe billions of values)."""
    import yaml

    # lazy: keeps parse off this module's import
    from ..parse.frontmatter import within_bounds

    try:
        data = yaml.load(read_record_bytes(path).decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileRefused as err:
        raise UsageError(f"cannot read the log4brains configuration: {err.message}", path=path) from err
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as err:
        raise UsageError(f"cannot read the log4brains configuration: {_first_line(err)}", path=path) from err
    if not isinstance(data, dict):
        raise UsageError("the log4brains configuration is not a mapping", path=path)
    if not within_bounds(data):
        raise UsageError("the log4brains configuration expands beyond a sane size (YAML aliases?)", path=path)
    return data


def _first_line(err: Exception) -> str:
    """The start of an error's first line: YAML errors quote the text they stopped at, which may be huge."""
    text = (str(err) or type(err).__name__).splitlines()[0] if str(err) else type(err).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _source_file(path: Path, package: str, position: int) -> SourceFile:
    match = _DATED.match(path.stem)
    slug = match.group("slug") if match else path.stem
    records = parse_file(path)
    date = (
        records[0].date
        if records and records[0].date
        else (f"{match.group('date')[:4]}-{match.group('date')[4:6]}-{match.group('date')[6:]}" if match else "9999")
    )
    return SourceFile(path, package, None, slug, (date, position, path.stem))
