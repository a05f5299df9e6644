#include "CrossDeviceBox.h"

#include "ui/UiText.h"
#include "ui/descope/QrCodeView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>

namespace ui {

namespace {

const QString kCrossDeviceScanNote = QStringLiteral("Scan it with a phone: the link's page opens there and verifies it, and the next poll here "
                                         "gets the session.");

} // namespace

CrossDeviceBox::CrossDeviceBox(QWidget *parent)
    : QWidget(parent)
    , m_link(new QLineEdit)
    , m_qr(new QrCodeView)
    , m_note(typeLabel(Type::Caption))
    , m_open(new QPushButton(QStringLiteral("Open here")))
{
    setObjectName(QStringLiteral("crossDeviceBox"));
    m_link->setObjectName(QStringLiteral("crossDeviceLinkEdit"));
    m_link->setPlaceholderText(QStringLiteral("https://…?t=… — the link from the email"));
    m_link->setClearButtonEnabled(true);
    m_link->setFont(monospaceFont());
    m_note->setObjectName(QStringLiteral("crossDeviceNote"));
    m_open->setObjectName(QStringLiteral("openLinkHereButton"));
    m_open->setToolTip(QStringLiteral("Verify the link from this app, as its page would (POST /v1/auth/enchantedlink/verify)"));
    m_open->setEnabled(false);

    layout::attach(this, layout::column({typeLabel(Type::Section, QStringLiteral("On another device")),
                                         typeLabel(Type::Caption, QStringLiteral("Got the email on this computer? Paste the link whose "
                                                                                 "number matches to show it as a QR code.")),
                                         layout::row({layout::Item(m_link, 1), m_open}, {.margins = layout::kFlush}),
                                         layout::Item(m_qr, 0, Qt::AlignHCenter), m_note, layout::Stretch{}},
                                        {.margins = layout::kFlush, .spacing = 6}));

    connect(m_link, &QLineEdit::textChanged, this, &CrossDeviceBox::showLink);
    connect(m_open, &QPushButton::clicked, this, [this] { Q_EMIT openRequested(link()); });
    showLink({});
}

QString CrossDeviceBox::link() const
{
    return m_link->text().trimmed();
}

void CrossDeviceBox::clear()
{
    m_link->clear();
}

void CrossDeviceBox::showLink(const QString &text)
{
    const QString link = text.trimmed();
    m_open->setEnabled(!link.isEmpty());
    const QUrl url(link, QUrl::StrictMode);
    if (link.isEmpty() || !url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        m_qr->clear();
        m_qr->hide();
        m_note->setText(link.isEmpty() ? QString() : QStringLiteral("A QR code needs the whole link; a bare token can only be opened here."));
        return;
    }
    if (const oidc::Status shown = m_qr->setText(link); !shown) {
        m_qr->hide();
        m_note->setText(errorText(shown.error()));
        return;
    }
    m_qr->show();
    m_note->setText(kCrossDeviceScanNote);
}

} // namespace ui

#include "moc_CrossDeviceBox.cpp"
