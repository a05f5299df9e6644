// FramePacer: a window repaints at most once per frame however often its widgets change, and the
// last change is always painted. Throttle: a panel follows a burst of changes at most once per
// interval, a lone change at once, and the last change is always shown.

#include "QtTestMain.h"
#include "ui/FramePacer.h"
#include "ui/Throttle.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QTest>
#include <QVBoxLayout>

namespace tst_framepacer {

// Counts the paint events of one widget and remembers the text it showed at the last one.
class PaintCounter final : public QObject {
public:
    explicit PaintCounter(QLabel *label) : m_label(label) { label->installEventFilter(this); }
    int paints = 0;
    QString lastPaintedText;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_label && event->type() == QEvent::Paint) {
            ++paints;
            lastPaintedText = m_label->text();
        }
        return false;
    }

private:
    QLabel *m_label;
};

// Changes the label's text every millisecond for `ms` milliseconds, letting the event loop turn.
int changeForMs(QLabel *label, int ms)
{
    QElapsedTimer clock;
    clock.start();
    int changes = 0;
    while (clock.elapsed() < ms) {
        label->setText(QString::number(++changes));
        QTest::qWait(1);
    }
    return changes;
}

struct Window final {
    QWidget window;
    QLabel *label = new QLabel(QStringLiteral("start"));
    Window()
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(label);
        window.resize(200, 80);
    }
};

class FramePacerTest final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void repaintsAtMostOncePerFrameAndPaintsTheLastChange()
    {
        // The same changes without a pacer: the baseline repaints on (nearly) every change.
        Window unpaced;
        unpaced.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&unpaced.window));
        PaintCounter unpacedPaints(unpaced.label);
        const int unpacedChanges = changeForMs(unpaced.label, 300);

        Window paced;
        auto *pacer = new ui::FramePacer(&paced.window);
        paced.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&paced.window));
        PaintCounter pacedPaints(paced.label);
        const int changes = changeForMs(paced.label, 300);
        // 300 ms hold at most 300 / 16 frames, plus the frame in progress at each end.
        QVERIFY2(pacedPaints.paints <= 300 / ui::FramePacer::kFrameMs + 2,
                 qPrintable(QStringLiteral("%1 paints for %2 changes").arg(pacedPaints.paints).arg(changes)));
        QVERIFY(pacedPaints.paints > 0);
        QVERIFY(pacer->heldCount() > 0);
        QVERIFY2(unpacedPaints.paints > 2 * pacedPaints.paints,
                 qPrintable(QStringLiteral("unpaced %1 paints for %2 changes, paced %3 for %4")
                                .arg(unpacedPaints.paints)
                                .arg(unpacedChanges)
                                .arg(pacedPaints.paints)
                                .arg(changes)));
        // Nothing is lost: the last change is on screen within a frame or two.
        paced.label->setText(QStringLiteral("final"));
        QTRY_COMPARE_WITH_TIMEOUT(pacedPaints.lastPaintedText, QStringLiteral("final"), 1000);
    }

    void theFirstFrameIsNotHeld()
    {
        Window paced;
        auto *pacer = new ui::FramePacer(&paced.window);
        PaintCounter paints(paced.label);
        paced.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&paced.window));
        QTRY_VERIFY_WITH_TIMEOUT(paints.paints > 0, 1000);
        QCOMPARE(pacer->heldCount(), 0);
    }

    void throttleRunsALoneRequestOnALaterTurnAfterItsDelay()
    {
        int runs = 0;
        ui::Throttle immediate(0, 60000, [&runs] { ++runs; }); // the first run does not wait for the interval
        immediate.request();
        immediate.request();
        QCOMPARE(runs, 0); // never inside the caller
        QVERIFY(immediate.isPending());
        QTRY_COMPARE_WITH_TIMEOUT(runs, 1, 5000);
        QVERIFY(!immediate.isPending());

        int delayedRuns = 0;
        ui::Throttle delayed(60, 100, [&delayedRuns] { ++delayedRuns; });
        QElapsedTimer clock;
        clock.start();
        delayed.request();
        QTRY_COMPARE_WITH_TIMEOUT(delayedRuns, 1, 1000);
        QVERIFY2(clock.elapsed() >= 55, qPrintable(QString::number(clock.elapsed())));
    }

    void throttleFoldsABurstIntoOneRunPerIntervalAndRunsAfterTheLastRequest()
    {
        int runs = 0;
        int requests = 0;
        int seenAtLastRun = 0;
        ui::Throttle throttle(0, 100, [&] {
            ++runs;
            seenAtLastRun = requests;
        });
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 450) {
            ++requests;
            throttle.request();
            QTest::qWait(2);
        }
        // 450 ms of requests: a run at the start, then one per 100 ms (timers may run late, not early).
        QVERIFY2(runs >= 2 && runs <= 6, qPrintable(QStringLiteral("%1 runs for %2 requests").arg(runs).arg(requests)));
        QVERIFY(requests > 10 * runs);
        // The last request is followed by a run that sees it.
        QTRY_COMPARE_WITH_TIMEOUT(seenAtLastRun, requests, 1000);
        QVERIFY(!throttle.isPending());
    }

    void throttleCancelDropsThePendingRun()
    {
        int runs = 0;
        ui::Throttle throttle(0, 100, [&runs] { ++runs; });
        throttle.request();
        throttle.cancel();
        QVERIFY(!throttle.isPending());
        QTest::qWait(150);
        QCOMPARE(runs, 0);
        throttle.request(); // and it still works
        QTRY_COMPARE_WITH_TIMEOUT(runs, 1, 1000);
    }
};

} // namespace tst_framepacer

OIDCPLAY_QTEST_MAIN(tst_framepacer, tst_framepacer::FramePacerTest)
#include "tst_framepacer.moc"
