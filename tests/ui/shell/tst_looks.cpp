// The looks: every text colour of ui/widgets/Tones against the background it is drawn on reaches
// WCAG 2.1's 4.5:1 (SC 1.4.3) under the light and the dark theme's palette, as do the dark
// palette's own text roles; and every interactive widget of the main window (menus, provider bar,
// area list, the flow page, the status bar) has an accessible name, the one screen readers and
// AT-SPI based tests find it by.

#include "QtTestMain.h"
#include "ShellTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/flow/FlowPage.h"
#include "ui/shell/Appearance.h"
#include "ui/widgets/Tones.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabBar>
#include <QTest>
#include <QTextEdit>

namespace tst_looks {

constexpr double kMinimumContrast = 4.5; // WCAG 2.1 SC 1.4.3, normal text

void addContrastRows(const char *theme, const QPalette &palette)
{
    for (const ui::ContrastPair &pair : ui::contrastPairs(palette))
        QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(theme), pair.name))) << pair.text << pair.background;
    // The palette's own text roles, which every standard widget draws with.
    const std::pair<QPalette::ColorRole, QPalette::ColorRole> kRoles[] = {
        {QPalette::Text, QPalette::Base},        {QPalette::Text, QPalette::AlternateBase}, {QPalette::WindowText, QPalette::Window},
        {QPalette::ButtonText, QPalette::Button}, {QPalette::HighlightedText, QPalette::Highlight}, {QPalette::ToolTipText, QPalette::ToolTipBase},
    };
    for (const auto &[text, background] : kRoles)
        QTest::newRow(qPrintable(QStringLiteral("%1: palette role %2 on %3").arg(QLatin1String(theme)).arg(text).arg(background)))
            << palette.color(QPalette::Active, text) << palette.color(QPalette::Active, background);
}

// What a screen reader announces for `widget`.
QString accessibleName(QWidget *widget)
{
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
    return accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
}

bool isInteractive(QWidget *widget)
{
    // Scroll bars, and header views: screen readers announce a table's columns through the table.
    if (qobject_cast<QScrollBar *>(widget) || qobject_cast<QHeaderView *>(widget))
        return false;
    return qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget) || qobject_cast<QLineEdit *>(widget)
        || qobject_cast<QAbstractSpinBox *>(widget) || qobject_cast<QAbstractItemView *>(widget) || qobject_cast<QTabBar *>(widget)
        || qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QTextEdit *>(widget) || qobject_cast<QMenuBar *>(widget);
}

QString describe(QWidget *widget)
{
    QStringList path;
    for (QObject *object = widget; object; object = object->parent())
        path.prepend(object->objectName().isEmpty() ? QString::fromLatin1(object->metaObject()->className()) : object->objectName());
    return path.join(QStringLiteral(" / "));
}

class TestLooks final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void textReachesFourPointFiveToOne_data();
    void textReachesFourPointFiveToOne();
    void contrastRatioIsWcags();
    void themesAreWhatTheySay();
    void everyInteractiveWidgetHasAnAccessibleName();
    void everyMenuItemHasAName();
};

void TestLooks::textReachesFourPointFiveToOne_data()
{
    QTest::addColumn<QColor>("text");
    QTest::addColumn<QColor>("background");
    addContrastRows("light", ui::Appearance::lightPalette());
    addContrastRows("dark", ui::Appearance::darkPalette());
}

void TestLooks::textReachesFourPointFiveToOne()
{
    QFETCH(QColor, text);
    QFETCH(QColor, background);
    const double ratio = ui::contrastRatio(text, background);
    QVERIFY2(ratio >= kMinimumContrast,
             qPrintable(QStringLiteral("%1 on %2: %3:1").arg(text.name(), background.name()).arg(ratio, 0, 'f', 2)));
}

void TestLooks::contrastRatioIsWcags()
{
    // The formula's known points: black on white is 21:1, a colour on itself 1:1, #767676 on white
    // is the lightest grey that passes (4.54:1).
    QCOMPARE(qRound(ui::contrastRatio(Qt::black, Qt::white) * 100), 2100);
    QCOMPARE(ui::contrastRatio(QColor(0x12, 0x34, 0x56), QColor(0x12, 0x34, 0x56)), 1.0);
    QCOMPARE(qRound(ui::contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) * 100), 454);
    QVERIFY(ui::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < kMinimumContrast);
}

void TestLooks::themesAreWhatTheySay()
{
    QVERIFY(!ui::isDarkPalette(ui::Appearance::lightPalette()));
    QVERIFY(ui::isDarkPalette(ui::Appearance::darkPalette()));
    // Every pair differs between the themes where the background does (no light colour left in
    // the dark theme), except the QR code's, which scanners need dark on light.
    QVERIFY(ui::ink(ui::Ink::Pass, false) != ui::ink(ui::Ink::Pass, true));
    QCOMPARE(ui::fill(ui::Fill::QrLight, true), QColor(Qt::white));
}

void TestLooks::everyInteractiveWidgetHasAnAccessibleName()
{
    shelltest::ShellApp app;
    ui::MainWindow &window = app.open();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.findChild<ui::FlowPage *>());
    QTRY_VERIFY(window.findChild<ui::FlowPage *>()->isVisible());
    QStringList unnamed;
    int checked = 0;
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (!isInteractive(widget) || !widget->isVisibleTo(&window))
            continue;
        ++checked;
        if (accessibleName(widget).isEmpty()) {
            unnamed << describe(widget);
            qWarning("no accessible name: %s", qPrintable(describe(widget)));
        }
    }
    QVERIFY2(checked > 20, qPrintable(QString::number(checked)));
    QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("%1 widgets have no accessible name").arg(unnamed.size())));
}

void TestLooks::everyMenuItemHasAName()
{
    ui::MainWindow window;
    const QList<QAction *> menus = window.menuBar()->actions();
    QCOMPARE(menus.size(), 5);
    for (QAction *menuAction : menus) {
        QVERIFY(!menuAction->text().isEmpty());
        for (QAction *item : menuAction->menu()->actions())
            QVERIFY2(item->isSeparator() || !item->isVisible() || !item->text().isEmpty(), qPrintable(item->objectName()));
    }
}

} // namespace tst_looks

OIDCPLAY_QTEST_MAIN(tst_looks, tst_looks::TestLooks)
#include "tst_looks.moc"
