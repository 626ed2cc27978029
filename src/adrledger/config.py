"""Where the decision log lives and how it is configured.

Sources, nearest first: `--dir`, `.adr-dir` (adr-tools), `.adrledger.toml` (in the project or
inside the log folder), `pyproject.toml` `[tool.adrledger]`, `.log4brains.yml`, then the
folders people conventionally use. Every problem in a configuration is reported at once.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .base.textio import FileRefused, read_record_bytes
from .errors import ConfigError
from .settings import BY_KEY, LINT_BY_KEY, SEVERITIES, code_list, validate, value_of

CONVENTIONAL_DIRS = (
    "doc/adr",
    "docs/adr",
    "docs/decisions",
    "doc/decisions",
    "docs/architecture/decisions",
    "doc/architecture/decisions",
    "architecture/decisions",
)
ADR_TOOLS_DIRS = ("doc/adr",)  # the one folder adr-tools looks for in every parent


@dataclass(frozen=True)
class LogSpec:
    """One decision log among several (a monorepo package or another repository's folder)."""

    name: str
    path: Path


@dataclass(frozen=True)
class LintSettings:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str = "warning"
    since: str = ""  # the revision the change under review starts from ("" = the default branch)


@dataclass(frozen=True)
class Config:
    """The settings of one decision log. `dir_display` is the folder as adr-tools would print it."""

    dir: Path
    dir_display: str
    project_root: Path
    source: Path | None = None
    style: str = "nygard"
    padding: int = 4
    policy: str = "strict"
    max_words: int = 1200
    stale_days: int = 30
    accept_grace_days: int = 0  # edits this soon after acceptance still belong to writing the record
    sweep_percent: int = 50  # a commit changing this share of the records (and sweep_files of them) is a sweep
    sweep_files: int = 5
    date_margin_days: int = 30  # a date this many days after the commit that wrote it is still possible
    date_order: str = "auto"
    supersede_spelling: str = "auto"  # adr-tools' "Supercedes" or Debian's "Supersedes": see spelling.py
    title: str = ""  # the site's title; empty: the project's name (see render/site/context.py)
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    file_pattern: str = ""
    cache: bool = True
    cache_dir: Path | None = None
    lint: LintSettings = field(default_factory=LintSettings)
    logs: tuple[LogSpec, ...] = ()
    from_adr_dir: bool = False


def load_config(directory: Path | str | None = None, cwd: Path | None = None) -> Config:
    """Find the decision log from `cwd` upwards, or use `directory` when one is given."""
    cwd = Path(cwd or os.getcwd())
    if directory is not None:
        explicit = cwd / directory
        project, settings, source = _project_settings(explicit)
        return _build(
            explicit.resolve(), str(directory).rstrip("/") or ".", project, settings, source, False, named=True
        )
    # adr-tools' markers (.adr-dir, doc/adr) and configuration files first, all the way up; the
    # other conventional folders only when none exists, so an adr-tools project resolves as adr-tools does.
    for conventional in (ADR_TOOLS_DIRS, CONVENTIONAL_DIRS):
        here = cwd
        while True:
            found = _config_at(here, cwd, conventional)
            if found is not None:
                return found
            if here.parent == here:
                break
            here = here.parent
    # adr-tools' default: doc/adr under the current folder, even before it exists.
    return _build((cwd / "doc/adr").resolve(), "doc/adr", cwd, {}, None, False)


def _config_at(here: Path, cwd: Path, conventional_dirs: tuple[str, ...]) -> Config | None:
    adr_dir = here / ".adr-dir"
    if adr_dir.is_file():
        relative = _read_text(adr_dir).strip()
        if "\x00" in relative:
            raise ConfigError("the folder it names holds a NUL character", path=adr_dir)
        display = _relative_display(here / relative, cwd, here, relative)
        _, settings, source = _project_settings(here / relative, stop=here)
        settings.pop("dir", None)
        return _build((here / relative).resolve(), display, here, settings, source, True)
    for reader in (_read_adrledger_toml, _read_pyproject, _read_log4brains):
        found = reader(here)
        if found is not None:
            return _config_from(found, here, cwd)
    conventional = _conventional(here, conventional_dirs)
    if conventional:
        display = _relative_display(here / conventional, cwd, here, conventional)
        inner = _read_adrledger_toml(here / conventional)
        values, origin = (inner[1], inner[0]) if inner else ({}, None)
        return _build((here / conventional).resolve(), display, here, values, origin, False)
    return None


def _config_from(found: tuple[Path, dict[str, Any]], here: Path, cwd: Path) -> Config:
    """A project configuration file, merged with the log folder's own .adrledger.toml."""
    source, values = found
    relative = _tidy(str(values.get("dir") or _conventional(here) or "doc/adr"))
    inner = _read_adrledger_toml(here / relative)
    if inner is not None and inner[0] != source:
        values = {**values, **inner[1]}
        source = inner[0]
    display = _relative_display(here / relative, cwd, here, relative)
    return _build((here / relative).resolve(), display, here, values, source, False)


def _tidy(relative: str) -> str:
    """ "./docs/adr/" (as .log4brains.yml writes it) is shown and used as "docs/adr"."""
    tidy = posixpath.normpath(relative.replace("\\", "/")) if relative.strip() else relative
    return "." if tidy in ("", ".") else tidy


def _relative_display(target: Path, cwd: Path, here: Path, relative: str) -> str:
    """The folder as adr-tools prints it: relative to the current folder, "../" for parents."""
    if here == cwd:
        return relative.rstrip("/") or "."
    try:
        depth = len(cwd.relative_to(here).parts)
    except ValueError:
        return str(target)
    # adr-tools climbs with "../" and appends the folder as written: "../../docs/adr", never normalised.
    return "/".join([".."] * depth + [relative.rstrip("/")])


def _conventional(here: Path, names: tuple[str, ...] = CONVENTIONAL_DIRS) -> str | None:
    for name in names:
        if (here / name).is_dir():
            return name
    return None


def _project_settings(log_dir: Path, stop: Path | None = None) -> tuple[Path, dict[str, Any], Path | None]:
    """Settings for a named log folder: the project's (found upwards), overridden by the folder's own."""
    log_dir = log_dir.resolve()
    inner = _read_adrledger_toml(log_dir)
    here, outer = log_dir.parent, None
    while True:
        outer = _read_adrledger_toml(here) or _read_pyproject(here)
        if outer or here.parent == here or (stop is not None and here == stop.resolve()):
            break
        here = here.parent
    values = {**(outer[1] if outer else {}), **(inner[1] if inner else {})}
    values.pop("dir", None)
    source = inner[0] if inner else (outer[0] if outer else None)
    return (here if outer else log_dir.parent), values, source


def _read_text(path: Path) -> str:
    """A configuration file's text: a regular file of at most 1 MB (a pipe or a giant is refused)."""
    try:
        return read_record_bytes(path).decode("utf-8")
    except FileRefused as err:
        raise ConfigError(f"cannot read configuration: {err.message}", path=path) from err
    except UnicodeDecodeError as err:
        raise ConfigError(f"cannot read configuration: not valid UTF-8 (byte {err.start + 1})", path=path) from err


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        # lazy: tomllib is only needed here (startup cost)
        import tomllib
    else:  # pragma: no cover - Python 3.10
        # lazy: tomli is only needed here (startup cost)
        import tomli as tomllib
    text = _read_text(path)
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"cannot read configuration: {err}", path=path) from err
    except RecursionError as err:
        raise ConfigError("cannot read configuration: arrays or tables nested too deeply", path=path) from err
    return data


def _section(data: dict[str, Any], path: Path, whole: bool) -> dict[str, Any] | None:
    """[tool.adrledger] of a TOML file (or, when `whole`, the file itself if it has none), checked to be a
    table: a hostile file must give one line naming the key, not a traceback."""
    tool = data.get("tool")
    if tool is None:
        return data if whole else None
    if not isinstance(tool, dict):
        raise ConfigError(f"invalid configuration: tool = {_shown(tool)} must be a table", path=path)
    section = tool.get("adrledger")
    if section is None:
        return data if whole else None
    if not isinstance(section, dict):
        raise ConfigError(f"invalid configuration: tool.adrledger = {_shown(section)} must be a table", path=path)
    return section


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _read_adrledger_toml(here: Path) -> tuple[Path, dict[str, Any]] | None:
    path = here / ".adrledger.toml"
    if not path.is_file():
        return None
    section = _section(_load_toml(path), path, whole=True)
    assert section is not None
    return path, section


def _read_pyproject(here: Path) -> tuple[Path, dict[str, Any]] | None:
    path = here / "pyproject.toml"
    if not path.is_file():
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return None
    if b"adrledger" not in head:  # most pyproject files are not ours: skip the TOML parse
        return None
    section = _section(_load_toml(path), path, whole=False)
    return (path, section) if section is not None else None


def _read_log4brains(here: Path) -> tuple[Path, dict[str, Any]] | None:
    path = here / ".log4brains.yml"
    if not path.is_file():
        return None
    text = _read_text(path)
    # One attempt per line, no quantifier over newlines: linear however the file is shaped.
    match = re.search(r"^[ \t]*adrFolder:[ \t]*['\"]?([^'\"\n#]+)", text, re.MULTILINE)
    values: dict[str, Any] = {"style": "madr"}
    if match:
        values["dir"] = match.group(1).strip()
    # project.name: the site's title unless `title` says otherwise. Linear: one space class per line
    # start, and the value greedy up to its last character that is no quote or space.
    name = re.search(
        r"^project:[ \t]*\n(?:[ \t][^\n]*\n)*?[ \t]+name:[ \t]*['\"]?([^'\"\n#]*[^'\"\s#])", text, re.MULTILINE
    )
    if name:
        values["title"] = name.group(1)
    packages = re.findall(
        r"^[ \t]*-[ \t]*name:[ \t]*['\"]?([^'\"\n]*[^'\"\s])['\"]?[ \t]*\n[ \t]*path:[^\n]*\n"
        r"[ \t]*adrFolder:[ \t]*['\"]?([^'\"\n]+)",
        text,
        re.MULTILINE,
    )
    if packages:
        values["logs"] = [{"name": name, "path": folder.strip()} for name, folder in packages]
    return path, values


def _build(
    directory: Path,
    display: str,
    project: Path,
    values: dict[str, Any],
    source: Path | None,
    from_adr_dir: bool,
    named: bool = False,
) -> Config:
    if not named:
        _require_inside(directory, project, source or (project / ".adr-dir" if from_adr_dir else directory))
    errors = validate(values, BY_KEY)
    lint = _lint_settings(values.get("lint", {}), errors)
    logs = tuple(_log_specs(values.get("logs", []), project, errors))
    if errors:
        raise ConfigError("invalid configuration: " + "; ".join(errors), path=source or directory)

    def get(key: str) -> Any:
        return value_of(values, key, BY_KEY)

    env_cache = os.environ.get("ADRLEDGER_CACHE_DIR")
    cache_dir = Path(env_cache) if env_cache else (project / get("cache-dir") if get("cache-dir") else None)
    return Config(
        dir=directory,
        dir_display=display,
        project_root=project,
        source=source,
        style=get("style"),
        padding=get("padding"),
        policy=get("policy"),
        max_words=get("max-words"),
        stale_days=get("stale-days"),
        accept_grace_days=get("accept-grace-days"),
        date_order=get("date-order"),
        supersede_spelling=get("supersede-spelling"),
        title=get("title"),
        exclude=tuple(get("exclude")),
        include=tuple(get("include")),
        file_pattern=get("file-pattern"),
        cache=get("cache") and os.environ.get("ADRLEDGER_NO_CACHE", "") in ("", "0"),
        cache_dir=cache_dir,
        lint=lint,
        logs=logs,
        from_adr_dir=from_adr_dir,
        sweep_percent=get("sweep-percent"),
        sweep_files=get("sweep-files"),
        date_margin_days=get("date-margin-days"),
    )


def _require_inside(directory: Path, project: Path, source: Path) -> None:
    """A log folder found from files of the project (which a pull request can change) stays inside it:
    `dir = "/"` must not make every command read and publish Markdown from elsewhere. --dir may go anywhere."""
    real, root = os.path.realpath(directory), os.path.realpath(project)
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        raise ConfigError(
            f"the log folder {directory} is outside the project ({root}): give it with --dir to use it anyway",
            path=source,
        )


def _lint_settings(raw: Any, errors: list[str]) -> LintSettings:
    if not isinstance(raw, dict):
        return LintSettings()  # reported by validate()
    errors.extend(validate(raw, LINT_BY_KEY, prefix="lint."))
    severity = {str(k).upper(): str(v) for k, v in dict(value_of(raw, "severity", LINT_BY_KEY)).items()}
    for code, level in severity.items():
        if level not in (*SEVERITIES, "off"):
            errors.append(f"lint.severity.{code} = {level!r} is not one of error, warning, info, off")
    per_file: dict[str, tuple[str, ...]] = {}
    for pattern, codes in dict(value_of(raw, "per-file-ignores", LINT_BY_KEY)).items():
        if not isinstance(codes, (list, str)):
            errors.append(f"lint.per-file-ignores.{pattern} must be a list of rule codes")
            continue
        per_file[str(pattern)] = code_list(codes)
    return LintSettings(
        select=code_list(value_of(raw, "select", LINT_BY_KEY)),
        extend_select=code_list(value_of(raw, "extend-select", LINT_BY_KEY)),
        ignore=code_list(value_of(raw, "ignore", LINT_BY_KEY)),
        severity=severity,
        per_file_ignores=per_file,
        fail_on=value_of(raw, "fail-on", LINT_BY_KEY),
        since=value_of(raw, "since", LINT_BY_KEY),
    )


def _log_specs(raw: Any, project: Path, errors: list[str]) -> list[LogSpec]:
    specs = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict) or "path" not in entry:
            errors.append("each entry of logs needs a path")
            continue
        path = Path(str(entry["path"])).expanduser()
        name = str(entry.get("name") or path.name)
        specs.append(LogSpec(name, path if path.is_absolute() else project / path))
    return specs
