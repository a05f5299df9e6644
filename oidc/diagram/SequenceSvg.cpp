#include "SequenceSvg.h"

#include "oidc/diagram/SequenceGeometry.h"
#include "oidc/diagram/SequenceModel.h"

namespace oidc::diagram {

namespace {

using G = SequenceGeometry;

const QString &outcomeColour(const SvgPalette &palette, Outcome outcome)
{
    switch (outcome) {
    case Outcome::Good: return palette.good;
    case Outcome::Bad: return palette.bad;
    case Outcome::Neutral: break;
    }
    return palette.neutral;
}

// <text x y fill [anchor] [bold]>text</text>
QString svgText(int x, int y, const QString &fill, const QString &text, const char *anchor, bool bold = false, int size = G::kFontPixels)
{
    return QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"%3\" text-anchor=\"%4\" font-size=\"%5\"%6>%7</text>")
        .arg(x)
        .arg(y)
        .arg(fill, QLatin1String(anchor))
        .arg(size)
        .arg(bold ? QStringLiteral(" font-weight=\"bold\"") : QString(), xmlEscaped(text));
}

QString laneElement(const SequenceModel &model, int column, int height, const SvgPalette &palette)
{
    const Lane &lane = model.lanes()[static_cast<size_t>(model.columns()[static_cast<size_t>(column)])];
    const int x = G::laneX(column);
    const int top = G::kMargin;
    QString svg = QStringLiteral("<g class=\"lane\" data-lane=\"%1\">").arg(xmlEscaped(lane.id));
    svg += QStringLiteral("<line class=\"lifeline\" x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\" stroke=\"%4\" stroke-dasharray=\"3 3\"/>")
               .arg(x)
               .arg(top + G::kHeaderHeight)
               .arg(height - G::kMargin)
               .arg(palette.laneStroke);
    svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"5\" fill=\"%5\" stroke=\"%6\"/>")
               .arg(x - G::kLaneBoxWidth / 2)
               .arg(top)
               .arg(G::kLaneBoxWidth)
               .arg(G::kHeaderHeight)
               .arg(palette.laneFill, palette.laneStroke);
    if (lane.host.isEmpty()) {
        svg += svgText(x, top + G::kHeaderHeight / 2 + 5, palette.ink, lane.title(), "middle", true, G::kFontPixels + 2);
    } else {
        svg += svgText(x, top + 19, palette.ink, lane.title(), "middle", true, G::kFontPixels + 2);
        svg += svgText(x, top + 35, palette.muted, lane.host, "middle");
    }
    return svg + QStringLiteral("</g>\n");
}

QString arrowElement(const SequenceModel &model, int row, const SvgPalette &palette)
{
    const Arrow &arrow = model.arrows()[static_cast<size_t>(row)];
    const int x1 = G::laneX(model.columnOf(arrow.from));
    const int x2 = G::laneX(model.columnOf(arrow.to));
    const int y = G::arrowY(row);
    const int direction = x2 >= x1 ? 1 : -1;
    const QString &colour = outcomeColour(palette, arrow.outcome);
    const bool exchange = arrow.kind == Arrow::Kind::Exchange;

    QString svg = QStringLiteral("<g class=\"arrow %1 %2\" data-from=\"%3\" data-to=\"%4\"")
                      .arg(exchange ? QStringLiteral("exchange") : QStringLiteral("hop"), outcomeName(arrow.outcome),
                           xmlEscaped(model.lanes()[static_cast<size_t>(arrow.from)].id), xmlEscaped(model.lanes()[static_cast<size_t>(arrow.to)].id));
    if (exchange)
        svg += QStringLiteral(" data-record-id=\"%1\" data-count=\"%2\"").arg(arrow.recordId).arg(arrow.count);
    svg += QStringLiteral("><title>%1</title>").arg(xmlEscaped(arrow.label + QStringLiteral(" — ") + arrow.detail()));
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"%4\" stroke-width=\"1.5\"%5/>")
               .arg(x1)
               .arg(y)
               .arg(x2 - direction * (G::kHeadLength - 1))
               .arg(colour, exchange ? QString() : QStringLiteral(" stroke-dasharray=\"6 4\""));
    svg += QStringLiteral("<polygon points=\"%1,%2 %3,%4 %3,%5\" fill=\"%6\"/>")
               .arg(x2)
               .arg(y)
               .arg(x2 - direction * G::kHeadLength)
               .arg(y - G::kHeadHalfWidth)
               .arg(y + G::kHeadHalfWidth)
               .arg(colour);
    const int middle = (x1 + x2) / 2;
    svg += svgText(middle, y - G::kLabelAbove, palette.ink, arrow.label, "middle");
    svg += svgText(middle, y - G::kDetailAbove, colour, arrow.detail(), "middle");
    if (exchange)
        svg += svgText(G::kMargin, y - G::kDetailAbove, palette.muted, arrow.recordNumbers(), "start");
    return svg + QStringLiteral("</g>\n");
}

} // namespace

QString xmlEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || u == 0xFFFE || u == 0xFFFF)
            continue;
        switch (u) {
        case u'&': out += QStringLiteral("&amp;"); break;
        case u'<': out += QStringLiteral("&lt;"); break;
        case u'>': out += QStringLiteral("&gt;"); break;
        case u'"': out += QStringLiteral("&quot;"); break;
        default: out += c;
        }
    }
    return out;
}

QString toSvg(const SequenceModel &model, const SvgPalette &palette)
{
    const int columns = static_cast<int>(model.columns().size());
    const int rows = static_cast<int>(model.arrows().size());
    const int width = G::width(columns);
    const int height = G::height(rows);
    QString svg = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                                 "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
                                 "<title>Sequence diagram</title>\n"
                                 "<rect class=\"background\" width=\"%1\" height=\"%2\" fill=\"%3\"/>\n")
                      .arg(width)
                      .arg(height)
                      .arg(palette.background);
    for (int column = 0; column < columns; ++column)
        svg += laneElement(model, column, height, palette);
    for (int row = 0; row < rows; ++row)
        svg += arrowElement(model, row, palette);
    return svg + QStringLiteral("</svg>\n");
}

} // namespace oidc::diagram
