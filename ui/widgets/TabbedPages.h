#pragma once

// Tabs over pages, drawn and placed as QTabWidget draws and places them (the same style calls:
// the tab bar's and the pane's rectangles, the pane's frame, document mode), with the pages in a
// PageStack. QTabWidget answers every layout request of a page — a label in it changed its text —
// by repainting itself whole (its pages with it) and asking every page, hidden ones too, for its
// size hint and its height at the width (QStackedLayout::heightForWidth); during a flow that was
// most of the tokens panel's and the step detail's layout and paint work (issue 12, bench/gui).
// Here a page's layout request only tells the layouts above that the size hint may have changed;
// what changed repaints itself. Keyboard: Ctrl+Tab / Ctrl+Shift+Tab switch pages, as QTabWidget.

#include <QWidget>

#include <optional>

class QStyleOptionTabWidgetFrame;
class QTabBar;

namespace ui {

class PageStack;

class TabbedPages final : public QWidget {
    Q_OBJECT
public:
    explicit TabbedPages(QWidget *parent = nullptr);

    int addTab(QWidget *page, const QString &label);
    void setTabToolTip(int index, const QString &toolTip);
    // QTabWidget's document mode: no frame around the pages, tabs as wide as their text.
    void setDocumentMode(bool on);
    [[nodiscard]] bool documentMode() const { return m_documentMode; }

    [[nodiscard]] int count() const;
    [[nodiscard]] int currentIndex() const;
    [[nodiscard]] QWidget *currentWidget() const;
    [[nodiscard]] QWidget *widget(int index) const;
    [[nodiscard]] int indexOf(const QWidget *page) const;
    [[nodiscard]] QTabBar *tabBar() const { return m_bar; }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

public Q_SLOTS:
    void setCurrentIndex(int index);
    void setCurrentWidget(QWidget *page);

Q_SIGNALS:
    void currentChanged(int index);

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void initFrameOption(QStyleOptionTabWidgetFrame &option) const;
    void placeChildren();
    void forgetHints();
    [[nodiscard]] QSize fromContents(const QSize &pages, const QSize &bar) const;

    QTabBar *m_bar;
    PageStack *m_pages;
    QRect m_panel; // where the pane's frame is drawn
    // The hints, remembered until a page, the tab bar or the style may have changed them (a layout
    // request, a page change): QSplitter asks for them at every layout pass, and each ask goes to
    // every page of the stack, hidden ones too (callgrind: 6.5 % of the GUI thread during a flow).
    mutable std::optional<QSize> m_sizeHint;
    mutable std::optional<QSize> m_minimumSizeHint;
    bool m_documentMode = false;
};

} // namespace ui
