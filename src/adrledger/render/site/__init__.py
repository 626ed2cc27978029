"""The static knowledge-base site: `build_site(log, out)` is the whole public API."""

from __future__ import annotations

from .build import BuildReport, build_site

__all__ = ["BuildReport", "build_site"]
