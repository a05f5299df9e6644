#pragma once

// A word-wrapped plain-text label whose text changes often but keeps its shape — a countdown's
// "Expires in 4 min 12 s — at …", set every second — in a box without a layout. A QLabel's
// setText() asks every layout above it to lay out again (updateGeometry() invalidates them up to
// the window, and each asks its word-wrapped labels for their hints again): for a one-second tick
// that was about a million instructions per countdown on the GUI thread (callgrind of bench/gui,
// issue 12). Here the label's geometry request stops at this box (it has no layout, so Qt only
// posts it a LayoutRequest, which it ignores): the box places the label over itself in
// resizeEvent and tells the layouts above only when the text's shape changes — the text with
// every digit taken as 0, so "in 4 min 12 s" → "in 4 min 11 s" is the same shape, "in 10 s" →
// "in 9 s" is not. Digits have one advance width in the fonts we ship and use (tabular figures),
// so a text of the same shape takes the same lines at every width: what is shown is what the
// label alone would show. The hints are the label's, remembered for the shape (and the height at
// a few widths), until the label's font, style or margins change.

#include <QLabel>
#include <QWidget>

#include <array>
#include <limits>
#include <optional>

namespace ui {

class SteadyText final : public QWidget {
    Q_OBJECT
public:
    explicit SteadyText(QWidget *parent = nullptr);

    // The label shown (its font, word wrap, palette and margins are set on it).
    [[nodiscard]] QLabel *label() const { return m_label; }
    void setText(const QString &text);
    [[nodiscard]] QString text() const { return m_label->text(); }
    void clear() { setText({}); }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] bool hasHeightForWidth() const override;
    [[nodiscard]] int heightForWidth(int width) const override;

    // The text with every digit taken as 0: texts of one shape share their hints.
    [[nodiscard]] static QString shapeOf(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Measured final {
        int width = std::numeric_limits<int>::min(); // no width asked
        int height = 0;
    };
    static constexpr size_t kWidths = 4;
    void forget();

    QLabel *m_label;
    QString m_shape;
    mutable std::optional<QSize> m_sizeHint;
    mutable std::optional<QSize> m_minimumSizeHint;
    mutable std::array<Measured, kWidths> m_measured{};
    mutable size_t m_next = 0; // the entry the next new width replaces
};

} // namespace ui
