#include "CallbackStepPage.h"

#include "ui/CheckListView.h"
#include "ui/flow/RedactedUrl.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ReadOnlyText.h"

#include <QBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace ui {

CallbackStepPage::CallbackStepPage(FlowRunner &runner, QWidget *parent)
    : StepPage(parent)
    , m_checks(new CheckListView(QStringLiteral("callbackChecks"), {}))
    , m_paste(new QLineEdit)
    , m_check(new QPushButton(QStringLiteral("Check")))
    , m_notes(readOnlyText(QStringLiteral("callbackNotes"), QStringLiteral("Refused callbacks and stray requests are listed here.")))
{
    m_paste->setObjectName(QStringLiteral("callbackPasteEdit"));
    m_paste->setPlaceholderText(QStringLiteral("Paste a redirect URL (http://127.0.0.1:…/callback?code=…&state=…)"));
    m_check->setObjectName(QStringLiteral("callbackCheckButton"));
    m_check->setAutoDefault(false);
    m_notes->setMaximumHeight(90);
    connect(m_check, &QPushButton::clicked, this, [this, &runner] {
        const QUrl url = QUrl::fromUserInput(m_paste->text().trimmed());
        (void)runner.submitCallback(url); // refused callbacks are listed; the text stays for editing
    });
    connect(m_paste, &QLineEdit::returnPressed, m_check, &QPushButton::click);
    layout::attach(this, layout::column({layout::Item(m_checks, 2), layout::row({layout::Item(m_paste, 1), m_check}), layout::Item(m_notes, 1)},
                                        {.margins = layout::kFlush}));
}

void CallbackStepPage::refresh(const FlowRunner &runner, FlowStepModel::Step step)
{
    m_checks->setChecks(runner.steps()->entry(step).checks);
    if (m_paste->text().isEmpty() && !runner.lastCallbackUrl().isEmpty())
        m_paste->setPlaceholderText(QStringLiteral("Last: ") + redactedUrlText(runner.lastCallbackUrl()));
}

void CallbackStepPage::setNotes(const QStringList &notes)
{
    m_notes->setPlainText(notes.join(QLatin1Char('\n')));
}

void CallbackStepPage::setCheckEnabled(bool enabled)
{
    m_check->setEnabled(enabled);
}

} // namespace ui

#include "moc_CallbackStepPage.cpp"
