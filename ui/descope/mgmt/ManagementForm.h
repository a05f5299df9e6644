#pragma once

// The small widgets every page of the management area's forms is made of, named for tests.

#include <QLatin1String>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>

namespace ui {

// A button that is never the dialog's default (Return in a field must not delete anything).
[[nodiscard]] inline QPushButton *mgmtButton(const char *name, const QString &text)
{
    auto *button = new QPushButton(text);
    button->setObjectName(QLatin1String(name));
    button->setAutoDefault(false);
    return button;
}

[[nodiscard]] inline QLineEdit *mgmtLineEdit(const char *name, const QString &placeholder = {})
{
    auto *edit = new QLineEdit;
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    return edit;
}

// A page's list on the left, its form on the right.
[[nodiscard]] inline QSplitter *mgmtListAndForm(QWidget *list, QWidget *form)
{
    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->addWidget(list);
    split->addWidget(form);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});
    return split;
}

} // namespace ui
