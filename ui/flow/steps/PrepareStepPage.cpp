#include "PrepareStepPage.h"

#include "ui/CopyableField.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QFormLayout>
#include <QLabel>

namespace ui {

PrepareStepPage::PrepareStepPage(QWidget *parent)
    : StepPage(parent)
    , m_challenge(new CopyableField(QStringLiteral("codeChallengeField")))
    , m_state(new CopyableField(QStringLiteral("stateField")))
    , m_nonce(new CopyableField(QStringLiteral("nonceField")))
{
    auto *verifierNote = typeLabel(Type::Caption, QStringLiteral("The code_verifier stays inside the flow: it is sent once, in the token "
                                                                 "request (step 7), and shown redacted in the exchange log."));
    layout::attach(this, layout::form({{QStringLiteral("code_challenge"), m_challenge},
                                       {QStringLiteral("state"), m_state},
                                       {QStringLiteral("nonce"), m_nonce},
                                       {QString(), verifierNote}},
                                      {.margins = layout::kFlush}));
}

void PrepareStepPage::refresh(const FlowRunner &runner, FlowStepModel::Step)
{
    const auto &defaults = runner.defaults();
    // Refreshed whenever a step changes while shown: a field is set again only when its value did.
    const auto show = [](CopyableField *field, const QString &value) {
        if (field->text() != value)
            field->setText(value);
    };
    show(m_challenge, defaults ? defaults->codeChallenge : QString());
    show(m_state, defaults ? defaults->state : QString());
    show(m_nonce, defaults ? defaults->nonce : QString());
}

} // namespace ui

#include "moc_PrepareStepPage.cpp"
