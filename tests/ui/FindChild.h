#pragma once

// Tests reach a panel's widgets by object name, as a user reaches them by what they say: the
// panels keep no getters for tests. A missing name stops the test at once, naming what is missing.

#include <QObject>
#include <QString>
#include <QtGlobal>

namespace testing_ui {

template <typename T>
T *child(const QObject &parent, const char *name)
{
    auto *found = parent.findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("%s has no %s named %s", qPrintable(parent.objectName()), T::staticMetaObject.className(), name);
    return found;
}

} // namespace testing_ui
