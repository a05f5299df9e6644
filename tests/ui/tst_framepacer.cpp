// FramePacer: a window repaints at most once per frame however often its widgets change, and the
// last change is always painted.

#include "QtTestMain.h"
#include "ui/FramePacer.h"

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
};

} // namespace tst_framepacer

OIDCPLAY_QTEST_MAIN(tst_framepacer, tst_framepacer::FramePacerTest)
#include "tst_framepacer.moc"
