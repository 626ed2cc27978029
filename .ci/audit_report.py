"""Read pip-audit's JSON report: print each vulnerability; exit 1 when there is one (unless ADRLEDGER_AUDIT=warn).

A missing or unreadable report (no network) and dependencies that could not be looked up only
print a notice: the build must not fail because an advisory service is out of reach.
"""

from __future__ import annotations

import json
import os
import sys


try:
    with open(sys.argv[1], encoding="utf-8") as handle:
        report = json.load(handle)
except (OSError, ValueError):
    print("audit: pip-audit could not reach its advisory database (offline?): dependencies NOT audited",
          file=sys.stderr)
    sys.exit(0)
dependencies = report.get("dependencies", [])
audited = [d for d in dependencies if "skip_reason" not in d]
found = [(d["name"], d["version"], v) for d in audited for v in d.get("vulns", [])]
for name, version, vuln in found:
    fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
    print(f"audit: VULNERABLE {name} {version}: {vuln.get('id')} (fixed in {fixed})", file=sys.stderr)
if not audited:
    print(f"audit: none of {len(dependencies)} dependencies could be looked up (no PyPI?): NOT audited",
          file=sys.stderr)
elif not found:
    print(f"audit: {len(audited)} dependencies audited, no known vulnerability", file=sys.stderr)
sys.exit(1 if found and os.environ.get("ADRLEDGER_AUDIT") != "warn" else 0)
