#include "AccessKeyForm.h"

#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/ReexchangeSchedule.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"
#include "ui/workspace/RememberedSecret.h"
#include "ui/AppContext.h"

#include "secrets/SecretKey.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

using oidc::descope::AccessKeyOptions;
using oidc::descope::SessionOutcome;

AccessKeyForm::AccessKeyForm(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_schedule(new ReexchangeSchedule(this))
    , m_remembered(new RememberedSecret(context.app().workspace(), secrets::kAccessKey, this))
{
    setObjectName(QStringLiteral("accessKey"));
    m_unavailable = toneLabel(QStringLiteral("akUnavailable"), Tone::Warning);
    m_refusal = new RefusalBanner(QStringLiteral("akRefusal"));
    m_result = new SessionView(QStringLiteral("ak"));
    layout::attach(this, layout::column({typeLabel(Type::Caption, tr("A Descope access key becomes a session JWT with the key's roles.")),
                                         m_unavailable, buildForm(), m_refusal, layout::Item(m_result, 1)},
                                        {.margins = QMargins(8, 8, 8, 8), .spacing = 8}));

    connect(m_preset, &QComboBox::activated, this, &AccessKeyForm::presetChosen);
    connect(m_exchange, &QPushButton::clicked, this, &AccessKeyForm::exchange);
    connect(m_cancel, &QPushButton::clicked, this, &AccessKeyForm::cancel);
    connect(m_key, &QLineEdit::returnPressed, this, &AccessKeyForm::exchange);
    connect(m_auto, &QCheckBox::toggled, this, [this](bool on) {
        m_schedule->setEnabled(on);
        if (on && m_lastTimes) // the token shown is renewed too
            m_schedule->tokenReceived(m_lastTimes->first, m_lastTimes->second, QDateTime::currentSecsSinceEpoch());
    });
    connect(m_schedule, &ReexchangeSchedule::enabledChanged, m_auto, &QCheckBox::setChecked);
    connect(m_schedule, &ReexchangeSchedule::statusChanged, m_renewal, &QLabel::setText);
    connect(m_schedule, &ReexchangeSchedule::due, this, &AccessKeyForm::reexchange);
    connect(m_result, &SessionView::openInInspector, this, &AccessKeyForm::openInInspector);
    connect(m_remember, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_remembered->store(m_key->text().trimmed());
        else
            m_remembered->forget();
        m_remember->setToolTip(m_remembered->storageNote());
    });
    connect(&m_context, &DescopeContext::projectChanged, this, &AccessKeyForm::followProject);
    m_renewal->setText(m_schedule->status());
    followProject();
    setBusy(false);
}

// An exchange in flight ends with the area's client (the transport drops its answer).
AccessKeyForm::~AccessKeyForm() = default;

QWidget *AccessKeyForm::buildForm()
{
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("akPreset"));
    m_preset->setToolTip(tr("The sandbox's access keys (sandbox-only secrets)"));
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_preset->setMinimumContentsLength(24);
    m_presetLabel = plainLabel(tr("Try"));
    m_key = new QLineEdit;
    m_key->setObjectName(QStringLiteral("akKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("The access key"));
    m_remember = new QCheckBox(tr("Remember in the keychain"));
    m_remember->setObjectName(QStringLiteral("akRemember"));
    m_remember->setToolTip(m_remembered->storageNote());
    m_tenant = new QLineEdit;
    m_tenant->setObjectName(QStringLiteral("akTenant"));
    m_tenant->setPlaceholderText(tr("Optional tenant ID"));
    m_tenant->setToolTip(tr("Sent as selectedTenant: one of the key's tenants becomes the token's dct"));
    m_scopes = new QLineEdit;
    m_scopes->setObjectName(QStringLiteral("akScopes"));
    m_scopes->setPlaceholderText(tr("Optional scopes"));
    m_scopes->setToolTip(tr("Sent as the custom claim \"scope\", as the M2M sample sends them; they come back under nsec"));
    m_exchange = new QPushButton(tr("Exchange"));
    m_exchange->setObjectName(QStringLiteral("akExchange"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("akCancel"));
    m_auto = new QCheckBox(tr("Exchange again before it expires"));
    m_auto->setObjectName(QStringLiteral("akAuto"));
    m_auto->setToolTip(tr("At %1 % of each token's lifetime; the first failure stops it.").arg(static_cast<int>(ReexchangeSchedule::kLifetimeFraction * 100)));
    m_renewal = typeLabel(Type::Caption);
    m_renewal->setObjectName(QStringLiteral("akRenewal"));

    return layout::widget(layout::form({{m_presetLabel, m_preset},
                                        {tr("Access key"), layout::row({layout::Item(m_key, 1), m_remember}, {.margins = layout::kFlush})},
                                        {tr("Tenant"), layout::row({layout::Item(m_tenant, 1), plainLabel(tr("Scopes")), layout::Item(m_scopes, 1)},
                                                                    {.margins = layout::kFlush})},
                                        {QString(), layout::row({m_exchange, m_cancel, layout::Space{12}, m_auto, layout::Stretch{}},
                                                                {.margins = layout::kFlush})},
                                        {QString(), m_renewal}},
                                       {.margins = layout::kFlush}));
}

void AccessKeyForm::followProject()
{
    // A new project destroys the area's client: an exchange in flight ends without an answer,
    // and the token shown belongs to the old project.
    m_handle = {};
    setBusy(false);
    m_schedule->disarm();
    m_lastKey.clear();
    m_lastTimes.reset();
    m_refusal->dismiss();
    m_unavailable->setText(m_context.hasProject() ? QString()
                                                  : tr("Access keys are exchanged with a Descope project. %1").arg(m_context.unavailableReason()));
    m_unavailable->setVisible(!m_context.hasProject());
    m_result->clear(m_context.hasProject() ? tr("No token yet: nothing is sent until you exchange a key.") : QString());
    Q_EMIT tokenChanged(QString());
    updatePresets();
    loadRememberedKey();
}

void AccessKeyForm::loadRememberedKey()
{
    const bool real = m_context.hasProject() && !m_context.isSandbox();
    if (m_remember->isChecked()) // the previous project's remembered key is not this one's
        m_key->clear();
    {
        const QSignalBlocker blocker(m_remember);
        m_remember->setChecked(false);
    }
    m_remember->setVisible(real);
    if (!real)
        return;
    m_remembered->load([this](const QString &key) {
        if (!m_key->text().trimmed().isEmpty() && m_key->text().trimmed() != key)
            return; // typed meanwhile: what the person did wins
        m_key->setText(key);
        const QSignalBlocker blocker(m_remember);
        m_remember->setChecked(true);
    });
}

void AccessKeyForm::setSandboxCredentials(const QList<SandboxCredential> &credentials)
{
    m_keys.clear();
    for (const SandboxCredential &credential : credentials)
        if (credential.kind == SandboxCredential::Kind::AccessKey)
            m_keys.append(credential);
    updatePresets();
}

void AccessKeyForm::updatePresets()
{
    const bool offer = m_context.isSandbox() && !m_keys.isEmpty();
    m_preset->clear();
    m_preset->addItem(tr("Your own key (type it below)"));
    for (const SandboxCredential &key : std::as_const(m_keys))
        m_preset->addItem(tr("%1 (roles: %2)").arg(key.name, key.roles.join(QStringLiteral(", "))));
    m_preset->setVisible(offer);
    m_presetLabel->setVisible(offer);
    if (offer && m_key->text().isEmpty())
        presetChosen(1);
}

void AccessKeyForm::presetChosen(int index)
{
    if (index < 1 || index > m_keys.size())
        return;
    m_preset->setCurrentIndex(index);
    m_key->setText(m_keys.at(index - 1).secret);
}

AccessKeyOptions AccessKeyForm::options() const
{
    AccessKeyOptions options;
    options.selectedTenant = toStd(m_tenant->text().trimmed());
    if (const QString scopes = m_scopes->text().simplified(); !scopes.isEmpty())
        options.customClaims = oidc::Json{{"scope", toStd(scopes)}}; // as the M2M sample sends them
    return options;
}

void AccessKeyForm::setBusy(bool busy)
{
    m_busy = busy;
    m_exchange->setEnabled(!busy && m_context.hasProject());
    m_cancel->setEnabled(busy);
}

void AccessKeyForm::exchange()
{
    if (m_busy)
        return;
    if (m_remember->isChecked() && !m_remember->isHidden())
        m_remembered->store(m_key->text().trimmed()); // the key exchanged is the one kept
    run(toStd(m_key->text().trimmed()), options(), false);
}

void AccessKeyForm::reexchange()
{
    if (m_busy || m_lastKey.empty())
        return;
    run(m_lastKey, m_lastOptions, true);
}

void AccessKeyForm::run(const std::string &accessKey, const AccessKeyOptions &options, bool automatic)
{
    oidc::descope::DescopeClient *client = m_context.client(descope_area::kM2m);
    if (!client) {
        m_refusal->showError(tr("The access key exchange"),
                             oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT", toStd(m_context.unavailableReason())));
        return;
    }
    m_refusal->dismiss();
    setBusy(true);
    m_handle = client->exchangeAccessKey(accessKey, options, [this, accessKey, options, automatic](SessionOutcome outcome) {
        answered(outcome, accessKey, options, automatic);
    });
}

void AccessKeyForm::answered(const SessionOutcome &outcome, const std::string &accessKey, const AccessKeyOptions &options, bool automatic)
{
    m_handle = {};
    setBusy(false);
    if (!outcome.ok()) {
        const oidc::Error &error = outcome.result.error();
        if (error.code == "NET_CANCELLED") {
            if (automatic)
                m_schedule->failed(tr("cancelled"));
            return;
        }
        // The earlier token stays, shown and in the API tester.
        m_refusal->showError(automatic ? tr("The automatic re-exchange") : tr("The access key exchange"), error);
        if (automatic)
            m_schedule->failed(qs(error.code));
        return;
    }
    const oidc::descope::DescopeSession &session = outcome.result.value();
    m_lastKey = accessKey;
    m_lastOptions = options;
    m_result->showOutcome(outcome);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_lastTimes = std::make_pair(session.session.numericClaim("iat").value_or(now), session.expiresAt);
    m_schedule->tokenReceived(m_lastTimes->first, m_lastTimes->second, now);
    Q_EMIT tokenChanged(qs(session.sessionJwt));
}

void AccessKeyForm::cancel()
{
    // The exchange answers NET_CANCELLED before cancel() returns (answered() resets the state).
    m_handle.cancel();
}

} // namespace ui

#include "moc_AccessKeyForm.cpp"
