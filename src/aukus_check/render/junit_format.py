"""`--format junit`: JUnit XML, as CI systems show test reports: a test case per field.

A field with an unresolved conflict is a failure; a resolved one passes and says which
decision covers it; one that `--since` left out is skipped. Article text is escaped by the
XML writer, and characters XML 1.0 cannot carry at all are shown as visible escapes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from aukus_check.models import Report
from aukus_check.render import RenderOptions, gate_of
from aukus_check.render.gate_text import decision_ref, headline, quote, reopened, where
from aukus_check.safe_text import one_line, printable

# Code points outside XML 1.0's Char production (controls are already escaped by printable).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", printable(text))


def render(report: Report, options: RenderOptions) -> bytes:
    """JUnit XML: one testsuite of one test case per field, in field-id order."""
    gate = gate_of(report, options)
    unresolved = {item.conflict.field: item for item in gate.unresolved}
    resolved = {item.conflict.field: item for item in gate.resolved}
    left_out = set(gate.left_out)
    fields = sorted(report.fields, key=lambda field: field.id)
    counts = {
        "tests": str(len(fields)),
        "failures": str(len(unresolved)),
        "errors": "0",
        "skipped": str(sum(1 for field in fields if field.id in left_out)),
    }
    suites = ET.Element("testsuites", {"name": "aukus-check", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": _xml_text(one_line(report.rules.title)), **counts})
    for field in fields:
        case = ET.SubElement(suite, "testcase", {"classname": "aukus-check", "name": field.id})
        if field.id in unresolved:
            item = unresolved[field.id]
            conflict = item.conflict
            lines = [headline(conflict)]
            note = reopened(item, gate.ledger)
            if note is not None:
                lines.append(note)
            for side in conflict.sides:
                lines.append(f"{one_line(side.label)}:")
                lines.extend(f"  {where(e)} {quote(e.sentence)}" for e in side.evidence)
            failure = ET.SubElement(
                case, "failure", {"type": "unresolved-conflict", "message": _xml_text(headline(conflict))}
            )
            failure.text = _xml_text("\n".join(lines))
        elif field.id in left_out:
            since = gate.since.revision if gate.since is not None else "the revision"
            ET.SubElement(
                case,
                "skipped",
                {"message": _xml_text(f"unresolved, but no article changed since {since} touches it")},
            )
        elif field.id in resolved:
            entry = resolved[field.id].resolution
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text(f"resolved by the decision at {decision_ref(entry, gate.ledger)}")
    ET.indent(suites)
    data: bytes = ET.tostring(suites, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
