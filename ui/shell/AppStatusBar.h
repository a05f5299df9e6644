#pragma once

// The main window's status bar: the current provider, the built-in sandbox's state (AppContext's
// snapshot of it) and the newest exchange of the exchange log (method, host, status, duration and
// time of day). Each label changes only when its source signals a change: nothing runs per frame,
// and the newest exchange's field has a fixed size, so its text changes repaint it alone.
// The exchange log is followed from the window's first paint on, so start-up does not create the
// transport for it.

#include <QSet>
#include <QStatusBar>
#include <QString>

class QLabel;

namespace ui {

class AppContext;

class AppStatusBar final : public QStatusBar {
    Q_OBJECT
public:
    explicit AppStatusBar(QWidget *parent = nullptr);

    // Follows `context` (not owned; it outlives the window). `window` is the one whose first paint
    // starts following the exchange log.
    void attach(AppContext *context, QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showProvider();
    void showSandbox();
    void followExchangeLog();
    void showLastExchange();
    void fitExchangeField();

    AppContext *m_context = nullptr;
    QLabel *m_provider;
    QLabel *m_sandbox;
    QLabel *m_exchange;
    // The shapes of the texts the field was fitted to (digits taken as 0): a text of one of them
    // fits already, without measuring it (a selectable label's size hint lays a whole text
    // document out several times). Forgotten when the font or style changes.
    QSet<QString> m_fittedShapes;
    // The newest exchange's start, as shown: converting to local time costs more than the rest of the
    // field, and a flow's exchanges mostly start within the same second.
    qint64 m_shownSecond = -1;
    QString m_shownTime;
};

} // namespace ui
