#include "KeysStepPage.h"

#include "ui/UiText.h"

namespace ui {

KeysStepPage::KeysStepPage(QWidget *parent)
    : TextStepPage(QStringLiteral("keysText"), QStringLiteral("Step 2 fetches the provider's signing keys."), parent)
{
}

QString KeysStepPage::text(const FlowRunner &runner, FlowStepModel::Step) const
{
    QString text;
    if (const auto &keys = runner.session().keys()) {
        for (const auto &key : keys->keys)
            text += QStringLiteral("✔ ") + qs(key.describe()) + QLatin1Char('\n');
        for (const auto &skipped : keys->skipped)
            text += QStringLiteral("skipped: ") + qs(skipped) + QLatin1Char('\n');
    }
    return text;
}

} // namespace ui

#include "moc_KeysStepPage.cpp"
