#include "SequenceMermaid.h"

#include "oidc/diagram/SequenceModel.h"

namespace oidc::diagram {

namespace {

QString mermaidText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'#': out += QStringLiteral("#35;"); break;
        case u';': out += QStringLiteral("#59;"); break;
        case u'<': out += QStringLiteral("#60;"); break;
        case u'>': out += QStringLiteral("#62;"); break;
        case u'\n':
        case u'\r':
        case u'\t': out += QLatin1Char(' '); break;
        default:
            if (c.unicode() >= 0x20)
                out += c;
        }
    }
    return out;
}

QString messageArrow(const Arrow &arrow)
{
    const bool bad = arrow.outcome == Outcome::Bad;
    if (arrow.kind == Arrow::Kind::Exchange)
        return bad ? QStringLiteral("-x") : QStringLiteral("->>");
    return bad ? QStringLiteral("--x") : QStringLiteral("-->>");
}

} // namespace

QString toMermaid(const SequenceModel &model)
{
    QString text = QStringLiteral("sequenceDiagram\n");
    for (const int index : model.columns()) {
        const Lane &lane = model.lanes()[static_cast<size_t>(index)];
        const QString title = lane.host.isEmpty() ? lane.title() : lane.title() + QStringLiteral(" (") + lane.host + QLatin1Char(')');
        text += QStringLiteral("    participant ") + lane.id + QStringLiteral(" as ") + mermaidText(title) + QLatin1Char('\n');
    }
    for (const Arrow &arrow : model.arrows()) {
        const QString detail = arrow.detail();
        const QString message = detail.isEmpty() ? arrow.label : arrow.label + QStringLiteral(" · ") + detail;
        text += QStringLiteral("    ") + model.lanes()[static_cast<size_t>(arrow.from)].id + messageArrow(arrow)
            + model.lanes()[static_cast<size_t>(arrow.to)].id + QStringLiteral(": ") + mermaidText(message) + QLatin1Char('\n');
    }
    return text;
}

} // namespace oidc::diagram
