#include "TextStepPage.h"

#include "ui/widgets/Layouting.h"
#include "ui/widgets/ReadOnlyText.h"

#include <QBoxLayout>
#include <QPlainTextEdit>

#include <utility>

namespace ui {

TextStepPage::TextStepPage(const QString &name, const QString &placeholder, QWidget *parent)
    : StepPage(parent)
    , m_text(readOnlyText(name, placeholder))
{
    m_text->setAccessibleName(QStringLiteral("What the step returned"));
    m_text->setAccessibleDescription(placeholder);
    layout::attach(this, layout::column({m_text}, {.margins = layout::kFlush}));
}

void TextStepPage::refresh(const FlowRunner &runner, FlowStepModel::Step step)
{
    // The page is refreshed whenever any step changes while it is shown; its text rarely does.
    QString shown = text(runner, step);
    if (shown == m_shown)
        return;
    m_shown = std::move(shown);
    m_text->setPlainText(m_shown);
}

QString TextStepPage::field(const QString &name, const QString &value)
{
    return name.leftJustified(34) + (value.isEmpty() ? QStringLiteral("—") : value) + QLatin1Char('\n');
}

} // namespace ui

#include "moc_TextStepPage.cpp"
