#pragma once

// The field a one-time code goes into (OTP, TOTP): digits only, large monospace, paste-friendly
// (OtpCodeValidator: the separators of a pasted "123 456" or "123-456" are dropped). The code is a
// secret: it is only in this field and the request that verifies it.

#include <QLineEdit>

namespace ui {

class OtpCodeEdit final : public QLineEdit {
    Q_OBJECT
public:
    // `name` is the object name tests and the panel find it by.
    explicit OtpCodeEdit(const QString &name, QWidget *parent = nullptr);
};

} // namespace ui
