#pragma once

// A plain-text label (never HTML) that remembers its height for a width. QLabel lays its text out
// again each time a layout asks heightForWidth() — every line shaped, and for a selectable label a
// whole QTextDocument — and a layout asks every word-wrapped label in it whenever anything in it
// changed, up to the window: during a flow that re-measuring of unchanged labels was the largest
// part of the GUI thread's layout time (issue 12, bench/gui --trace). The remembered height holds
// while the text, the width and everything else the height depends on (wrapping, margins, indent,
// font, style) stay the same.

#include <QLabel>

namespace ui {

class WrappedLabel final : public QLabel {
    Q_OBJECT
public:
    explicit WrappedLabel(const QString &text = {}, QWidget *parent = nullptr);

    int heightForWidth(int width) const override;

protected:
    bool event(QEvent *event) override;

private:
    struct Measured final {
        QString text;
        int width = -1;
        int height = 0;
        bool wordWrap = false;
        int margin = 0;
        int indent = 0;
        QMargins contents;
    };
    mutable Measured m_measured;
};

} // namespace ui
