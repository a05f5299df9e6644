#include "SocialBrowserSettings.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace ui {

SocialBrowserSettings::SocialBrowserSettings(QWidget *parent)
    : QWidget(parent)
    , m_browser(new QComboBox)
    , m_redirect(new QLineEdit(defaultEmbeddedRedirect()))
    , m_port(new QSpinBox)
    , m_redirectLabel(plainLabel(QStringLiteral("Redirect URL")))
    , m_portLabel(plainLabel(QStringLiteral("Listener port")))
    , m_note(toneLabel(QStringLiteral("socialRedirectNote"), Tone::Neutral))
{
    m_browser->setObjectName(QStringLiteral("socialBrowserCombo"));
    m_browser->addItem(QStringLiteral("Embedded browser"), false);
    m_browser->addItem(QStringLiteral("System browser"), true);
    m_browser->setToolTip(QStringLiteral("Embedded: the page opens in the app and the redirect is intercepted, never loaded. System: "
                                         "your default browser, and the redirect comes back to a listener on 127.0.0.1."));
    m_redirect->setObjectName(QStringLiteral("socialRedirectEdit"));
    m_redirect->setToolTip(QStringLiteral("Sent as redirectURL. The embedded browser stops at it, so it need not exist: any URL the "
                                          "project allows will do."));
    m_port->setObjectName(QStringLiteral("socialPortSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(QStringLiteral("any free port"));
    m_port->setToolTip(QStringLiteral("A fixed port gives a fixed redirect URL (http://127.0.0.1:<port>%1) to allow in a project.")
                           .arg(SocialSignInRun::callbackPath()));
    layout::attach(this, layout::column({layout::row({plainLabel(QStringLiteral("Browser")), m_browser, layout::Space{12}, m_redirectLabel,
                                                      // The stretch takes the room the hidden redirect URL leaves (system browser).
                                                      layout::Item(m_redirect, 1), m_portLabel, m_port, layout::Stretch{0}},
                                                     {.margins = layout::kFlush}),
                                         m_note},
                                        {.margins = layout::kFlush, .spacing = 4}));
    connect(m_browser, &QComboBox::currentIndexChanged, this, &SocialBrowserSettings::showChoice);
    showChoice();
}

SocialBrowserChoice SocialBrowserSettings::choice() const
{
    SocialBrowserChoice choice;
    choice.system = m_browser->currentData().toBool();
    choice.port = static_cast<quint16>(m_port->value());
    choice.embeddedRedirect = m_redirect->text().trimmed();
    return choice;
}

void SocialBrowserSettings::useSystemBrowser()
{
    m_browser->setCurrentIndex(m_browser->findData(true));
}

void SocialBrowserSettings::setProject(bool sandbox, const QString &projectId)
{
    m_sandbox = sandbox;
    m_projectId = projectId;
    showChoice();
}

void SocialBrowserSettings::showChoice()
{
    const bool system = m_browser->currentData().toBool();
    m_redirectLabel->setVisible(!system);
    m_redirect->setVisible(!system);
    m_portLabel->setVisible(system);
    m_port->setVisible(system);
    const QString sent = system ? QStringLiteral("The redirect URL is the listener's, http://127.0.0.1:<port>%1.").arg(SocialSignInRun::callbackPath())
                                : QStringLiteral("The redirect URL above is intercepted before it loads.");
    if (m_sandbox) {
        m_note->setText(sent + QStringLiteral(" The sandbox sends the browser back only to loopback URLs (and its clients' redirect URIs)."));
        updateTone(m_note, Tone::Neutral);
        return;
    }
    m_note->setText(sent + QStringLiteral(" A real Descope project (%1) sends the browser back only to a redirect URL it allows: "
                                          "add it to the project's approved domains, or Descope refuses the start. The provider itself "
                                          "returns to Descope, whose settings for it (client ID, callback) are the project's.")
                               .arg(m_projectId));
    updateTone(m_note, Tone::Warning);
}

} // namespace ui

#include "moc_SocialBrowserSettings.cpp"
