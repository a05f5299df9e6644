#pragma once

// A sequence diagram as one self-contained SVG document (SVG 1.1; presentation attributes, no
// style sheet, no markers, no scripts, no external references), laid out by SequenceGeometry:
//
//   <g class="lane" data-lane="authserver">      a lane: its box, role, host and lifeline
//   <g class="arrow exchange good" data-record-id="12" data-count="1">   one per arrow
//   <g class="arrow hop neutral">                 a browser hop (dashed)
//
// Every text is XML-escaped and comes from the model, which keeps nothing secret. Colours come
// from the palette: the GUI passes its tone colours, so the file looks like the screen.

#include <QString>

namespace oidc::diagram {

class SequenceModel;

struct SvgPalette final {
    QString good = QStringLiteral("#1b7a2e");
    QString neutral = QStringLiteral("#6b6b6b");
    QString bad = QStringLiteral("#c62828");
    QString ink = QStringLiteral("#1f2937");       // labels, lane titles
    QString muted = QStringLiteral("#6b7280");     // hosts, record numbers
    QString laneFill = QStringLiteral("#f3f4f6");
    QString laneStroke = QStringLiteral("#9ca3af"); // lane boxes and lifelines
    QString background = QStringLiteral("#ffffff");
};

[[nodiscard]] QString toSvg(const SequenceModel &model, const SvgPalette &palette = {});

// Text for XML content and double-quoted attributes: & < > " escaped, the characters XML 1.0
// forbids (controls other than tab, newline and carriage return; U+FFFE, U+FFFF) dropped.
[[nodiscard]] QString xmlEscaped(const QString &text);

} // namespace oidc::diagram
