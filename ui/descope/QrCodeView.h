#pragma once

// A QR code of a short text (a link to open on another device), drawn crisp in a fixed square
// that a phone's camera reads from a screen: each module a whole number of pixels, with the 4-module quiet zone of ISO/IEC 18004 §7.3.7. The
// matrix comes from libqrencode through the sandbox's TOTP QR encoder (sandbox/auth/QrCode.h:
// level M, the smallest version that fits), so the app has one QR encoder. The text is never
// interpreted: it is encoded as its UTF-8 bytes.

#include "sandbox/auth/QrCode.h"

#include <QWidget>

#include <optional>

namespace ui {

class QrCodeView final : public QWidget {
    Q_OBJECT
public:
    explicit QrCodeView(QWidget *parent = nullptr);

    // Encodes `text` (empty: nothing shown). Errors (QR_TOO_LONG, QR_ENCODE) are returned and the
    // view is left empty.
    oidc::Status setText(const QString &text);
    void clear();

    [[nodiscard]] QString text() const { return m_text; }
    // The module matrix shown (0 × 0 when empty).
    [[nodiscard]] int moduleCount() const { return m_matrix ? m_matrix->size : 0; }


protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    std::optional<sandbox::auth::QrMatrix> m_matrix;
};

} // namespace ui
