#pragma once

// The main window's state between runs, in the app's settings ("window/…"): its geometry and
// state (maximised, full screen), the sizes of every named splitter (not while one of its panes
// is hidden: a hidden pane's size is 0), and the area shown last.
// Restoring reads a few small values before the window is shown, so the first frame is not later;
// splitters inside an area's panel are restored when that panel is first created.

#include <QString>

class QMainWindow;
class QSettings;
class QWidget;

namespace ui {

class WindowState final {
public:
    // `settings` must outlive this object.
    explicit WindowState(QSettings &settings);

    void restoreWindow(QMainWindow *window) const;
    void saveWindow(const QMainWindow *window);

    // Every QSplitter with an object name under `root` (`root` itself included), keyed by `scope`.
    void restoreSplitters(const QString &scope, QWidget *root) const;
    void saveSplitters(const QString &scope, QWidget *root);

    [[nodiscard]] QString lastArea() const;
    void setLastArea(const QString &id);

private:
    QSettings &m_settings;
};

} // namespace ui
