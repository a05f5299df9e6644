#include "TextStepPage.h"

#include "ui/widgets/Layouting.h"
#include "ui/widgets/ReadOnlyText.h"

#include <QBoxLayout>
#include <QPlainTextEdit>

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
    m_text->setPlainText(text(runner, step));
}

QString TextStepPage::field(const QString &name, const QString &value)
{
    return name.leftJustified(34) + (value.isEmpty() ? QStringLiteral("—") : value) + QLatin1Char('\n');
}

} // namespace ui
