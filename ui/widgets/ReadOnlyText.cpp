#include "ReadOnlyText.h"

#include "ui/UiText.h"

#include <QLineEdit>
#include <QPlainTextEdit>

namespace ui {

QPlainTextEdit *readOnlyText(const QString &name, const QString &placeholder)
{
    auto *edit = new QPlainTextEdit;
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setFont(monospaceFont());
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setPlaceholderText(placeholder);
    return edit;
}

QLineEdit *readOnlyLine(const QString &name)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setFont(monospaceFont());
    return edit;
}

} // namespace ui
