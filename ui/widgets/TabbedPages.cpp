#include "TabbedPages.h"

#include "ui/widgets/PageStack.h"

#include <QApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QStyle>
#include <QStyleOptionTabWidgetFrame>
#include <QStyleOptionTab>
#include <QStylePainter>
#include <QTabBar>

#include <algorithm>

namespace ui {

namespace {

// QTabBar's tabs say they sit on a frame when the bar's parent is a QTabWidget
// (QTabBar::initStyleOption); a style may draw them so: here they say the same.
class FramedTabBar final : public QTabBar {
public:
    using QTabBar::QTabBar;

protected:
    void initStyleOption(QStyleOptionTab *option, int tabIndex) const override
    {
        QTabBar::initStyleOption(option, tabIndex);
        option->features |= QStyleOptionTab::HasFrame;
    }
};

} // namespace

TabbedPages::TabbedPages(QWidget *parent) : QWidget(parent), m_bar(new FramedTabBar(this)), m_pages(new PageStack(this))
{
    // As QTabWidget's own parts (named so that style sheets and traces see the same names).
    m_pages->setObjectName(QStringLiteral("qt_tabwidget_stackedwidget"));
    m_pages->setLineWidth(0);
    m_pages->setSizePolicy(QSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred, QSizePolicy::TabWidget));
    m_bar->setObjectName(QStringLiteral("qt_tabwidget_tabbar"));
    m_bar->setDrawBase(false);
    setSizePolicy(QSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding, QSizePolicy::TabWidget));
    setFocusPolicy(Qt::TabFocus);
    setFocusProxy(m_bar);
    connect(m_bar, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < m_pages->count())
            m_pages->setCurrentIndex(index);
        forgetHints(); // a stack may size itself after its current page
        Q_EMIT currentChanged(index);
    });
}

int TabbedPages::addTab(QWidget *page, const QString &label)
{
    const int index = m_pages->addWidget(page);
    m_bar->insertTab(index, label);
    placeChildren();
    forgetHints();
    updateGeometry();
    return index;
}

void TabbedPages::setTabToolTip(int index, const QString &toolTip)
{
    m_bar->setTabToolTip(index, toolTip);
}

void TabbedPages::setDocumentMode(bool on)
{
    m_documentMode = on;
    m_bar->setDocumentMode(on);
    m_bar->setExpanding(!on);
    m_bar->setDrawBase(on);
    placeChildren();
    forgetHints();
    updateGeometry();
    update();
}

int TabbedPages::count() const
{
    return m_pages->count();
}

int TabbedPages::currentIndex() const
{
    return m_bar->currentIndex();
}

QWidget *TabbedPages::currentWidget() const
{
    return m_pages->currentWidget();
}

QWidget *TabbedPages::widget(int index) const
{
    return m_pages->widget(index);
}

int TabbedPages::indexOf(const QWidget *page) const
{
    return m_pages->indexOf(page);
}

void TabbedPages::setCurrentIndex(int index)
{
    m_bar->setCurrentIndex(index);
}

void TabbedPages::setCurrentWidget(QWidget *page)
{
    m_bar->setCurrentIndex(indexOf(page));
}

// What QTabWidget::initStyleOption() says of a tab widget with its tabs on top and no corner
// widgets: the style computes every rectangle from it.
void TabbedPages::initFrameOption(QStyleOptionTabWidgetFrame &option) const
{
    option.initFrom(this);
    option.lineWidth = m_documentMode ? 0 : style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, this);
    QSize bar = m_bar->sizeHint();
    if (m_documentMode)
        bar.setWidth(width());
    option.shape = QTabBar::RoundedNorth;
    option.tabBarSize = bar;
    option.tabBarRect = m_bar->geometry();
    QRect selected = m_bar->tabRect(m_bar->currentIndex());
    selected.moveTopLeft(selected.topLeft() + option.tabBarRect.topLeft());
    option.selectedTabRect = selected;
}

// QTabWidget::setUpLayout(), without its repaint of everything: only what moved repaints.
void TabbedPages::placeChildren()
{
    QStyleOptionTabWidgetFrame option;
    initFrameOption(option);
    const QRect bar = style()->subElementRect(QStyle::SE_TabWidgetTabBar, &option, this);
    const QRect panel = style()->subElementRect(QStyle::SE_TabWidgetTabPane, &option, this);
    const QRect contents = style()->subElementRect(QStyle::SE_TabWidgetTabContents, &option, this);
    m_bar->setGeometry(bar);
    m_pages->setGeometry(contents);
    if (panel != m_panel) {
        if (!m_documentMode) {
            update(m_panel);
            update(panel);
        }
        m_panel = panel;
    }
}

// QTabWidget's sizes: the pages' and the tab bar's, as the style adds them up.
QSize TabbedPages::fromContents(const QSize &pages, const QSize &bar) const
{
    QStyleOptionTabWidgetFrame option;
    initFrameOption(option);
    option.state = QStyle::State_None;
    const QSize contents(std::max(pages.width(), bar.width()), pages.height() + bar.height());
    return style()->sizeFromContents(QStyle::CT_TabWidget, &option, contents, this);
}

QSize TabbedPages::sizeHint() const
{
    // The PageStack's hint: the largest page's, without asking each for its height at a width.
    // Remembered while shown only: a hidden widget is told of no change below it (Qt posts the
    // layout requests to visible parents only).
    if (!isVisible())
        m_sizeHint.reset();
    if (!m_sizeHint)
        m_sizeHint = fromContents(m_pages->sizeHint(), m_bar->sizeHint().boundedTo(QSize(200, 200)));
    return *m_sizeHint;
}

QSize TabbedPages::minimumSizeHint() const
{
    if (!isVisible())
        m_minimumSizeHint.reset();
    if (!m_minimumSizeHint)
        m_minimumSizeHint = fromContents(m_pages->minimumSizeHint(), m_bar->minimumSizeHint());
    return *m_minimumSizeHint;
}

void TabbedPages::forgetHints()
{
    m_sizeHint.reset();
    m_minimumSizeHint.reset();
}

bool TabbedPages::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LayoutRequest:
        // A page or the tab bar changed its size hint: place them again (a no-op for what did not
        // move) and tell the layouts above.
        forgetHints();
        placeChildren();
        updateGeometry();
        break;
    case QEvent::StyleChange:
    case QEvent::FontChange:
        forgetHints();
        placeChildren();
        updateGeometry();
        update();
        break;
    case QEvent::Polish:
        forgetHints();
        break;
    default: break;
    }
    return QWidget::event(event);
}

void TabbedPages::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    placeChildren();
}

void TabbedPages::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    placeChildren();
}

void TabbedPages::paintEvent(QPaintEvent *)
{
    if (m_documentMode)
        return; // the tab bar draws its base line; the pages have no frame
    QStylePainter painter(this);
    QStyleOptionTabWidgetFrame option;
    initFrameOption(option);
    option.rect = m_panel;
    painter.drawPrimitive(QStyle::PE_FrameTabWidget, option);
}

void TabbedPages::keyPressEvent(QKeyEvent *event)
{
    // QTabWidget's: Ctrl+Tab to the next enabled page, Ctrl+Shift+Tab (Backtab) to the previous.
    const bool tab = event->key() == Qt::Key_Tab || event->key() == Qt::Key_Backtab;
    if (!tab || count() < 2 || !(event->modifiers() & Qt::ControlModifier)) {
        event->ignore();
        return;
    }
    const int step = event->key() == Qt::Key_Backtab || (event->modifiers() & Qt::ShiftModifier) ? -1 : 1;
    int page = currentIndex();
    for (int pass = 0; pass < count(); ++pass) {
        page = (page + step + count()) % count();
        if (m_bar->isTabEnabled(page)) {
            setCurrentIndex(page);
            break;
        }
    }
    if (!QApplication::focusWidget())
        m_bar->setFocus();
}

} // namespace ui

#include "moc_TabbedPages.cpp"
