"""Run the catalogue over records: per-record checks through the content cache, log checks every time
unless the whole run can be reused (lint.reuse)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..base import globs
from ..base.textio import read_record_bytes
from ..cache import Cache, digest, no_gc
from ..config import Config
from ..errors import AdrError, ConfigError
from ..log import DecisionLog
from ..model import Record
from ..ops.authoring import today
from . import LINT_VERSION, reuse
from .context import LogContext, RecordContext, SourceStore
from .diagnostics import Diagnostic, Finding, Fix
from .registry import CHECKS, RULES, Check, load_all, resolve_selectors
from .suppress import Suppression, suppressions


@dataclass
class Target:
    """Records linted together: a decision log, or the loose files named on the command line."""

    config: Config
    base: Path  # record paths are relative to this folder
    is_log: bool
    selected: set[str] | None = None  # record paths to report on (None: all of them)
    log: DecisionLog | None = None  # a log's records are read only when the run needs them (lint.reuse)
    loose: list[Record] = field(default_factory=list)  # the records of files outside any log

    @property
    def records(self) -> list[Record]:
        return self.log.records if self.log is not None else self.loose


@dataclass
class LintOptions:
    select: tuple[str, ...] = ()  # replaces the configuration's select when given
    ignore: tuple[str, ...] = ()  # added to the configuration's ignore
    cache: bool = True
    cwd: Path = field(default_factory=Path.cwd)
    extend_select: tuple[str, ...] = ()  # added to the selection
    since: str = ""  # the revision the change under review starts from (else the configured one)
    reuse: bool = True  # answer from the last run when nothing it depends on changed (not for fixes)


# What the cache keeps per record: its per-record diagnostics and its suppression comments.
_Cached = tuple[tuple[Diagnostic, ...], tuple[Suppression, ...]]
_NOTHING: _Cached = ((), ())


def lint_targets(targets: Iterable[Target], options: LintOptions) -> list[Diagnostic]:
    """Every diagnostic of every target, with severities, ignores and suppressions applied, sorted."""
    load_all()
    found: list[Diagnostic] = []
    with no_gc():  # each collection would walk every loaded record again, for nothing to free
        for target in targets:
            found.extend(_lint_target(target, options))
    return sorted(found, key=Diagnostic.sort_key)


def enabled_codes(config: Config, options: LintOptions) -> set[str]:
    """The codes the configuration and the command line select, minus those they ignore or turn off."""
    settings = config.lint
    try:
        configured = resolve_selectors(settings.select or ("DEFAULT",), "lint.select")
        configured |= resolve_selectors(settings.extend_select, "lint.extend-select")
        ignored = resolve_selectors(settings.ignore, "lint.ignore")
        resolve_selectors(settings.severity, "lint.severity")
        for selectors in settings.per_file_ignores.values():
            resolve_selectors(selectors, "lint.per-file-ignores")
    except AdrError as err:
        raise ConfigError(err.message, path=config.source) from err
    selected = resolve_selectors(options.select) if options.select else configured
    selected |= resolve_selectors(options.extend_select, "--extend-select")
    ignored |= resolve_selectors(options.ignore, "--ignore")
    off = {code for code, level in settings.severity.items() if level == "off"}
    return selected - ignored - off


def _lint_target(target: Target, options: LintOptions) -> list[Diagnostic]:
    config = target.config
    codes = enabled_codes(config, options)
    key = _run_key(target, codes, options)
    if key is not None and (found := reuse.kept(target.base, config, key)) is not None:
        return found
    sources = SourceStore(target.base)
    per_file = Counter(record.path for record in target.records)
    bundles = frozenset(path for path, count in per_file.items() if count > 1)
    wanted = [r for r in target.records if target.selected is None or r.path in target.selected]
    record_checks = [c for c in CHECKS if c.scope == "record"]
    cached = _record_phase(target, wanted, record_checks, sources, bundles, options)
    diagnostics = [d for entry in cached.values() for d in entry[0]]
    context = LogContext(
        target.records,
        config,
        sources,
        target.is_log,
        _today(),
        bundles,
        options.since or config.lint.since,
        frozenset(codes),
    )
    for log_check in (c for c in CHECKS if c.scope == "log" and codes.intersection(c.codes)):
        diagnostics.extend(
            _diagnostic(f)
            for f in _run(log_check, context)
            if target.selected is None or f.record.path in target.selected
        )
    result = _finish(diagnostics, codes, cached, target, options)
    if key is not None:
        reuse.keep(target.base, config, key, context.probes, result)
    return result


def _run_key(target: Target, codes: set[str], options: LintOptions) -> str | None:
    """The key a whole run over the log is kept under (None: this run is neither kept nor reused)."""
    config = target.config
    if target.log is None or target.selected is not None or not (options.reuse and options.cache and config.cache):
        return None
    shown_from, since = os.path.abspath(options.cwd), options.since or config.lint.since
    return reuse.run_key(target.log.file_names(), config, (" ".join(sorted(codes)), since, shown_from, _today()))


def _record_phase(
    target: Target,
    records: list[Record],
    checks: list[Check],
    sources: SourceStore,
    bundles: frozenset[str],
    options: LintOptions,
) -> dict[tuple[str, int], _Cached]:
    """Per-record diagnostics and suppressions, from the cache when the file is unchanged."""
    config = target.config
    cache = Cache.for_log(target.base, "lint", config.cache_dir, config.cache and options.cache)
    settings = digest(LINT_VERSION.encode(), repr(_settings_key(config)).encode())
    results: dict[tuple[str, int], _Cached] = {}
    contents: dict[str, str] = {}
    for record in records:
        content = record.digest or _content_key(target.base, record.path, contents)
        key = digest(settings.encode(), content.encode(), record.path.encode(), str(record.ordinal).encode())
        entry = cache.get(key) if content else None
        if entry is None:
            ctx = RecordContext(record, config, sources, record.path in bundles)
            found = tuple(_diagnostic(f) for check_ in checks for f in _run(check_, ctx))
            silenced = suppressions(sources.get(record.path), record) if _readable(record) else ()
            entry = (found, silenced) if found or silenced else _NOTHING
            if content:
                cache.put(key, entry)
            if record.path not in bundles:
                sources.forget(record.path)  # log checks read again the few files they need: memory stays flat
        results[(record.path, record.ordinal)] = entry
    cache.save()
    return results


def _content_key(base: Path, path: str, known: dict[str, str]) -> str:
    """A digest of a file's bytes, for records read before the loader kept one ("" when unreadable)."""
    if path not in known:
        try:
            known[path] = digest(read_record_bytes(base / path))  # never blocks on a pipe
        except OSError:
            known[path] = ""
    return known[path]


def _settings_key(config: Config) -> tuple[object, ...]:
    """The settings that per-record checks read: a change invalidates their cached results."""
    return (config.padding, config.max_words, config.policy, config.style, config.date_order)


def _readable(record: Record) -> bool:
    unread = ("binary", "unreadable", "not-a-file", "outside-log", "too-large")
    return not any(p.code in unread for p in record.problems)


def _run(check_: Check, ctx: object) -> Iterable[Finding]:
    return check_.func(ctx)


def _diagnostic(finding: Finding) -> Diagnostic:
    rule = RULES[finding.code]
    record = finding.record
    return Diagnostic(
        finding.code,
        rule.severity,
        record.path,
        max(finding.line, 0),
        finding.message,
        finding.column,
        record.ordinal,
        finding.fix,
    )


def _finish(
    diagnostics: list[Diagnostic],
    codes: set[str],
    cached: dict[tuple[str, int], _Cached],
    target: Target,
    options: LintOptions,
) -> list[Diagnostic]:
    settings = target.config.lint
    ignores = {glob: resolve_selectors(selectors) for glob, selectors in settings.per_file_ignores.items()}
    result = []
    shown: dict[str, str] = {}
    cwd = os.path.abspath(options.cwd)
    for diagnostic in diagnostics:
        if diagnostic.code not in codes or _ignored(diagnostic, ignores, target):
            continue
        entry = cached.get((diagnostic.path, diagnostic.ordinal))
        name = RULES[diagnostic.code].name
        if entry and any(s.covers(diagnostic.code, name, diagnostic.line) for s in entry[1]):
            continue
        severity = settings.severity.get(diagnostic.code, diagnostic.severity)
        if diagnostic.path not in shown:
            shown[diagnostic.path] = display_path(target.base / diagnostic.path, cwd)
        result.append(
            replace(
                diagnostic, severity=severity, path=shown[diagnostic.path], fix=_absolute(diagnostic.fix, target.base)
            )
        )
    return result


def _ignored(diagnostic: Diagnostic, ignores: dict[str, set[str]], target: Target) -> bool:
    if not ignores:
        return False
    relative = diagnostic.path
    try:
        from_root = (target.base / relative).resolve().relative_to(target.config.project_root.resolve()).as_posix()
    except ValueError:
        from_root = relative
    return any(
        diagnostic.code in codes and (globs.matches((glob,), relative) or globs.matches((glob,), from_root))
        for glob, codes in ignores.items()
    )


def display_path(path: Path | str, cwd: Path | str) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    absolute, folder = os.path.abspath(path), os.path.abspath(cwd)
    if absolute.startswith(folder.rstrip(os.sep) + os.sep):
        return absolute[len(folder.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    return absolute.replace(os.sep, "/")


def _absolute(fix: Fix | None, base: Path) -> Fix | None:
    if fix is None:
        return None
    edits = tuple(
        replace(e, path=os.path.normpath(base / e.path))
        if e.rename_to is None
        else replace(e, path=str(base / e.path), rename_to=str(base / e.rename_to))
        for e in fix.edits
    )
    return replace(fix, edits=edits)


def _today() -> str:
    try:
        return date.fromisoformat(today()[:10]).isoformat()
    except ValueError:  # ADR_DATE in another format: adr-tools accepts anything there
        return date.today().isoformat()
