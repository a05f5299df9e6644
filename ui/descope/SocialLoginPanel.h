#pragma once

// The Social Login & SSO area (issue 15; descope-openapi-auth.yml /v1/auth/oauth/*,
// /v1/auth/saml/*, /v1/auth/sso/*): sign in through a social provider (SocialProviderForm: the
// provider and the start's variant) or a tenant's identity provider (SsoTenantForm: a tenant ID
// or an email, the core saying which), against the sandbox's stand-in pages or a real Descope
// project. The page opens in the embedded browser or the system browser with a loopback listener
// (SocialBrowserSettings), the redirect is waited for by the flow's one RedirectWait and shown
// with the flow's BrowserPane, the code is exchanged once — SocialSignInRun drives it all — and
// the session is shown like every session (SessionView: the claims with tenants and roles, every
// check) and becomes the app's current Descope session. Each step's data (SocialExchangeView:
// the page URL, the redirect, the code redacted, the exchange, a replay of the spent code) and
// the area's requests (AreaExchangeList) are in tabs; refusals — the provider's access_denied, a
// reused code, a start Descope refuses — are shown with RefusalBanner, and the earlier session
// stays. This class lays out the parts and connects them.
// Object names: socialLoginPanel, projectLabel, socialCancelButton, socialRefusal, runStatus,
// socialTabs, session (the SessionView), socialBrowserTab, browserPane, socialExchangeView.

#include "ui/descope/DescopeContext.h"
#include "ui/descope/SocialSignInRun.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace ui {

// The area's name in the Exchange Log (beside DescopeContext's descope_area names).
namespace descope_area {
inline constexpr QStringView kSocialSso = u"Social & SSO";
} // namespace descope_area

enum class Tone;
class BrowserPane;
class RefusalBanner;
class SessionView;
class SocialBrowserSettings;
class SocialExchangeView;
class SocialProviderForm;
class SsoTenantForm;

class SocialLoginPanel final : public QWidget {
    Q_OBJECT
public:
    explicit SocialLoginPanel(DescopeContext &context, QWidget *parent = nullptr);
    ~SocialLoginPanel() override;

    // How the system browser is opened (QDesktopServices::openUrl unless set), as
    // FlowRunner::setSystemBrowserOpener: a test plays the browser over HTTP.
    void setSystemBrowserOpener(SocialSignInRun::Opener opener);

private:
    QWidget *buildStart();
    QWidget *buildResults();
    void followProject();
    void updateReady();
    [[nodiscard]] bool attachClient();
    void startSocial();
    void startSso();
    void beginRun();
    void openEmbedded(const QUrl &url, const QList<QUrl> &interceptPrefixes);
    void finished(const oidc::descope::SessionOutcome &outcome);
    void replayed(const oidc::descope::SessionOutcome &outcome);
    void setStatus(const QString &text, Tone tone);
    [[nodiscard]] QString refusedWhat(const oidc::Error &error) const;
    [[nodiscard]] QString signedInText(const oidc::descope::DescopeSession &session) const;

    DescopeContext &m_context;
    SocialSignInRun *m_run;
    QLabel *m_project;
    SocialProviderForm *m_social;
    SsoTenantForm *m_sso;
    SocialBrowserSettings *m_browserSettings;
    QPushButton *m_cancel;
    RefusalBanner *m_refusal;
    QLabel *m_status;
    SessionView *m_session;
    QStackedWidget *m_browserTab = nullptr;
    BrowserPane *m_browser = nullptr;
    SocialExchangeView *m_steps;
    QTabWidget *m_tabs = nullptr;
    QStringList m_notes;
};

} // namespace ui
