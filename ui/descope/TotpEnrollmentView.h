#pragma once

// What a TOTP sign-up answers (descope-api.md §8), shown for an authenticator app: the QR code of
// the otpauth:// URL and the base32 key to type instead. The image is the provider's bytes, so it
// is decoded defensively, off the GUI thread: PNG only (what Descope and the sandbox send), at
// most 256 KiB and 1024 × 1024 pixels; anything else is refused in words and the key still shown.
// The key is a long-lived secret: shown here on purpose (it is what the user copies), never logged.

#include "oidc/descope/TotpApi.h"

#include <QImage>
#include <QPixmap>
#include <QWidget>

class QLabel;

namespace ui {

class CopyableField;

class TotpEnrollmentView final : public QWidget {
    Q_OBJECT
public:
    explicit TotpEnrollmentView(QWidget *parent = nullptr);

    void setEnrollment(const oidc::descope::TotpEnrollment &enrollment);
    void clear();

    // The QR image's bytes as a picture, or why not (plain text).
    struct Picture final {
        QImage image;
        QString error;
    };
    [[nodiscard]] static Picture decodeQrPng(const QByteArray &bytes);

Q_SIGNALS:
    void qrShown(); // the image was decoded and shown (or refused: the label says why)

private:
    // The decoded code, or the reason it is hidden: the QR code carries the seed, so it is masked
    // while presenting (ui::Presentation) like the key beside it.
    void showQr();

    QPixmap m_qrPixmap;
    QLabel *m_qr;
    QLabel *m_qrNote;
    CopyableField *m_key;
    quint64 m_serial = 0;
};

} // namespace ui
