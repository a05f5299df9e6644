#pragma once

// The validator of a one-time-code field: what is typed or pasted goes through the core's
// codeDigits (oidc/descope/OtpApi.h), so "123 456" or "123-456" from a message or an
// authenticator app becomes 123456, and anything else (letters, a sentence, a tenth digit) is
// refused as a keystroke or a paste is refused. The rule lives in the core; this only applies it.

#include <QValidator>

namespace ui {

class OtpCodeValidator final : public QValidator {
    Q_OBJECT
public:
    using QValidator::QValidator;

    // Replaces `input` by its digits (the cursor stays after the same digits); Intermediate while
    // empty, Acceptable with digits, Invalid when the core refuses the text.
    State validate(QString &input, int &pos) const override;
};

} // namespace ui
