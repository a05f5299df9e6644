// FramePacer: a window repaints at most once per frame however often its widgets change, and the
// last change is always painted. Throttle: a panel follows a burst of changes at most once per
// interval, a lone change at once, and the last change is always shown. The GUI thread's fills
// are painted on it, not handed to Qt's thread pool (ui::keepFillsOnGuiThread).

#include "QtTestMain.h"
#include "ui/FramePacer.h"
#include "ui/Throttle.h"
#include "ui/shell/GuiThreadFills.h"

#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPen>
#include <QSemaphore>
#include <QTest>
#include <QThreadPool>
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

// Tall lines (Qt 6.4 splits a solid blend of more than 96 spans — a vertical line is one span per
// row — over the global pool and waits) drawn with every thread of that pool held: at once when
// the fills stay on the GUI thread; handed to the pool, they would wait the 5 s the threads are held.
qint64 msToDrawWhilePoolIsHeld(QImage &image)
{
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    QSemaphore started;
    QSemaphore hold;
    for (int i = 0; i < threads; ++i)
        pool->start([&started, &hold] {
            started.release();
            hold.tryAcquire(1, 5000);
        });
    if (!started.tryAcquire(threads, 5000))
        return -1;
    QElapsedTimer clock;
    clock.start();
    QPainter painter(&image);
    painter.setPen(QPen(QColor(0, 0, 255, 128), 1)); // blended, as a style's frame lines
    for (int x = 10; x < image.width(); x += 20)
        painter.drawLine(x, 0, x, image.height() - 1);
    painter.end();
    const qint64 ms = clock.elapsed();
    hold.release(threads);
    pool->waitForDone();
    return ms;
}

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

    void fillsStayOnTheGuiThread()
    {
        QThreadPool *pool = QThreadPool::globalInstance();
        QVERIFY(!pool->contains(QThread::currentThread())); // Qt's answer until asked
        QVERIFY(ui::keepFillsOnGuiThread());
        QVERIFY(ui::fillsStayOnGuiThread());
        QVERIFY(pool->contains(QThread::currentThread()));
        // Every other question keeps Qt's answer: another pool, another thread.
        QThreadPool other;
        QVERIFY(!other.contains(QThread::currentThread()));
        QThread thread;
        QVERIFY(!pool->contains(&thread));

        QImage image(400, 600, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        const qint64 ms = msToDrawWhilePoolIsHeld(image);
        QVERIFY2(ms >= 0 && ms < 2000, qPrintable(QStringLiteral("the lines took %1 ms").arg(ms)));
        QCOMPARE(image.pixelColor(10, 599).blue(), 255); // drawn, top to bottom
        QVERIFY(image.pixelColor(10, 599).red() < 200);
        QCOMPARE(image.pixelColor(15, 300), QColor(Qt::white));
    }
};

} // namespace tst_framepacer

OIDCPLAY_QTEST_MAIN(tst_framepacer, tst_framepacer::FramePacerTest)
#include "tst_framepacer.moc"
