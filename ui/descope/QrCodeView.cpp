#include "QrCodeView.h"

#include "ui/UiText.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>

namespace ui {

namespace {

constexpr int kQrQuietZoneModules = 4; // ISO/IEC 18004 §7.3.7
constexpr int kQrSidePx = 180;

} // namespace

QrCodeView::QrCodeView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("qrCodeView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFixedSize(kQrSidePx, kQrSidePx);
}

oidc::Status QrCodeView::setText(const QString &text)
{
    if (text == m_text)
        return {};
    m_text.clear();
    m_matrix.reset();
    update();
    if (text.isEmpty())
        return {};
    auto matrix = sandbox::auth::encodeQr(toStd(text));
    if (!matrix)
        return matrix.error();
    m_text = text;
    m_matrix = std::move(matrix).value();
    // The link carries a token: the accessibility tree names what it is, not what it says.
    setAccessibleDescription(QStringLiteral("QR code of the link"));
    return {};
}

void QrCodeView::clear()
{
    (void)setText({});
}

void QrCodeView::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().window());
    const int side = std::min(width(), height());
    const QRect square((width() - side) / 2, (height() - side) / 2, side, side);
    if (!m_matrix) {
        painter.setPen(QPen(mutedColor(), 1, Qt::DashLine));
        painter.drawRect(square.adjusted(0, 0, -1, -1));
        painter.drawText(square.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, QStringLiteral("No link yet"));
        return;
    }
    // Whole pixels per module, so that the code stays sharp and a camera reads it.
    const int modules = m_matrix->size + 2 * kQrQuietZoneModules;
    const int scale = std::max(1, side / modules);
    const int drawn = modules * scale;
    const QPoint origin(square.left() + (side - drawn) / 2, square.top() + (side - drawn) / 2);
    painter.fillRect(QRect(origin, QSize(drawn, drawn)), fill(Fill::QrLight));
    const int quiet = kQrQuietZoneModules * scale;
    for (int y = 0; y < m_matrix->size; ++y) {
        for (int x = 0; x < m_matrix->size; ++x) {
            if (m_matrix->at(x, y))
                painter.fillRect(origin.x() + quiet + x * scale, origin.y() + quiet + y * scale, scale, scale, fill(Fill::QrDark));
        }
    }
}

} // namespace ui

#include "moc_QrCodeView.cpp"
