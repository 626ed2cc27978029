"""Creating logs and records from templates: numbering, file names, concurrency-safe creation."""

from __future__ import annotations

import contextlib
import heapq
import os
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from ..base.textio import (
    FileRefused,
    atomic_write,
    crash_point,
    decode,
    fsync_dir,
    mode_for,
    naming,
    open_record,
    read_record_bytes,
    temporary_beside,
    write_synced,
)
from ..config import Config, load_config
from ..errors import UsageError
from ..files.logfiles import folder_names, is_record_name, numbered_names, record_files
from ..files.naming import SLUG_LIMIT as SLUG_LIMIT  # re-exported: the bound slugify keeps
from ..files.naming import Convention, bounded_slug, convention_of
from ..log import DecisionLog, file_signature
from ..styles import FALLBACK, STYLES, get_style
from ..styles._first_record import first_record
from .writing import write_session

_ADR_TOOLS_TOKENS = ("NUMBER", "TITLE", "DATE", "STATUS")


def slugify(title: str, transliterate: bool = False) -> str:
    """adr-tools' file slug: runs of anything but ASCII letters and digits become one '-'.

    With `transliterate` (every style but adr-tools' own, whose names must match adr-tools)
    accented letters keep their base letter first: "Café" gives "cafe", not "caf". A slug longer
    than SLUG_LIMIT is cut after its last whole word that fits (a single giant word is cut at the
    limit): a huge title must still give a name the file system accepts.
    """
    if transliterate:
        title = _ascii_letters(title)
    return bounded_slug(re.sub(r"[^A-Za-z0-9]+", "-", title).lower().strip("-").split("-"), "-")


# Letters Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)


def _ascii_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def record_filename(number: int, title: str, padding: int = 4, style: str = FALLBACK) -> str:
    return f"{number:0{padding}d}-{slugify(title, get_style(style).transliterate_slugs)}.md"


def draft_filename(title: str, style: str = FALLBACK) -> str:
    return f"XXXX-{slugify(title, get_style(style).transliterate_slugs) or 'draft'}.md"


@dataclass(frozen=True)
class Template:
    text: str
    adr_tools_tokens: bool  # NUMBER / TITLE / DATE / STATUS, replaced once per line as sed does
    style: str


def builtin_template(style: str, init: bool = False) -> Template:
    """The style's template; with `init`, the first record `adr init` writes (its own file, or the
    template filled with the style's first-record text)."""
    chosen = get_style(style)
    if init and not chosen.init_template:
        return Template(first_record(chosen), False, style)
    name = chosen.init_template if init else chosen.template_file
    # lazy: importlib is only needed here (startup cost)
    from importlib.resources import files  # only when a built-in template is needed

    text = files("adrledger").joinpath(f"templates/{name}").read_text(encoding="utf-8")
    return Template(text, chosen.template_tokens, style)


def load_template(config: Config, style: str | None) -> Template:
    """The template for a new record: ADR_TEMPLATE, then the log's templates/, then ours."""
    explicit = os.environ.get("ADR_TEMPLATE")
    if explicit:  # named by the user: read wherever it is (still never a pipe, nor a giant)
        return Template(_read_template(Path(explicit), None), True, style or config.style)
    folder = config.dir / "templates"
    # The log's own templates come with its files (and its pull requests): like records, they are
    # never read through a link that leads out of the log.
    if style is not None and os.path.lexists(folder / f"{style}.md"):
        return Template(_read_template(folder / f"{style}.md", config.dir), False, style)
    if style is None and os.path.lexists(folder / "template.md"):
        return Template(_read_template(folder / "template.md", config.dir), True, config.style)
    chosen = style or (config.style if config.source is not None else None) or infer_style(config)
    return builtin_template(chosen)


def infer_style(config: Config, sample: int = 3) -> str:
    """The style of the log's latest records, for logs that never configured one."""
    names = heapq.nlargest(sample, DecisionLog(config).numbered_names())
    latest = [config.dir / name for _, name in names]
    if not latest or all(_looks_like_adr_tools(path) for path in latest):
        return config.style if not latest else FALLBACK  # adr-tools logs: no need for the parser
    styles = Counter(_styles_of(config, latest))
    return styles.most_common(1)[0][0] if styles else config.style


def _styles_of(config: Config, paths: list[Path]) -> list[str]:
    """The style of each file: remembered by its stat() signature, else parsed (and remembered)."""
    # lazy: keeps cache off this module's import
    from ..cache import Cache

    cache = Cache.for_log(config.dir, "styles", config.cache_dir, config.cache)
    styles = []
    for path in paths:
        signature = file_signature(str(path))
        known = cache.get(path.name)
        if signature is not None and isinstance(known, tuple) and len(known) == 2 and known[0] == signature:
            styles.append(str(known[1]))
            continue
        # lazy: tests monkeypatch this name at its home
        from ..parse import parse_file

        style = parse_file(path, config.dir)[0].style
        if signature is not None:
            cache.put(path.name, (signature, style))
        styles.append(style)
    cache.save()
    return styles


_ADR_TOOLS_HEAD = re.compile(r"# \d+\. [^\n]*\n(?:[^\n]*\n){0,6}## Status\n")


def _looks_like_adr_tools(path: Path) -> bool:
    """A record as adr-tools writes it: "# N. Title", a Date line, then "## Status"."""
    try:
        with open_record(path) as handle:
            head = handle.read(2048).decode("utf-8", "replace")
    except OSError:
        return False
    return _ADR_TOOLS_HEAD.match(head) is not None


def _read_template(path: Path, root: Path | None) -> str:
    try:
        data = read_record_bytes(path, root)
    except FileRefused as err:
        raise UsageError(f"cannot read template: {err.message}", path=path) from err
    decoded = decode(data)
    if decoded.binary:
        raise UsageError("cannot read template: a binary file, not Markdown", path=path)
    return decoded.text


def fill_template(
    template: Template,
    *,
    number: int | None,
    title: str,
    date: str,
    status: str,
    padding: int = 4,
    deciders: str = "",
    tags: str = "",
    author: str = "",
) -> str:
    padded = f"{number:0{padding}d}" if number is not None else "X" * padding
    values = {
        "number": str(number) if number is not None else padded,
        "padded": padded,
        "title": title,
        "date": date,
        "status": status,
        "status_lower": status.lower(),
        "deciders": deciders,
        "tags": tags,
        "author": author,
    }
    text = re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: values.get(m.group(1), m.group(0)), template.text)
    if template.adr_tools_tokens:
        text = _sed_like(text, {"NUMBER": values["number"], "TITLE": title, "DATE": date, "STATUS": status})
    return text


def _sed_like(text: str, values: dict[str, str]) -> str:
    """Replace each token once per line, in adr-tools' order, as its `sed -e s|X|y|` chain does."""
    lines = text.split("\n")
    for token in _ADR_TOOLS_TOKENS:
        lines = [line.replace(token, values[token], 1) for line in lines]
    return "\n".join(lines)


def today() -> str:
    """ADR_DATE as adr-tools honours it, else SOURCE_DATE_EPOCH for reproducible output, else today."""
    explicit = os.environ.get("ADR_DATE")
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return date.today().isoformat()


def initial_status(style: str) -> str:
    return STYLES[style].initial_status if style in STYLES else "Proposed"


@dataclass(frozen=True)
class NewRecord:
    path: Path
    number: int | None
    display: str  # the path as adr-tools prints it


def create_record(
    log: DecisionLog,
    title: str,
    *,
    style: str | None = None,
    status: str | None = None,
    draft: bool = False,
    deciders: str = "",
    tags: str = "",
    author: str = "",
    template: Template | None = None,
) -> NewRecord:
    """Write a new record file. Numbering holds a lock on the folder, so concurrent calls never
    hand out one number twice; the file itself is created with O_EXCL."""
    config = log.config
    template = template or load_template(config, style)
    log.root.mkdir(parents=True, exist_ok=True)
    with write_session(log) as writing:  # a change killed half-way may have been numbering a record
        names = folder_names(log.root)  # one listing, taken under the lock, serves both
        _sweep_new_temporaries(log.root, names)
        convention = new_file_convention(log, names)
        numbered = not draft and convention.numbered
        number = writing.next_number(numbered_names(log.root, names)) if numbered else None
        name, text = plan_record(
            log,
            title,
            template,
            number,
            status=status,
            deciders=deciders,
            tags=tags,
            author=author,
            draft=draft,
            convention=convention,
        )
        path = log.root / name
        _create_exclusive(path, text)
    return NewRecord(path, number, f"{config.dir_display}/{name}")


def new_file_convention(log: DecisionLog, names: list[str] | None = None) -> Convention:
    """How the log names its files (the `file-pattern` setting, else its own names): `adr new` follows it."""
    config = log.config
    listing = folder_names(log.root) if names is None else names
    records = [n for n in listing if is_record_name(n, n, config.exclude, config.include)]
    return convention_of(records, config.file_pattern, config.padding)


def plan_record(
    log: DecisionLog,
    title: str,
    template: Template,
    number: int | None,
    *,
    status: str | None = None,
    deciders: str = "",
    tags: str = "",
    author: str = "",
    draft: bool | None = None,
    convention: Convention | None = None,
) -> tuple[str, str]:
    """The file name and text of a new record (a draft when `draft`, or when `number` is None in a
    numbered log); nothing is written."""
    config = log.config
    convention = convention or new_file_convention(log)
    if draft is None:
        draft = number is None and convention.numbered
    status = status or ("Draft" if draft else initial_status(template.style))
    date = today()
    name = (
        draft_filename(title, template.style)
        if draft
        else _new_name(convention, title, number, date, config.padding, template.style)
    )
    text = fill_template(
        template,
        number=number,
        title=title,
        date=date,
        status=status,
        padding=convention.width or config.padding,
        deciders=deciders,
        tags=tags,
        author=author,
    )
    if deciders.strip() or tags.strip():  # parsing is needed only then: plain `adr new` stays fast
        # lazy: keeps model off this module's import
        from ..edit.fields import with_fields

        text = with_fields(text, name, template.style, deciders, tags)
    return name, text


def _new_name(convention: Convention, title: str, number: int | None, date: str, padding: int, style: str) -> str:
    """The convention's name for a new record; adr-tools' NNNN-slug.md when the convention cannot make one
    (an ADR_DATE that is no ISO date in a date-named log). Accents keep their base letter, as in
    slugify, except in adr-tools' own style."""
    iso = date[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]) else None
    words = _ascii_letters(title) if get_style(style).transliterate_slugs else title
    name = convention.name(convention.slug(words) or "record", number, iso)
    return name or record_filename(number or 0, title, padding, style)


NEW_SUFFIX = ".new.adrtmp"  # textio.TEMP_SUFFIX, with the kind: a record `adr new` is writing
_LEGACY_NEW_SUFFIX = ".adrnew"


def _create_exclusive(path: Path, text: str) -> None:
    """Create `path` complete or not at all, and never over an existing file.

    The text goes to a synced temporary file that is then hard-linked to its name: link() fails
    when the name exists (like O_EXCL) and is atomic, so no reader and no crash ever sees half a
    record. File systems without hard links fall back on O_EXCL creation in place.
    """
    fd, temp = temporary_beside(path, NEW_SUFFIX)
    try:
        with naming(path):
            write_synced(fd, text.encode("utf-8"))
        os.chmod(temp, mode_for(path))  # mkstemp's 0600, made the mode any new file gets
        crash_point("new-before-link")
        try:
            os.link(temp, path)
        except FileExistsError as err:
            raise UsageError("a record with this file name already exists", path=path) from err
        except OSError:
            _create_in_place(path, text)
        crash_point("new-after-link")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    fsync_dir(path.parent)


def _create_in_place(path: Path, text: str) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError as err:
        raise UsageError("a record with this file name already exists", path=path) from err
    try:
        with naming(path):
            write_synced(fd, text.encode("utf-8"))
    except BaseException:
        os.unlink(path)
        raise


def _sweep_new_temporaries(folder: Path, names: list[str], older_than: float = 600) -> None:
    """Remove what a killed `adr new` left behind. Only old ones: where there is no folder lock
    (Windows), a temporary of a live `adr new` must survive."""
    limit = time.time() - older_than
    for name in names:
        if name.startswith(".") and name.endswith((NEW_SUFFIX, _LEGACY_NEW_SUFFIX)):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if os.lstat(path).st_mtime < limit:
                    os.unlink(path)


def open_in_editor(path: str) -> int:
    """Run $VISUAL or $EDITOR on the file, as adr-tools does (nothing when neither is set); its exit status."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        return 0
    try:
        import shlex
        import subprocess

        return subprocess.run([*shlex.split(editor), path], check=False).returncode
    except OSError as err:
        raise UsageError(f"cannot start editor '{editor}': {err.strerror or err}") from err


def _refuse_existing_log(folder: Path, shown: str) -> None:
    """`adr init` where records already are would add a second first record: say so instead."""
    existing = record_files(folder) if folder.is_dir() else []
    if existing:
        count = f"{len(existing)} record{'s' if len(existing) != 1 else ''}"
        raise UsageError(f"{shown.rstrip('/')} already holds a decision log ({count}): add records with adr new")


def init_log(config: Config, directory: str | None, style: str | None, cwd: Path) -> NewRecord:
    """Create the log folder (writing .adr-dir when a folder is named) and its first record."""
    _refuse_existing_log(cwd / directory if directory else config.dir, directory or config.dir_display)
    if directory:
        (cwd / directory).mkdir(parents=True, exist_ok=True)
        atomic_write(cwd / ".adr-dir", directory + "\n")
        config = load_config(cwd=cwd)
    chosen = get_style(style or config.style)
    log = DecisionLog(config)
    if chosen.remembered and config.source is None:
        # Remember the style for `adr new` (adr-tools' logs stay exactly as adr-tools leaves them).
        config.dir.mkdir(parents=True, exist_ok=True)
        atomic_write(config.dir / ".adrledger.toml", f'style = "{chosen.name}"\n')
    template = builtin_template(chosen.name, init=True)
    return create_record(log, chosen.init_title, template=template, status="Accepted")
