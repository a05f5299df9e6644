#include "SequenceDiagramView.h"

#include "ui/UiText.h"

#include "oidc/diagram/SequenceGeometry.h"
#include "oidc/diagram/SequenceRecorder.h"
#include "oidc/diagram/SequenceSvg.h"

#include <QHelpEvent>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace ui {

using oidc::diagram::Arrow;
using oidc::diagram::Outcome;
using Geometry = oidc::diagram::SequenceGeometry;

namespace {

QColor arrowColour(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Good: return passColor();
    case Outcome::Bad: return failColor();
    case Outcome::Neutral: break;
    }
    return mutedColor();
}

QFont diagramFont(const QFont &base, int pixels, bool bold)
{
    QFont font = base;
    font.setPixelSize(pixels);
    font.setBold(bold);
    return font;
}

// `text` centred on `x` with its baseline at `y`.
void drawCentred(QPainter &painter, int x, int y, const QString &text)
{
    painter.drawText(QPointF(x - painter.fontMetrics().horizontalAdvance(text) / 2.0, y), text);
}

} // namespace

SequenceDiagramView::SequenceDiagramView(const oidc::diagram::SequenceRecorder &recorder, QWidget *parent)
    : QWidget(parent)
    , m_recorder(recorder)
{
    setObjectName(QStringLiteral("sequenceDiagramView"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    using Recorder = oidc::diagram::SequenceRecorder;
    connect(&recorder, &Recorder::lanesChanged, this, &SequenceDiagramView::relayout);
    connect(&recorder, &Recorder::oldestDropped, this, &SequenceDiagramView::relayout);
    connect(&recorder, &Recorder::cleared, this, &SequenceDiagramView::relayout);
    connect(&recorder, &Recorder::arrowsAppended, this, &SequenceDiagramView::onArrowsAppended);
    connect(&recorder, &Recorder::arrowChanged, this, [this](int index) { updateRows(index, index); });
    relayout();
}

QSize SequenceDiagramView::sizeHint() const
{
    const auto &model = m_recorder.model();
    return {Geometry::width(static_cast<int>(model.columns().size())), Geometry::height(static_cast<int>(model.arrows().size()))};
}

void SequenceDiagramView::relayout()
{
    resize(sizeHint());
    update();
}

void SequenceDiagramView::onArrowsAppended(int first)
{
    resize(sizeHint()); // the lifelines grow with the rows: both are below the first new row
    update(QRect(0, Geometry::rowTop(first), width(), height() - Geometry::rowTop(first)));
}

void SequenceDiagramView::updateRows(int first, int last)
{
    update(QRect(0, Geometry::rowTop(first), width(), Geometry::rowTop(last + 1) - Geometry::rowTop(first)));
}

int SequenceDiagramView::arrowAt(const QPoint &position) const
{
    const auto &model = m_recorder.model();
    const int row = Geometry::rowAt(position.y());
    if (row < 0 || row >= static_cast<int>(model.arrows().size()))
        return -1;
    const Arrow &arrow = model.arrows()[static_cast<size_t>(row)];
    const int x1 = Geometry::laneX(model.columnOf(arrow.from));
    const int x2 = Geometry::laneX(model.columnOf(arrow.to));
    const int slack = Geometry::kLaneSpacing / 4; // the text reaches past the lifelines
    return position.x() >= std::min(x1, x2) - slack && position.x() <= std::max(x1, x2) + slack ? row : -1;
}

void SequenceDiagramView::mousePressEvent(QMouseEvent *event)
{
    const int row = arrowAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || row < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    const Arrow &arrow = m_recorder.model().arrows()[static_cast<size_t>(row)];
    if (arrow.kind == Arrow::Kind::Exchange)
        Q_EMIT exchangeActivated(arrow.recordId);
}

void SequenceDiagramView::mouseMoveEvent(QMouseEvent *event)
{
    const int row = arrowAt(event->position().toPoint());
    const bool clickable = row >= 0 && m_recorder.model().arrows()[static_cast<size_t>(row)].kind == Arrow::Kind::Exchange;
    setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

bool SequenceDiagramView::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const int row = arrowAt(help->pos());
    if (row < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const Arrow &arrow = m_recorder.model().arrows()[static_cast<size_t>(row)];
    QString text = arrow.label + QLatin1Char('\n') + arrow.detail();
    if (arrow.kind == Arrow::Kind::Exchange)
        text += QStringLiteral("\nExchange Log %1 — click to show it").arg(arrow.recordNumbers());
    QToolTip::showText(help->globalPos(), plainToolTip(text), this);
    return true;
}

oidc::diagram::SvgPalette SequenceDiagramView::svgPalette()
{
    oidc::diagram::SvgPalette palette;
    palette.good = passColor().name();
    palette.neutral = mutedColor().name();
    palette.bad = failColor().name();
    return palette;
}

QImage SequenceDiagramView::renderImage(qreal scale) const
{
    const QSize size = sizeHint();
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    QPainter painter(&image);
    paintDiagram(painter, QRect(QPoint(0, 0), size));
    return image;
}

void SequenceDiagramView::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    paintDiagram(painter, event->rect());
}

void SequenceDiagramView::paintDiagram(QPainter &painter, const QRect &exposed) const
{
    painter.fillRect(exposed, palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::Antialiasing);
    paintLanes(painter, exposed);
    const int count = static_cast<int>(m_recorder.model().arrows().size());
    const int first = std::max(0, Geometry::rowAt(exposed.top()));
    const int last = std::min(count - 1, Geometry::rowAt(exposed.bottom()) + 1);
    for (int row = first; row <= last; ++row)
        paintArrow(painter, row);
}

void SequenceDiagramView::paintLanes(QPainter &painter, const QRect &exposed) const
{
    const auto &model = m_recorder.model();
    const QColor stroke = palette().color(QPalette::Mid);
    const int bottom = sizeHint().height() - Geometry::kMargin;
    for (int column = 0; column < static_cast<int>(model.columns().size()); ++column) {
        const int x = Geometry::laneX(column);
        painter.setPen(QPen(stroke, 1, Qt::DashLine));
        painter.drawLine(x, std::max(exposed.top(), Geometry::kMargin + Geometry::kHeaderHeight), x, std::min(exposed.bottom(), bottom));
        const QRect box(x - Geometry::kLaneBoxWidth / 2, Geometry::kMargin, Geometry::kLaneBoxWidth, Geometry::kHeaderHeight);
        if (!box.intersects(exposed))
            continue;
        const auto &lane = model.lanes()[static_cast<size_t>(model.columns()[static_cast<size_t>(column)])];
        painter.setPen(stroke);
        painter.setBrush(palette().color(QPalette::AlternateBase));
        painter.drawRoundedRect(box, 5, 5);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(palette().color(QPalette::Text));
        painter.setFont(diagramFont(font(), Geometry::kFontPixels + 2, true));
        if (lane.host.isEmpty()) {
            drawCentred(painter, x, box.top() + Geometry::kHeaderHeight / 2 + 5, lane.title());
            continue;
        }
        drawCentred(painter, x, box.top() + 19, lane.title());
        painter.setFont(diagramFont(font(), Geometry::kFontPixels, false));
        painter.setPen(mutedColor());
        drawCentred(painter, x, box.top() + 35, lane.host);
    }
}

void SequenceDiagramView::paintArrow(QPainter &painter, int row) const
{
    const auto &model = m_recorder.model();
    const Arrow &arrow = model.arrows()[static_cast<size_t>(row)];
    const int x1 = Geometry::laneX(model.columnOf(arrow.from));
    const int x2 = Geometry::laneX(model.columnOf(arrow.to));
    const int y = Geometry::arrowY(row);
    const int direction = x2 >= x1 ? 1 : -1;
    const QColor colour = arrowColour(arrow.outcome);

    QPen line(colour, 1.5, arrow.kind == Arrow::Kind::Exchange ? Qt::SolidLine : Qt::DashLine);
    painter.setPen(line);
    painter.drawLine(QPointF(x1, y), QPointF(x2 - direction * (Geometry::kHeadLength - 1), y));
    QPainterPath head;
    head.moveTo(x2, y);
    head.lineTo(x2 - direction * Geometry::kHeadLength, y - Geometry::kHeadHalfWidth);
    head.lineTo(x2 - direction * Geometry::kHeadLength, y + Geometry::kHeadHalfWidth);
    head.closeSubpath();
    painter.fillPath(head, colour);

    const int middle = (x1 + x2) / 2;
    painter.setFont(diagramFont(font(), Geometry::kFontPixels, false));
    painter.setPen(palette().color(QPalette::Text));
    drawCentred(painter, middle, y - Geometry::kLabelAbove, arrow.label);
    painter.setPen(colour);
    drawCentred(painter, middle, y - Geometry::kDetailAbove, arrow.detail());
    if (arrow.kind == Arrow::Kind::Exchange) {
        painter.setPen(mutedColor());
        painter.drawText(QPointF(Geometry::kMargin, y - Geometry::kDetailAbove), arrow.recordNumbers());
    }
}

} // namespace ui

#include "moc_SequenceDiagramView.cpp"
