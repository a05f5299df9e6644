#pragma once

// The shell tests' application: an AppContext whose settings (preferences, window state,
// profiles) live in an INI file of the test's own, so a second MainWindow on the same file sees
// what the first stored, and the user's settings are never touched.

#include "ui/AppContext.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QTemporaryDir>

#include <memory>

namespace shelltest {

class ShellApp final {
public:
    ShellApp() = default;

    [[nodiscard]] QString settingsPath() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    // A new context and window over the same settings file (the previous ones are destroyed first).
    ui::MainWindow &open()
    {
        window.reset();
        context.reset();
        context = std::make_unique<ui::AppContext>(
            ui::AppContext::Options{.settingsPath = settingsPath(), .browserStorageRoot = m_dir.filePath(QStringLiteral("browser"))});
        window = std::make_unique<ui::MainWindow>(context.get());
        return *window;
    }

    std::unique_ptr<ui::AppContext> context;
    std::unique_ptr<ui::MainWindow> window;

private:
    QTemporaryDir m_dir;
};

// The window's action named `name` (the command table's object names).
inline QAction *actionNamed(const QObject &window, const char *name)
{
    auto *found = window.findChild<QAction *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no action named %s", name);
    return found;
}

} // namespace shelltest
