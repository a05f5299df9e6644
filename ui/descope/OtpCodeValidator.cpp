#include "OtpCodeValidator.h"

#include "ui/UiText.h"

#include "oidc/descope/OtpApi.h"

namespace ui {

QValidator::State OtpCodeValidator::validate(QString &input, int &pos) const
{
    auto digits = oidc::descope::codeDigits(toStd(input));
    if (!digits)
        return Invalid;
    // The digits before the cursor are a prefix of the whole text's, so they pass too.
    auto before = oidc::descope::codeDigits(toStd(input.left(pos)));
    input = qs(*digits);
    pos = before ? static_cast<int>(before->size()) : static_cast<int>(input.size());
    return input.isEmpty() ? Intermediate : Acceptable;
}

} // namespace ui

#include "moc_OtpCodeValidator.cpp"
