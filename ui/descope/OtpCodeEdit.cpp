#include "OtpCodeEdit.h"

#include "ui/UiText.h"
#include "ui/descope/OtpCodeValidator.h"

#include "oidc/descope/OtpApi.h"

namespace ui {

OtpCodeEdit::OtpCodeEdit(const QString &name, QWidget *parent)
    : QLineEdit(parent)
{
    setObjectName(name);
    setValidator(new OtpCodeValidator(this));
    setPlaceholderText(QStringLiteral("123456"));
    setClearButtonEnabled(true);
    setInputMethodHints(Qt::ImhDigitsOnly);
    QFont font = monospaceFont();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setLetterSpacing(QFont::PercentageSpacing, 115);
    setFont(font);
    // Room for the longest code and the clear button, no more: it reads as a code, not a sentence.
    const int digits = static_cast<int>(oidc::descope::kMaxCodeDigits);
    setMaximumWidth(fontMetrics().horizontalAdvance(QString(digits + 4, QLatin1Char('0'))));
    setToolTip(QStringLiteral("The one-time code: digits only. A pasted code may keep its spaces or dashes (123 456, 123-456)."));
}

} // namespace ui

#include "moc_OtpCodeEdit.cpp"
