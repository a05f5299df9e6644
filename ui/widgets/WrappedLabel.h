#pragma once

// A plain-text label (never HTML) that remembers its height for a width. QLabel lays its text out
// again each time a layout asks heightForWidth() — every line shaped, and for a selectable label a
// whole QTextDocument — and a layout asks every word-wrapped label in it whenever anything in it
// changed, up to the window: during a flow that re-measuring of unchanged labels was the largest
// part of the GUI thread's layout time (issue 12, bench/gui --trace). The remembered height holds
// while the text, the width and everything else the height depends on (wrapping, margins, indent,
// font, style) stay the same. A few widths are remembered: in one pass the splitters ask for the
// height at the minimum width and the layouts at the real one, and the step pages and areas that
// a stacked layout holds are asked too, hidden or not (QStackedLayout::heightForWidth), so one
// remembered width was mostly the wrong one (callgrind: QLabel::heightForWidth 31 % of the GUI
// thread's instructions during a flow).

#include <QLabel>

#include <array>
#include <limits>

namespace ui {

class WrappedLabel final : public QLabel {
    Q_OBJECT
public:
    explicit WrappedLabel(const QString &text = {}, QWidget *parent = nullptr);

    int heightForWidth(int width) const override;

protected:
    bool event(QEvent *event) override;

private:
    // What the height depends on besides the width; the heights remembered hold for these.
    struct Basis final {
        QString text;
        bool wordWrap = false;
        int margin = 0;
        int indent = 0;
        QMargins contents;
        bool operator==(const Basis &) const = default;
    };
    struct Measured final {
        int width = std::numeric_limits<int>::min(); // no width asked
        int height = 0;
    };
    static constexpr size_t kWidths = 4;
    void forget() const;

    mutable Basis m_basis;
    mutable std::array<Measured, kWidths> m_measured{};
    mutable size_t m_next = 0; // the entry the next new width replaces
};

} // namespace ui
