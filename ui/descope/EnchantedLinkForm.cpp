#include "EnchantedLinkForm.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace ui {

using namespace oidc::descope;

EnchantedLinkForm::EnchantedLinkForm(QWidget *parent)
    : QWidget(parent)
    , m_operation(new QComboBox)
    , m_loginId(new QLineEdit)
    , m_redirectUri(new QLineEdit)
    , m_interval(new QDoubleSpinBox)
    , m_timeout(new QSpinBox)
    , m_start(new QPushButton(QStringLiteral("Send link")))
    , m_cancel(new QPushButton(QStringLiteral("Cancel")))
{
    setObjectName(QStringLiteral("enchantedLinkForm"));
    m_operation->setObjectName(QStringLiteral("operationCombo"));
    m_operation->addItem(QStringLiteral("Sign in"), static_cast<int>(LoginOperation::SignIn));
    m_operation->addItem(QStringLiteral("Sign up"), static_cast<int>(LoginOperation::SignUp));
    m_operation->addItem(QStringLiteral("Sign up or in"), static_cast<int>(LoginOperation::SignUpOrIn));
    m_operation->setToolTip(QStringLiteral("POST /v1/auth/enchantedlink/signin|signup|signup-in/email"));

    m_loginId->setObjectName(QStringLiteral("loginIdEdit"));
    m_loginId->setPlaceholderText(QStringLiteral("an email address"));
    m_loginId->setToolTip(QStringLiteral("loginId: enchanted links go by email only"));
    m_loginId->setClearButtonEnabled(true);

    m_redirectUri->setObjectName(QStringLiteral("redirectUriEdit"));
    m_redirectUri->setPlaceholderText(QStringLiteral("the project's setting"));
    m_redirectUri->setToolTip(QStringLiteral("URI: the page the emailed links open, with ?t=<token>; it must verify the token "
                                             "(POST enchantedlink/verify). Descope accepts only the project's approved domains."));
    m_redirectUri->setClearButtonEnabled(true);

    // The core's defaults; its minimum and maximum are where the SDKs put them (core-js).
    const PollSettings defaults;
    m_interval->setObjectName(QStringLiteral("intervalSpin"));
    m_interval->setRange(kMinPollIntervalMs / 1000.0, 60.0);
    m_interval->setDecimals(1);
    m_interval->setSingleStep(0.5);
    m_interval->setSuffix(QStringLiteral(" s"));
    m_interval->setValue(defaults.intervalMs / 1000.0);
    m_interval->setToolTip(QStringLiteral("Between polls; the first poll waits one interval too. The SDKs poll no faster than once a second."));
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(1, kMaxPollTimeoutMs / 1000);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_timeout->setValue(defaults.timeoutMs / 1000);
    m_timeout->setToolTip(QStringLiteral("Polling gives up after this long (at most 10 minutes, as core-js)."));

    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(QStringLiteral("Stop sending or polling"));

    layout::attach(this, layout::column({layout::row({plainLabel(QStringLiteral("Operation")), m_operation, layout::Space{12},
                                                      plainLabel(QStringLiteral("Login ID")), layout::Item(m_loginId, 2), layout::Space{12},
                                                      plainLabel(QStringLiteral("Redirect URI")), layout::Item(m_redirectUri, 3)}),
                                         layout::row({plainLabel(QStringLiteral("Poll every")), m_interval, layout::Space{12},
                                                      plainLabel(QStringLiteral("give up after")), m_timeout, layout::Stretch{}, m_start,
                                                      m_cancel})},
                                        {.margins = layout::kFlush, .spacing = 6}));

    connect(m_start, &QPushButton::clicked, this, &EnchantedLinkForm::startRequested);
    connect(m_loginId, &QLineEdit::returnPressed, this, [this] {
        if (m_start->isEnabled())
            Q_EMIT startRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &EnchantedLinkForm::cancelRequested);
}

PasswordlessStart EnchantedLinkForm::startRequest() const
{
    PasswordlessStart start;
    start.operation = static_cast<LoginOperation>(m_operation->currentData().toInt());
    start.loginId = toStd(m_loginId->text().trimmed());
    start.redirectUrl = toStd(m_redirectUri->text().trimmed());
    return start;
}

PollSettings EnchantedLinkForm::pollSettings() const
{
    PollSettings settings;
    settings.intervalMs = static_cast<int>(std::lround(m_interval->value() * 1000.0));
    settings.timeoutMs = m_timeout->value() * 1000;
    return settings;
}

void EnchantedLinkForm::setBusy(bool busy)
{
    m_start->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    for (QWidget *field : {static_cast<QWidget *>(m_operation), static_cast<QWidget *>(m_loginId), static_cast<QWidget *>(m_redirectUri),
                           static_cast<QWidget *>(m_interval), static_cast<QWidget *>(m_timeout)})
        field->setEnabled(!busy);
}

void EnchantedLinkForm::suggestLoginId(const QString &loginId)
{
    if (m_loginId->text().isEmpty())
        m_loginId->setText(loginId);
}

} // namespace ui

#include "moc_EnchantedLinkForm.cpp"
