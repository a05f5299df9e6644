#pragma once

// Paces a window's repaints to at most one per display frame (60 Hz). Qt Widgets repaints a
// window once per turn of the event loop in which anything changed; during a flow that is ~150
// repaints a second, each of which paints and flushes the changed region to the display server
// (issue 12: repaints were ~70 % of the GUI thread's time in bench/gui). The pacer holds back an
// update request that comes sooner than a frame after the previous one and sends it when the
// frame is due, so everything that changed in between is painted once. Nothing is lost: the
// window's dirty region keeps growing until the held request is delivered, and repaint() and
// expose events are not paced.

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>

class QWidget;

namespace ui {

class FramePacer final : public QObject {
    Q_OBJECT
public:
    static constexpr int kFrameMs = 16;

    // Paces `window` (a top-level widget); the pacer is its child.
    explicit FramePacer(QWidget *window);

    [[nodiscard]] int heldCount() const { return m_held; } // update requests held back so far

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void timerEvent(QTimerEvent *event) override;

private:
    QWidget *m_window;
    QElapsedTimer m_sinceFrame;
    QBasicTimer m_due;
    bool m_releasing = false;
    int m_held = 0;
};

} // namespace ui
