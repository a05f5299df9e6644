#include "StepItemDelegate.h"

#include "ui/UiText.h"
#include "ui/flow/FlowStepModel.h"
#include "ui/widgets/CachedTextDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace ui {

namespace {

QColor stateColor(FlowStepModel::State state)
{
    switch (state) {
    case FlowStepModel::State::Pending: return ink(Ink::Pending);
    case FlowStepModel::State::Running: return ink(Ink::Running);
    case FlowStepModel::State::Ok: return passColor();
    case FlowStepModel::State::Failed: return failColor();
    case FlowStepModel::State::Cancelled: return warnColor();
    }
    return mutedColor();
}

QString badgeText(const QModelIndex &index, FlowStepModel::State state)
{
    switch (state) {
    case FlowStepModel::State::Ok: return QStringLiteral("✓");
    case FlowStepModel::State::Failed: return QStringLiteral("✗");
    default: break;
    }
    const QString number = index.data(FlowStepModel::NumberRole).toString();
    if (!number.isEmpty())
        return number;
    switch (static_cast<FlowStepModel::Step>(index.data(FlowStepModel::StepRole).toInt())) {
    case FlowStepModel::Step::Refresh: return QStringLiteral("↻");
    case FlowStepModel::Step::Revoke: return QStringLiteral("⊘");
    case FlowStepModel::Step::Logout: return QStringLiteral("⇥");
    default: return QStringLiteral("•");
    }
}

// The badge's disc in `box`: a ring for a pending step, filled otherwise.
void drawDisc(QPainter *painter, const QRect &box, const QColor &color, bool outline)
{
    painter->setPen(outline ? QPen(color, 1.5) : QPen(Qt::NoPen));
    painter->setBrush(outline ? QBrush(Qt::NoBrush) : QBrush(color));
    painter->drawEllipse(box.adjusted(1, 1, -1, -1));
}

} // namespace

QSize StepItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics metrics(option.font);
    return QSize(200, metrics.height() * 2 + 14);
}

QPixmap StepItemDelegate::disc(int diameter, const QColor &color, bool outline, qreal pixelRatio) const
{
    if (pixelRatio != m_discRatio) {
        m_discs.clear();
        m_discRatio = pixelRatio;
    }
    const quint64 key = (quint64(color.rgba()) << 32) | (quint64(diameter & 0x7fffffff) << 1) | (outline ? 1U : 0U);
    if (const auto found = m_discs.constFind(key); found != m_discs.constEnd())
        return *found;
    QPixmap pixmap(QSize(diameter, diameter) * pixelRatio);
    pixmap.setDevicePixelRatio(pixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    drawDisc(&painter, QRect(0, 0, diameter, diameter), color, outline);
    painter.end();
    if (m_discs.size() > 64) // a few states and colours in use: anything more is a theme change
        m_discs.clear();
    m_discs.insert(key, pixmap);
    return pixmap;
}

void StepItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (painter->transform().isScaling() || painter->transform().isRotating() || option.rect.isEmpty()) {
        paintRow(painter, option, index); // a kept pixmap would be scaled
        return;
    }
    const auto state = static_cast<FlowStepModel::State>(index.data(FlowStepModel::StateRole).toInt());
    const qreal pixelRatio = painter->device()->devicePixelRatio();
    RowKey key{.title = index.data(Qt::DisplayRole).toString(),
               .stateText = index.data(FlowStepModel::StateTextRole).toString(),
               .summary = index.data(FlowStepModel::SummaryRole).toString(),
               .badge = badgeText(index, state),
               .state = static_cast<int>(state),
               .styleState = option.state & (QStyle::State_Selected | QStyle::State_Enabled | QStyle::State_Active | QStyle::State_MouseOver),
               .size = option.rect.size(),
               .pixelRatio = pixelRatio,
               .palette = option.palette.cacheKey(),
               .direction = option.direction};
    if (option.font != m_rowsFont) { // another font (Appearance, presentation mode): rows painted anew
        m_rows.clear();
        m_seenOnce.clear();
        m_rowsFont = option.font;
    }
    if (const auto found = m_rows.constFind(key); found != m_rows.constEnd()) {
        painter->drawPixmap(option.rect.topLeft(), *found);
        return;
    }
    const size_t hash = qHash(key, 0);
    if (!m_seenOnce.contains(hash)) { // the first time: painted, remembered as seen
        if (m_seenOnce.size() >= 4 * kRows)
            m_seenOnce.clear();
        m_seenOnce.insert(hash);
        paintRow(painter, option, index);
        return;
    }
    // The second time alike: painted once more into a pixmap on the list's own background, kept.
    QPixmap row(option.rect.size() * pixelRatio);
    row.setDevicePixelRatio(pixelRatio);
    row.fill(option.palette.color(viewItemColorGroup(option.state), QPalette::Base));
    QPainter rowPainter(&row);
    QStyleOptionViewItem local = option;
    local.rect = QRect(QPoint(0, 0), option.rect.size());
    paintRow(&rowPainter, local, index);
    rowPainter.end();
    if (m_rows.size() >= kRows)
        m_rows.clear();
    m_seenOnce.remove(hash);
    m_rows.insert(std::move(key), row);
    painter->drawPixmap(option.rect.topLeft(), row);
}

void StepItemDelegate::paintRow(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const auto state = static_cast<FlowStepModel::State>(index.data(FlowStepModel::StateRole).toInt());
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = selected ? option.palette.color(QPalette::HighlightedText) : option.palette.color(QPalette::Text);
    const QColor muted = selected ? option.palette.color(QPalette::HighlightedText) : mutedColor();
    const QFontMetrics metrics(option.font);
    const int line = metrics.height();
    const QRect rect = option.rect.adjusted(8, 6, -6, -6);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // The badge.
    const int diameter = line + 6;
    const QRect badge(rect.left(), rect.top() + (rect.height() - diameter) / 2, diameter, diameter);
    const QColor color = stateColor(state);
    const bool outline = state == FlowStepModel::State::Pending;
    const QColor discColor = outline && selected ? text : color;
    if (painter->transform().isScaling() || painter->transform().isRotating())
        drawDisc(painter, badge, discColor, outline); // a kept pixmap would be scaled
    else
        painter->drawPixmap(badge.topLeft(), disc(diameter, discColor, outline, painter->device()->devicePixelRatio()));
    QFont badgeFont = option.font;
    badgeFont.setWeight(QFont::DemiBold);
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.9);
    painter->setPen(state == FlowStepModel::State::Pending ? (selected ? text : color) : onInk());
    m_texts.draw(painter, badge, Qt::AlignCenter, badgeText(index, state), badgeFont, Qt::ElideNone);

    // The title, then the state (in its colour) and the outcome.
    const QRect textRect = rect.adjusted(diameter + 8, 0, 0, 0);
    QFont titleFont = option.font;
    titleFont.setWeight(QFont::DemiBold);
    painter->setPen(text);
    const QRect titleRect(textRect.left(), textRect.top(), textRect.width(), line);
    m_texts.draw(painter, titleRect, Qt::AlignLeft | Qt::AlignVCenter, index.data(Qt::DisplayRole).toString(), titleFont);
    const QString stateLabel = index.data(FlowStepModel::StateTextRole).toString();
    const QRect secondLine(textRect.left(), textRect.top() + line + 2, textRect.width(), line);
    painter->setPen(selected ? text : color);
    const int stateWidth = qCeil(m_texts.text(stateLabel, option.font, secondLine.width(), Qt::ElideNone).size().width());
    m_texts.draw(painter, secondLine, Qt::AlignLeft | Qt::AlignVCenter, stateLabel, option.font, Qt::ElideNone);
    QString summary = index.data(FlowStepModel::SummaryRole).toString();
    summary.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (!summary.isEmpty()) {
        painter->setPen(muted);
        const QRect summaryRect = secondLine.adjusted(stateWidth, 0, 0, 0);
        m_texts.draw(painter, summaryRect, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral(" · ") + summary, option.font);
    }
    painter->restore();
}

} // namespace ui

#include "moc_StepItemDelegate.cpp"
