#include "TotpEnrollmentView.h"

#include "ui/CopyableField.h"
#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/Async.h"

#include <QBuffer>
#include <QImageReader>
#include <QLabel>
#include <QPixmap>

namespace ui {

namespace {

constexpr qsizetype kMaxQrPngBytes = 256 * 1024;
constexpr int kMaxQrSide = 1024;
constexpr int kQrShownSide = 180;

} // namespace

TotpEnrollmentView::Picture TotpEnrollmentView::decodeQrPng(const QByteArray &bytes)
{
    Picture picture;
    if (bytes.isEmpty()) {
        picture.error = QStringLiteral("The answer has no QR image: type the key into the app instead.");
        return picture;
    }
    if (bytes.size() > kMaxQrPngBytes) {
        picture.error = QStringLiteral("The QR image is over 256 KiB and was not decoded.");
        return picture;
    }
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    // The format is named, not guessed from the content: only the PNG decoder ever sees the bytes.
    QImageReader reader(&buffer, "png");
    reader.setDecideFormatFromContent(false);
    const QSize size = reader.size();
    if (!size.isValid() || size.width() > kMaxQrSide || size.height() > kMaxQrSide) {
        picture.error = size.isValid() ? QStringLiteral("The QR image is %1 × %2 pixels (at most %3 are shown).")
                                             .arg(size.width())
                                             .arg(size.height())
                                             .arg(kMaxQrSide)
                                       : QStringLiteral("The QR image is not a PNG.");
        return picture;
    }
    if (!reader.read(&picture.image))
        picture.error = QStringLiteral("The QR image could not be decoded: ") + reader.errorString();
    return picture;
}

TotpEnrollmentView::TotpEnrollmentView(QWidget *parent)
    : QWidget(parent)
    , m_qr(plainLabel(QString()))
    , m_qrNote(typeLabel(Type::Caption))
    , m_key(new CopyableField(QStringLiteral("totpKey")))
{
    setObjectName(QStringLiteral("totpEnrollmentView"));
    m_qr->setObjectName(QStringLiteral("totpQrImage"));
    m_qr->setFixedSize(kQrShownSide, kQrShownSide);
    m_qr->setAlignment(Qt::AlignCenter);
    // A QR code stays dark on light in every theme (scanners expect it), framed like a code box.
    m_qr->setStyleSheet(QStringLiteral("QLabel { background: %1; border: 1px solid %2; }")
                            .arg(fill(Fill::QrLight).name(), boxColors(Box::Code, false).border.name()));
    m_qrNote->setObjectName(QStringLiteral("totpQrNote"));
    m_key->setPlaceholderText(QStringLiteral("the key appears after sign-up"));
    m_key->setSecret(true); // the authenticator's seed: masked while presenting
    QLabel *keyCaption = typeLabel(Type::Caption, QStringLiteral("Scan the QR code with an authenticator app, or type the key into it. "
                                                                 "The key is the shared secret of RFC 6238: whoever holds it can make "
                                                                 "codes, so it is shown only here and redacted in the Exchange Log."));
    layout::attach(this, layout::row({m_qr, layout::Item(layout::column({typeLabel(Type::Section, QStringLiteral("Key (base32)")), m_key,
                                                                         keyCaption, m_qrNote, layout::Stretch{}},
                                                                        {.margins = layout::kFlush, .spacing = 6}),
                                                         1)},
                                     {.margins = layout::kFlush, .spacing = 12}));
    connect(&Presentation::instance(), &Presentation::activeChanged, this, &TotpEnrollmentView::showQr);
    clear();
}

void TotpEnrollmentView::setEnrollment(const oidc::descope::TotpEnrollment &enrollment)
{
    m_key->setText(qs(enrollment.key));
    m_qr->setText(QStringLiteral("decoding…"));
    m_qrNote->clear();
    const quint64 serial = ++m_serial;
    oidc::runOffThread<Picture>(
        this, [bytes = enrollment.image] { return decodeQrPng(bytes); },
        [this, serial](Picture picture) {
            if (serial != m_serial)
                return; // cleared, or a newer enrolment
            if (picture.image.isNull()) {
                m_qr->setText(QStringLiteral("no QR code"));
                m_qrNote->setText(picture.error);
            } else {
                // A QR code is scaled by whole pixels' worth of sharpness: no smoothing.
                m_qrPixmap = QPixmap::fromImage(
                    picture.image.scaled(kQrShownSide - 8, kQrShownSide - 8, Qt::KeepAspectRatio, Qt::FastTransformation));
                showQr();
                m_qrNote->setText(QStringLiteral("QR code: %1 × %2 pixels, PNG.").arg(picture.image.width()).arg(picture.image.height()));
            }
            Q_EMIT qrShown();
        });
}

void TotpEnrollmentView::showQr()
{
    if (m_qrPixmap.isNull())
        return;
    if (Presentation::secretsMasked()) {
        m_qr->setPixmap(QPixmap());
        m_qr->setText(QStringLiteral("QR code hidden\nwhile presenting"));
    } else {
        m_qr->setPixmap(m_qrPixmap);
    }
}

void TotpEnrollmentView::clear()
{
    ++m_serial;
    m_qrPixmap = QPixmap();
    m_key->setText(QString());
    m_qr->setPixmap(QPixmap());
    m_qr->setText(QStringLiteral("QR code"));
    m_qrNote->clear();
}

} // namespace ui

#include "moc_TotpEnrollmentView.cpp"
