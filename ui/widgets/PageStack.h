#pragma once

// A QStackedWidget that tells the layouts above it it has no height-for-width, so they never ask
// QStackedLayout::heightForWidth(): that asks every page, hidden ones too, for its height at the
// width, and then every page's minimum size again — each time a layout above it is asked, which
// during a flow is every step (callgrind of bench/gui: QStackedLayout::heightForWidth under 23 %
// of the GUI thread's instructions, most of it re-measuring wrapped text on hidden pages).
// Its size hint is QStackedLayout's own (the largest page's hint) without the height-for-width
// pass QLayout::totalSizeHint() adds on top, for the same reason. The pages still lay out their
// own word-wrapped text at the width they get; the stack's height comes from its place in the
// layout (a stretch or a splitter), as every stack here already does.

#include <QLayout>
#include <QStackedWidget>

namespace ui {

class PageStack final : public QStackedWidget {
    Q_OBJECT
public:
    explicit PageStack(QWidget *parent = nullptr) : QStackedWidget(parent) {}

    [[nodiscard]] bool hasHeightForWidth() const override { return false; }
    [[nodiscard]] QSize sizeHint() const override
    {
        const QMargins margins = contentsMargins();
        return layout()->sizeHint() + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
    }
};

} // namespace ui
