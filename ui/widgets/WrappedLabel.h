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
// The size hints (QLabel's sizeHint() and minimumSizeHint(), which lay the text out three times)
// and the heights are remembered per text, for the last few texts: the flow page's step title and
// description go back and forth between the steps' texts, and QLabel forgets its hints at every
// setText() (callgrind: QLabel's hints 18 % of the GUI thread's instructions during a flow).
// Sixteen texts: the step title, description and status banner go through the twelve steps' texts
// in every flow, and with eight each step's text was forgotten by the next flow (bench/gui: a
// title, description or status measured anew, ~3M instructions each under callgrind).
// The hints are measured as QLabel measures a plain text that is not selectable (font metrics), for
// selectable labels too: QLabel measures a selectable one through its QTextDocument, laying the
// document out at the asked width and again at its own (callgrind, bench/gui: 22 % of the GUI
// thread's instructions during a flow, for the session line, the status banner and the token
// summaries, whose texts change every flow). The document still paints the text, at the width the
// layout gave; the metrics' lines are never shorter than its lines, so nothing is clipped.

#include <QLabel>

#include <array>
#include <limits>
#include <optional>

namespace ui {

class WrappedLabel final : public QLabel {
    Q_OBJECT
public:
    explicit WrappedLabel(const QString &text = {}, QWidget *parent = nullptr);

    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;

private:
    // What the hints and the height depend on besides the width (and the font and style, whose
    // changes forget everything); what is remembered holds for these.
    struct Basis final {
        QString text;
        bool wordWrap = false;
        int margin = 0;
        int indent = 0;
        Qt::Alignment alignment;
        Qt::TextFormat format = Qt::PlainText;
        bool buddy = false;
        QMargins contents;
        QSizePolicy policy;
        int maximumWidth = 0;
        QSize minimum; // QLabel measures at no less than the minimum width, to no less than the minimum size
        bool operator==(const Basis &) const = default;
    };
    struct Measured final {
        int width = std::numeric_limits<int>::min(); // no width asked
        int height = 0;
    };
    static constexpr size_t kWidths = 4;
    static constexpr size_t kTexts = 16;
    struct Remembered final {
        std::optional<Basis> basis; // none: an unused entry
        std::optional<QSize> sizeHint;
        std::optional<QSize> minimumSizeHint;
        std::array<Measured, kWidths> measured{};
        size_t next = 0; // the width the next new one replaces
    };
    [[nodiscard]] Basis basis() const;
    // QLabel's size of its plain text laid out at `width` (-1: the width it would like), without a
    // QTextDocument; what QLabel itself gives for a label that is not selectable.
    [[nodiscard]] QSize sizeForWidth(int width) const;
    [[nodiscard]] bool measuredByQLabel() const;
    Remembered &remembered() const; // the entry for the label as it is now
    void forget() const;

    mutable std::array<Remembered, kTexts> m_remembered{};
    mutable size_t m_current = 0; // the entry last used
    mutable size_t m_next = 0;    // the entry the next new text replaces
};

} // namespace ui
