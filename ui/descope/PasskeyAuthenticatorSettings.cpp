#include "PasskeyAuthenticatorSettings.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"

#include <QCheckBox>
#include <QComboBox>

namespace ui {

namespace webauthn = oidc::webauthn;

namespace {

QCheckBox *checkBox(const QString &name, const QString &text, const QString &toolTip)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(name);
    box->setToolTip(toolTip);
    return box;
}

} // namespace

PasskeyAuthenticatorSettings::PasskeyAuthenticatorSettings(QWidget *parent)
    : QWidget(parent)
    , m_attestation(new QComboBox)
    , m_userVerifying(checkBox(QStringLiteral("userVerifyingCheck"), QStringLiteral("Verifies the user (UV)"),
                               QStringLiteral("The authenticator verifies the user (as with a PIN or a fingerprint) and sets UV, unless the "
                                              "server's options say userVerification \"discouraged\"; without it, options that require "
                                              "verification are refused by the authenticator")))
    , m_backupEligible(checkBox(QStringLiteral("backupEligibleCheck"), QStringLiteral("Backup eligible (BE)"),
                                QStringLiteral("The credentials may be synced (a multi-device passkey): BE is set")))
    , m_backupState(checkBox(QStringLiteral("backupStateCheck"), QStringLiteral("Backed up (BS)"),
                             QStringLiteral("The credentials are synced now: BS is set (only with BE, WebAuthn §6.1.3)")))
    , m_requestUserVerification(new QComboBox)
{
    m_attestation->setObjectName(QStringLiteral("attestationCombo"));
    m_attestation->setToolTip(QStringLiteral("The attestation statement of new credentials (WebAuthn §8.2 packed)"));
    m_attestation->addItem(QStringLiteral("none"), static_cast<int>(webauthn::AttestationMode::None));
    m_attestation->addItem(QStringLiteral("packed (self)"), static_cast<int>(webauthn::AttestationMode::PackedSelf));
    m_attestation->addItem(QStringLiteral("packed (x5c)"), static_cast<int>(webauthn::AttestationMode::PackedCertificate));
    m_requestUserVerification->setObjectName(QStringLiteral("requestUserVerificationCombo"));
    m_requestUserVerification->setToolTip(QStringLiteral("What the start asks the server to put into the options' userVerification "
                                                         "(Descope's passkeyOptions)"));
    m_requestUserVerification->addItem(QStringLiteral("server's default"), QString());
    for (const char *value : {"required", "preferred", "discouraged"})
        m_requestUserVerification->addItem(QString::fromLatin1(value), QString::fromLatin1(value));
    connect(m_backupEligible, &QCheckBox::toggled, this, [this](bool eligible) {
        m_backupState->setEnabled(eligible);
        if (!eligible)
            m_backupState->setChecked(false);
    });
    layout::attach(this, layout::row({plainLabel(QStringLiteral("Attestation:")), m_attestation, layout::Space{8}, m_userVerifying, m_backupEligible,
                                      m_backupState, layout::Space{8}, plainLabel(QStringLiteral("Ask for UV:")), m_requestUserVerification,
                                      layout::Stretch{}},
                                     {.margins = layout::kFlush}));
    showSettings({});
}

void PasskeyAuthenticatorSettings::showSettings(const webauthn::SoftwareAuthenticatorOptions &settings)
{
    m_attestation->setCurrentIndex(m_attestation->findData(static_cast<int>(settings.attestation)));
    m_userVerifying->setChecked(settings.userVerifying);
    m_backupEligible->setChecked(settings.backupEligible);
    m_backupState->setChecked(settings.backupEligible && settings.backupState);
    m_backupState->setEnabled(settings.backupEligible);
}

void PasskeyAuthenticatorSettings::applyTo(webauthn::SoftwareAuthenticatorOptions &settings) const
{
    settings.attestation = static_cast<webauthn::AttestationMode>(m_attestation->currentData().toInt());
    settings.userVerifying = m_userVerifying->isChecked();
    settings.backupEligible = m_backupEligible->isChecked();
    settings.backupState = m_backupEligible->isChecked() && m_backupState->isChecked();
}

oidc::Json PasskeyAuthenticatorSettings::passkeyOptions() const
{
    const std::string requested = toStd(m_requestUserVerification->currentData().toString());
    if (requested.empty())
        return nullptr;
    // Registration reads authenticatorSelection.userVerification, authentication the top-level one.
    return {{"authenticatorSelection", {{"userVerification", requested}}}, {"userVerification", requested}};
}

} // namespace ui

#include "moc_PasskeyAuthenticatorSettings.cpp"
