#include "FlowSettingsPanel.h"

#include "ui/UiText.h"
#include "ui/flow/ClientAuthCombo.h"
#include "ui/flow/ProfileManager.h"
#include "ui/flow/ResolvedUrlsText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ui {

using oidc::flow::BrowserMode;
using oidc::flow::ClientAuthMethod;

namespace {

QLabel *warning(const QString &name)
{
    QLabel *label = plainLabel(QString());
    label->setObjectName(name);
    label->setWordWrap(true);
    updateTone(label, Tone::Bad);
    label->hide();
    return label;
}

// A field and what belongs to it (its note, its warning) close together.
QVBoxLayout *fieldStack(std::initializer_list<layout::Item> items)
{
    return layout::column(items, layout::spaced(2));
}

QGroupBox *group(const QString &title, QLayout *layout)
{
    auto *box = new QGroupBox(title);
    box->setLayout(layout);
    return box;
}

void showWarning(QLabel *label, bool on, const QString &text)
{
    label->setText(on ? QStringLiteral("⚠ ") + text : QString());
    label->setVisible(on);
}

} // namespace

FlowSettingsPanel::FlowSettingsPanel(QWidget *parent)
    : QWidget(parent)
    , m_providerUrls(toneLabel(QStringLiteral("providerUrlsLabel"), Tone::Neutral))
    , m_clientId(new QLineEdit)
    , m_clientSecret(new QLineEdit)
    , m_secretNote(typeLabel(Type::Caption, ProfileManager::secretStorageNote()))
    , m_auth(new ClientAuthCombo(QStringLiteral("clientAuthCombo")))
    , m_authWarning(warning(QStringLiteral("authWarningLabel")))
    , m_scope(new QLineEdit)
    , m_embedded(new QRadioButton(QStringLiteral("Embedded browser")))
    , m_system(new QRadioButton(QStringLiteral("System browser + loopback listener")))
    , m_privateUse(new QRadioButton(QStringLiteral("System browser + private-use URI scheme")))
    , m_tradeOffs(new QPlainTextEdit(QStringLiteral(
          "Embedded: the easiest, but RFC 8252 §8.12: native apps must not use embedded browsers for real logins "
          "(the app could read what the user types).\n"
          "Loopback (§7.3): the system browser returns to http://127.0.0.1 on any port; the app listens while the sign-in runs.\n"
          "Private-use scheme (§7.1): the system browser returns to <scheme>:/callback; it needs the desktop registration "
          "(the installed desktop entry), and another app can claim the same scheme (§8.6), so PKCE is essential.")))
    , m_port(new QSpinBox)
    , m_path(new QLineEdit)
    , m_scheme(new QLineEdit)
    , m_schemeWarning(warning(QStringLiteral("schemeWarningLabel")))
    , m_redirectNote(typeLabel(Type::Caption))
    , m_pkce(new QComboBox)
    , m_pkceWarning(warning(QStringLiteral("pkceWarningLabel")))
    , m_state(new QCheckBox(QStringLiteral("Send and check state")))
    , m_stateWarning(warning(QStringLiteral("stateWarningLabel")))
    , m_nonce(new QCheckBox(QStringLiteral("Send and check nonce")))
    , m_nonceWarning(warning(QStringLiteral("nonceWarningLabel")))
    , m_unsigned(new QCheckBox(QStringLiteral("Allow unsigned ID tokens (alg none)")))
    , m_unsignedWarning(warning(QStringLiteral("unsignedWarningLabel")))
    , m_leeway(new QSpinBox)
    , m_leewayWarning(warning(QStringLiteral("leewayWarningLabel")))
{
    setObjectName(QStringLiteral("flowSettingsPanel"));
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    m_clientSecret->setObjectName(QStringLiteral("clientSecretEdit"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setPlaceholderText(QStringLiteral("only for confidential clients"));
    m_secretNote->setObjectName(QStringLiteral("clientSecretNote"));
    m_scope->setObjectName(QStringLiteral("scopeEdit"));
    m_embedded->setObjectName(QStringLiteral("embeddedBrowserRadio"));
    m_system->setObjectName(QStringLiteral("systemBrowserRadio"));
    m_privateUse->setObjectName(QStringLiteral("privateUseSchemeRadio"));
    // A plain-text box of fixed height (it scrolls when narrow): a word-wrapped label in this
    // scrolled form is squeezed when a neighbour's text changes.
    m_tradeOffs->setObjectName(QStringLiteral("browserModeTradeOffs"));
    m_tradeOffs->setReadOnly(true);
    m_tradeOffs->setAccessibleName(QStringLiteral("Trade-offs of the three browser modes"));
    m_tradeOffs->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tradeOffs->setFixedHeight(m_tradeOffs->fontMetrics().lineSpacing() * 12 + 2 * m_tradeOffs->frameWidth()
                                + static_cast<int>(2 * m_tradeOffs->document()->documentMargin()));
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_embedded);
    modes->addButton(m_system);
    modes->addButton(m_privateUse);
    m_port->setObjectName(QStringLiteral("redirectPortSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(QStringLiteral("0 (any free port)"));
    m_path->setObjectName(QStringLiteral("redirectPathEdit"));
    m_scheme->setObjectName(QStringLiteral("privateUseSchemeEdit"));
    m_scheme->setAccessibleName(QStringLiteral("Private-use URI scheme"));
    m_scheme->setPlaceholderText(QString::fromLatin1(oidc::flow::PrivateUseScheme::kDefault));
    m_redirectNote->setObjectName(QStringLiteral("redirectUriNote"));
    m_redirectNote->setWordWrap(true);
    m_pkce->setObjectName(QStringLiteral("pkceCombo"));
    m_pkce->addItems({QStringLiteral("S256"), QStringLiteral("plain"), QStringLiteral("off")});
    m_state->setObjectName(QStringLiteral("stateCheck"));
    m_nonce->setObjectName(QStringLiteral("nonceCheck"));
    m_unsigned->setObjectName(QStringLiteral("unsignedCheck"));
    m_leeway->setObjectName(QStringLiteral("leewaySpin"));
    m_leeway->setRange(0, 24 * 3600);
    m_leeway->setSuffix(QStringLiteral(" s"));

    QWidget *content = layout::widget(layout::column({group(QStringLiteral("Provider"), layout::column({m_providerUrls})), buildClientGroup(), buildBrowserGroup(), buildSecurityGroup(), layout::Stretch{}},
                                                     {.margins = QMargins(0, 0, 6, 0)}));
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    layout::attach(this, layout::column({scroll}, {.margins = layout::kFlush}));

    for (QLineEdit *edit : {m_clientId, m_clientSecret, m_scope, m_path, m_scheme})
        connect(edit, &QLineEdit::textEdited, this, &FlowSettingsPanel::edited);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &FlowSettingsPanel::edited);
    connect(m_pkce, &QComboBox::currentIndexChanged, this, &FlowSettingsPanel::edited);
    connect(modes, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (checked)
            edited();
    });
    for (QCheckBox *check : {m_state, m_nonce, m_unsigned})
        connect(check, &QCheckBox::toggled, this, &FlowSettingsPanel::edited);
    connect(m_port, &QSpinBox::valueChanged, this, &FlowSettingsPanel::edited);
    connect(m_leeway, &QSpinBox::valueChanged, this, &FlowSettingsPanel::edited);
}

QWidget *FlowSettingsPanel::buildClientGroup()
{
    return group(QStringLiteral("Client"), layout::form({{QStringLiteral("Client ID"), m_clientId},
                                                         {QStringLiteral("Client secret"), fieldStack({m_clientSecret, m_secretNote})},
                                                         {QStringLiteral("Authentication"), fieldStack({m_auth, m_authWarning})},
                                                         {QStringLiteral("Scope"), m_scope}}));
}

QWidget *FlowSettingsPanel::buildBrowserGroup()
{
    return group(QStringLiteral("Browser and redirect"),
                 layout::form({{QStringLiteral("Browser"), fieldStack({m_embedded, m_system, m_privateUse, m_tradeOffs})},
                               {QStringLiteral("Redirect port"), m_port},
                               {QStringLiteral("Redirect path"), m_path},
                               {QStringLiteral("URI scheme"), fieldStack({m_scheme, m_schemeWarning})},
                               {QString(), m_redirectNote}}));
}

QWidget *FlowSettingsPanel::buildSecurityGroup()
{
    return group(QStringLiteral("Security"),
                 layout::form({{QStringLiteral("PKCE"), fieldStack({m_pkce, m_pkceWarning})},
                               {QStringLiteral("Checks"),
                                fieldStack({m_state, m_stateWarning, m_nonce, m_nonceWarning, m_unsigned, m_unsignedWarning})},
                               {QStringLiteral("Clock leeway"), fieldStack({m_leeway, m_leewayWarning})}}));
}

void FlowSettingsPanel::setProviderUrls(const oidc::flow::ProviderProfile &typed, const oidc::Result<oidc::workspace::ResolvedProfile> &resolved)
{
    const ResolvedUrlsText shown = resolvedUrlsText(typed, resolved);
    const QString text = shown.text.isEmpty() ? QStringLiteral("No issuer yet.") : shown.text;
    if (m_providerUrls->text() != text)
        m_providerUrls->setText(text);
    updateTone(m_providerUrls, shown.ok ? Tone::Neutral : Tone::Bad);
}

void FlowSettingsPanel::setProfile(const oidc::flow::ProviderProfile &profile)
{
    m_loading = true;
    m_profile = profile;
    // Only what differs is written, so the cursor of a field being edited does not jump.
    if (m_clientId->text() != profile.clientId)
        m_clientId->setText(profile.clientId);
    if (m_clientSecret->text() != profile.clientSecret)
        m_clientSecret->setText(profile.clientSecret);
    m_auth->setMethod(profile.authMethod);
    if (m_scope->text() != profile.scope)
        m_scope->setText(profile.scope);
    (profile.browserMode == BrowserMode::System             ? m_system
     : profile.browserMode == BrowserMode::PrivateUseScheme ? m_privateUse
                                                            : m_embedded)
        ->setChecked(true);
    m_port->setValue(profile.redirectPort);
    if (m_path->text() != profile.redirectPath)
        m_path->setText(profile.redirectPath);
    if (m_scheme->text() != profile.privateUseScheme)
        m_scheme->setText(profile.privateUseScheme);
    m_pkce->setCurrentIndex(!profile.security.usePkce ? 2 : profile.security.pkceMethod == oidc::PkceMethod::Plain ? 1 : 0);
    m_state->setChecked(profile.security.useState);
    m_nonce->setChecked(profile.security.useNonce);
    m_unsigned->setChecked(profile.security.allowUnsignedIdToken);
    m_leeway->setValue(static_cast<int>(profile.security.leewaySeconds));
    m_loading = false;
    updateWarnings();
}

oidc::flow::ProviderProfile FlowSettingsPanel::profile() const
{
    oidc::flow::ProviderProfile profile = m_profile;
    profile.clientId = m_clientId->text().trimmed();
    profile.clientSecret = m_clientSecret->text();
    profile.authMethod = m_auth->method();
    profile.scope = m_scope->text().simplified();
    profile.browserMode = m_system->isChecked()       ? BrowserMode::System
                        : m_privateUse->isChecked() ? BrowserMode::PrivateUseScheme
                                                    : BrowserMode::Embedded;
    profile.redirectPort = static_cast<quint16>(m_port->value());
    profile.redirectPath = m_path->text().trimmed();
    profile.privateUseScheme = m_scheme->text().trimmed();
    profile.security.usePkce = m_pkce->currentIndex() != 2;
    profile.security.pkceMethod = m_pkce->currentIndex() == 1 ? oidc::PkceMethod::Plain : oidc::PkceMethod::S256;
    profile.security.useState = m_state->isChecked();
    profile.security.useNonce = m_nonce->isChecked();
    profile.security.allowUnsignedIdToken = m_unsigned->isChecked();
    profile.security.leewaySeconds = m_leeway->value();
    return profile;
}

void FlowSettingsPanel::edited()
{
    updateWarnings();
    if (m_loading)
        return;
    m_profile = profile();
    Q_EMIT profileEdited(m_profile);
}

void FlowSettingsPanel::updateWarnings()
{
    const ClientAuthMethod method = m_auth->method();
    showWarning(m_authWarning, method != ClientAuthMethod::None && m_clientSecret->text().isEmpty(),
                QStringLiteral("This authentication method needs the client secret."));
    showWarning(m_pkceWarning, m_pkce->currentIndex() == 1,
                QStringLiteral("PKCE plain: the challenge is the verifier itself (RFC 7636 §7.2). Use S256."));
    if (m_pkce->currentIndex() == 2)
        showWarning(m_pkceWarning, true, QStringLiteral("PKCE off: a stolen authorization code can be redeemed by anyone (RFC 9700 §2.1.1)."));
    showWarning(m_stateWarning, !m_state->isChecked(),
                QStringLiteral("No state: the callback cannot be tied to this request (CSRF, RFC 6749 §10.12)."));
    showWarning(m_nonceWarning, !m_nonce->isChecked(),
                QStringLiteral("No nonce: a replayed ID token cannot be detected (OIDC Core §3.1.2.1)."));
    showWarning(m_unsignedWarning, m_unsigned->isChecked(),
                QStringLiteral("Unsigned ID tokens prove nothing: anyone can write one (RFC 8725 §3.1, rp-checks J2)."));
    showWarning(m_leewayWarning, m_leeway->value() > 300,
                QStringLiteral("More than 5 minutes of clock leeway accepts expired tokens for that long."));
    updateRedirect();
}

void FlowSettingsPanel::updateRedirect()
{
    const QString path = m_path->text().trimmed();
    if (!m_privateUse->isChecked()) {
        showWarning(m_schemeWarning, false, QString());
        m_redirectNote->setText(QStringLiteral("Redirect URI: http://127.0.0.1:<port>%1. The embedded browser intercepts it; "
                                               "in loopback mode a listener on 127.0.0.1 receives it.")
                                    .arg(path));
        return;
    }
    const auto scheme = oidc::flow::PrivateUseScheme::parse(m_scheme->text().trimmed());
    const oidc::Status pathOk = oidc::flow::PrivateUseScheme::checkPath(path);
    if (!scheme || !pathOk) {
        showWarning(m_schemeWarning, true, QString::fromStdString((scheme ? pathOk.error() : scheme.error()).message));
        m_redirectNote->setText(QString());
        return;
    }
    // Another app registered for the scheme gets the code too (RFC 8252 §8.6): only PKCE keeps it useless.
    showWarning(m_schemeWarning, m_pkce->currentIndex() != 0,
                QStringLiteral("Without PKCE S256 an app that claims the same scheme can redeem the code (RFC 8252 §8.6)."));
    m_redirectNote->setText(QStringLiteral("Redirect URI: %1. The desktop hands it to the app registered for "
                                           "x-scheme-handler/%2 (this app's desktop entry).")
                                .arg(scheme->redirectUri(path), scheme->name()));
}

QStringList FlowSettingsPanel::warnings() const
{
    QStringList list;
    for (const QLabel *label : {m_authWarning, m_pkceWarning, m_stateWarning, m_nonceWarning, m_unsignedWarning, m_leewayWarning, m_schemeWarning})
        if (!label->text().isEmpty())
            list << label->text();
    return list;
}

} // namespace ui

#include "moc_FlowSettingsPanel.cpp"
