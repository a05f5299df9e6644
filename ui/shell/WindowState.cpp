#include "WindowState.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

#include <algorithm>

namespace ui {

namespace {

QList<QSplitter *> namedSplitters(QWidget *root)
{
    QList<QSplitter *> splitters = root->findChildren<QSplitter *>();
    if (auto *self = qobject_cast<QSplitter *>(root))
        splitters.prepend(self);
    splitters.removeIf([](const QSplitter *splitter) { return splitter->objectName().isEmpty(); });
    return splitters;
}

QString splitterKey(const QString &scope, const QSplitter *splitter)
{
    return QStringLiteral("window/splitters/%1/%2").arg(scope, splitter->objectName());
}

} // namespace

WindowState::WindowState(QSettings &settings)
    : m_settings(settings)
{
}

void WindowState::restoreWindow(QMainWindow *window) const
{
    const QByteArray geometry = m_settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        window->restoreGeometry(geometry);
}

void WindowState::saveWindow(const QMainWindow *window)
{
    m_settings.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
}

void WindowState::restoreSplitters(const QString &scope, QWidget *root) const
{
    for (QSplitter *splitter : namedSplitters(root)) {
        const QVariantList stored = m_settings.value(splitterKey(scope, splitter)).toList();
        if (stored.size() != splitter->count())
            continue;
        QList<int> sizes;
        for (const QVariant &size : stored)
            sizes << size.toInt();
        if (std::all_of(sizes.cbegin(), sizes.cend(), [](int size) { return size > 0; }))
            splitter->setSizes(sizes);
    }
}

void WindowState::saveSplitters(const QString &scope, QWidget *root)
{
    for (const QSplitter *splitter : namedSplitters(root)) {
        const QList<int> sizes = splitter->sizes();
        if (std::any_of(sizes.cbegin(), sizes.cend(), [](int size) { return size <= 0; }))
            continue; // a pane is hidden: keep the sizes it had when shown
        QVariantList stored;
        for (const int size : sizes)
            stored << size;
        m_settings.setValue(splitterKey(scope, splitter), stored);
    }
}

QString WindowState::lastArea() const
{
    return m_settings.value(QStringLiteral("window/lastArea")).toString();
}

void WindowState::setLastArea(const QString &id)
{
    m_settings.setValue(QStringLiteral("window/lastArea"), id);
}

} // namespace ui
