#include "PasskeyDomainBox.h"

#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include "oidc/webauthn/Origin.h"

#include <QLabel>
#include <QLineEdit>

namespace ui {

namespace webauthn = oidc::webauthn;

PasskeyDomainBox::PasskeyDomainBox(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_domain(new QLineEdit)
    , m_note(toneLabel(QStringLiteral("passkeyDomainNote"), Tone::Neutral))
{
    setObjectName(QStringLiteral("passkeyDomainBox"));
    m_domain->setObjectName(QStringLiteral("passkeyDomainEdit"));
    m_domain->setPlaceholderText(QStringLiteral("example.com"));
    m_domain->setToolTip(QStringLiteral("The RP ID: the domain the project's passkeys belong to, as its passkey settings name it"));
    auto *label = plainLabel(QStringLiteral("Passkey domain (RP ID):"));
    label->setToolTip(m_domain->toolTip());
    layout::attach(this, layout::column({layout::row({label, layout::Item(m_domain, 1)}, {.margins = layout::kFlush}), m_note},
                                        {.margins = layout::kFlush, .spacing = 4}));
    connect(m_domain, &QLineEdit::textChanged, this, &PasskeyDomainBox::explain);
    connect(&m_context, &DescopeContext::projectChanged, this, &PasskeyDomainBox::followProject);
    followProject();
}

std::optional<oidc::Result<std::string>> PasskeyDomainBox::origin() const
{
    if (m_context.isSandbox() || !m_context.hasProject())
        return std::nullopt;
    auto domain = webauthn::parsePasskeyDomain(toStd(m_domain->text().trimmed()));
    if (!domain)
        return oidc::Result<std::string>(domain.error());
    return oidc::Result<std::string>(webauthn::passkeyOriginFor(*domain));
}

void PasskeyDomainBox::followProject()
{
    const bool real = !m_context.isSandbox() && m_context.hasProject();
    setVisible(real);
    if (real)
        m_domain->setText(qs(webauthn::defaultPasskeyDomain(m_context.project()->baseUrl())));
    explain();
}

void PasskeyDomainBox::explain()
{
    const auto domain = webauthn::parsePasskeyDomain(toStd(m_domain->text().trimmed()));
    if (!domain) {
        m_note->setText(QStringLiteral("Not a domain: %1").arg(qs(domain.error().message)));
        updateTone(m_note, Tone::Bad);
        return;
    }
    const webauthn::LocalhostCeremony ceremony = webauthn::localhostCeremonyFor(*domain);
    m_note->setText(QStringLiteral("The passkeys of this project belong to this domain (its passkey settings). The software authenticator "
                                   "claims it: the start sends the origin %1 and the authenticator signs for it. %2")
                        .arg(qs(webauthn::passkeyOriginFor(*domain)), qs(ceremony.explanation)));
    updateTone(m_note, ceremony.usable ? Tone::Neutral : Tone::Warning);
}

} // namespace ui

#include "moc_PasskeyDomainBox.cpp"
