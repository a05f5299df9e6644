// The Sequence Diagram area in the app's window: a full login on the flow page against the
// in-process sandbox (system-browser mode, the test playing the browser) draws one arrow per
// exchange and four per browser round trip; clicking an exchange's arrow opens the Exchange Log on
// that exchange; the PNG export is the diagram at 2×, drawn in the tone colours; clearing the log
// clears the diagram. An enchanted link in its area: the pending polls are one arrow with their
// count, the poll that brings the session another.

#include "BrowserPlayer.h"
#include "FlowTestSupport.h"
#include "QtTestMain.h"
#include "tests/ui/FindChild.h"

#include "ui/MainWindow.h"
#include "ui/UiText.h"
#include "ui/diagram/SequenceDiagramPanel.h"
#include "ui/flow/FlowPage.h"
#include "ui/log/ExchangeLogModel.h"

#include "oidc/net/ExchangeLog.h"

#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include <algorithm>

namespace tst_sequence_diagram {

using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;
using testing_ui::child;

constexpr int kTimeout = 30000;

// An arrow element of the exported SVG: its record and where its line is drawn.
struct DrawnArrow final {
    QString classes;
    int recordId = 0;
    QPoint middle;
};

QList<DrawnArrow> drawnArrows(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<DrawnArrow> arrows;
    QXmlStreamReader reader(&file);
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement())
            continue;
        const auto attributes = reader.attributes();
        if (reader.name() == QLatin1String("g") && attributes.value(QLatin1String("class")).startsWith(QLatin1String("arrow ")))
            arrows.append({attributes.value(QLatin1String("class")).toString(), attributes.value(QLatin1String("data-record-id")).toInt(), {}});
        else if (reader.name() == QLatin1String("line") && !arrows.isEmpty() && arrows.last().middle.isNull())
            arrows.last().middle = QPoint((attributes.value(QLatin1String("x1")).toInt() + attributes.value(QLatin1String("x2")).toInt()) / 2,
                                          attributes.value(QLatin1String("y1")).toInt());
    }
    if (reader.hasError())
        qWarning("SVG: %s", qPrintable(reader.errorString()));
    return reader.hasError() ? QList<DrawnArrow>() : arrows;
}

class TestSequenceDiagram final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aLoginIsDrawnClickedThroughAndExported();
    void enchantedLinkPollsAreOneArrowWithTheirCount();
};

void TestSequenceDiagram::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSequenceDiagram::aLoginIsDrawnClickedThroughAndExported()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    ui::MainWindow window(app->context.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The flow page in system-browser mode; the test is the browser and signs in as alice.
    auto *page = qobject_cast<ui::FlowPage *>(window.areaPanel(ui::areas::kAuthorizationCode.toString()));
    QVERIFY(page);
    QVERIFY(window.showArea(ui::areas::kAuthorizationCode.toString()));
    child<QRadioButton>(*page, "systemBrowserRadio")->click();
    page->flushSettings();
    testsupport::BrowserPlayer browser;
    page->setSystemBrowserOpener([&browser](const QUrl &url) {
        QTimer::singleShot(50, &browser, [&browser, url] {
            browser.play(url, QStringLiteral("alice@example.com"), testsupport::redirectTarget(url));
        });
        return true;
    });
    child<QPushButton>(*page, "runAllButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->runner()->steps()->state(Step::UserInfo) == State::Ok, kTimeout);

    // The area: one arrow per exchange, four for the browser's round trip.
    QVERIFY(window.showArea(ui::areas::kSequenceDiagram.toString()));
    auto *panel = qobject_cast<ui::SequenceDiagramPanel *>(window.areaPanel(ui::areas::kSequenceDiagram.toString()));
    QVERIFY(panel);
    const oidc::net::ExchangeLog &log = app->context->exchangeLog();
    const int exchanges = log.size();
    QCOMPARE(exchanges, 4); // discovery, keys, token, userinfo
    QCOMPARE(child<QLabel>(*panel, "sequenceSummaryLabel")->text(), QStringLiteral("8 arrows: 4 exchanges, 4 browser hops"));
    QVERIFY(child<QLabel>(*panel, "sequenceEmptyLabel")->isHidden());

    QTemporaryDir dir;
    const QString svgPath = dir.filePath(QStringLiteral("diagram.svg"));
    QVERIFY(panel->exportSvg(svgPath));
    const QList<DrawnArrow> arrows = drawnArrows(svgPath);
    QCOMPARE(arrows.size(), 8);
    QList<int> drawnRecords;
    for (const DrawnArrow &arrow : arrows)
        if (arrow.classes.startsWith(QLatin1String("arrow exchange")))
            drawnRecords << arrow.recordId;
    QCOMPARE(drawnRecords.size(), exchanges);
    for (int i = 0; i < exchanges; ++i)
        QCOMPARE(drawnRecords[i], log.records()[static_cast<size_t>(i)].id);

    // Clicking the token exchange's arrow (the third exchange) opens it in the Exchange Log.
    auto *view = child<QWidget>(*panel, "sequenceDiagramView");
    const DrawnArrow token = *std::find_if(arrows.begin(), arrows.end(), [&](const DrawnArrow &arrow) {
        return arrow.recordId == log.records()[2].id;
    });
    QVERIFY(token.classes == QLatin1String("arrow exchange good"));
    QTest::mouseClick(view, Qt::LeftButton, {}, token.middle);
    QCOMPARE(window.currentArea(), ui::areas::kExchangeLog.toString());
    auto *table = child<QTableView>(*window.areaPanel(ui::areas::kExchangeLog.toString()), "exchangeTable");
    QCOMPARE(table->currentIndex().data(ui::ExchangeLogModel::RecordIdRole).toInt(), log.records()[2].id);
    // A hop is not an exchange: clicking one leaves the area as it is.
    QVERIFY(window.showArea(ui::areas::kSequenceDiagram.toString()));
    const DrawnArrow hop = *std::find_if(arrows.begin(), arrows.end(), [](const DrawnArrow &arrow) { return arrow.recordId == 0; });
    QTest::mouseClick(view, Qt::LeftButton, {}, hop.middle);
    QCOMPARE(window.currentArea(), ui::areas::kSequenceDiagram.toString());

    // PNG: the diagram at twice its size, the token arrow in the good tone.
    const QString pngPath = dir.filePath(QStringLiteral("diagram.png"));
    QVERIFY(panel->exportPng(pngPath));
    QVERIFY(QFileInfo(pngPath).size() > 0);
    const QImage png(pngPath);
    QVERIFY(!png.isNull());
    QCOMPARE(png.size(), view->sizeHint() * 2);
    QCOMPARE(png.pixelColor(token.middle * 2).rgb(), ui::passColor().rgb());

    // Clearing the exchange log clears the diagram.
    app->context->exchangeLog().clear();
    QCOMPARE(child<QLabel>(*panel, "sequenceSummaryLabel")->text(), QStringLiteral("0 arrows: 0 exchanges, 0 browser hops"));
    QVERIFY(!child<QLabel>(*panel, "sequenceEmptyLabel")->isHidden());
    QVERIFY(!child<QPushButton>(*panel, "exportPngButton")->isEnabled());
}

void TestSequenceDiagram::enchantedLinkPollsAreOneArrowWithTheirCount()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    ui::MainWindow window(app->context.get());
    window.show();
    QVERIFY(window.showArea(ui::areas::kEnchantedLink.toString()));
    QWidget *area = window.areaPanel(ui::areas::kEnchantedLink.toString());
    child<QLineEdit>(*area, "loginIdEdit")->setText(QStringLiteral("alice@example.com"));
    child<QPushButton>(*area, "startButton")->click();
    auto *number = child<QLabel>(*area, "linkNumberLabel");
    QTRY_VERIFY_WITH_TIMEOUT(number->text().toInt() > 0, kTimeout);

    // A few pending polls (401 E062503), then the right link is opened: the next poll brings the session.
    const oidc::net::ExchangeLog &log = app->context->exchangeLog();
    const auto polls = [&log](int status) {
        return std::count_if(log.records().begin(), log.records().end(), [status](const oidc::net::ExchangeRecord &record) {
            return record.url.path().endsWith(QLatin1String("/pending-session")) && record.status == status;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(polls(401) >= 3, kTimeout);
    QPushButton *right = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 for (QPushButton *button : area->findChildren<QPushButton *>(QStringLiteral("panelInboxLink")))
                                     if (button->property("linkNumber").toString() == number->text())
                                         right = button;
                                 return right != nullptr;
                             }()),
                             kTimeout);
    right->click();
    QTRY_VERIFY_WITH_TIMEOUT(polls(200) == 1, kTimeout);
    const int pending = static_cast<int>(polls(401));

    QVERIFY(window.showArea(ui::areas::kSequenceDiagram.toString()));
    auto *panel = qobject_cast<ui::SequenceDiagramPanel *>(window.areaPanel(ui::areas::kSequenceDiagram.toString()));
    QTemporaryDir dir;
    const QString svgPath = dir.filePath(QStringLiteral("polls.svg"));
    QVERIFY(panel->exportSvg(svgPath));
    QFile file(svgPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader reader(&file);
    QList<QPair<int, QString>> pollArrows; // data-count, class of the arrows to the pending session
    QString title;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == QLatin1String("g"))
            title = reader.attributes().value(QLatin1String("class")).toString() + QLatin1Char('|')
                + reader.attributes().value(QLatin1String("data-count")).toString();
        if (reader.isStartElement() && reader.name() == QLatin1String("title") && title.startsWith(QLatin1String("arrow "))) {
            if (reader.readElementText().contains(QLatin1String("/pending-session")))
                pollArrows.append({title.section(QLatin1Char('|'), 1).toInt(), title.section(QLatin1Char('|'), 0, 0)});
        }
    }
    QVERIFY(!reader.hasError());
    // The pending ones in a row, then (after the link's verify, which ends the run) the one that
    // brought the session: every poll counted once, none drawn alone while they were in a row.
    QCOMPARE(pollArrows.size(), 2);
    QVERIFY(pollArrows[0].first >= 3);
    QCOMPARE(pollArrows[0].second, QStringLiteral("arrow exchange neutral")); // "not yet" is no failure
    QCOMPARE(pollArrows[1].second, QStringLiteral("arrow exchange good"));
    QCOMPARE(pollArrows[0].first + pollArrows[1].first, pending + 1);
}

} // namespace tst_sequence_diagram

OIDCPLAY_QTEST_MAIN(tst_sequence_diagram, tst_sequence_diagram::TestSequenceDiagram)
#include "tst_sequence_diagram.moc"
