#pragma once

// A group box that paints its frame and title from a pixmap kept for its size and state. Fusion
// draws a group box's frame from a resource image that it loads by name on every paint (QPixmap's
// file-info lookup of ":/qt-project.org/styles/commonstyle/images/fusion_groupbox.png"): ~0.13 ms a
// paint, and a box whose buttons change state during a flow (the flow page's After sign-in) is
// repainted behind them in most frames (issue 12, bench/gui --trace and perf). The kept pixmap is
// QGroupBox's own painting on the window's background (what a group box sits on), redone when the
// size, the title, the state, the palette, the font or the style changes. A checkable box is
// painted as QGroupBox paints it (its check box follows the pointer).

#include <QGroupBox>
#include <QPixmap>

namespace ui {

class KeptGroupBox final : public QGroupBox {
    Q_OBJECT
public:
    using QGroupBox::QGroupBox;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Key final {
        QSize size;
        qreal pixelRatio = 1;
        QString title;
        int state = 0;
        bool operator==(const Key &) const = default;
    };
    Key m_key;
    QPixmap m_kept;
};

} // namespace ui
