#pragma once

// The Enchanted Link area (issue 9; descope-api.md §5). Start a sign-in, sign-up or sign-up-or-in
// for an email address → the number the user must match, shown large → the live polling
// timeline (every poll as the core's Poller decided it, the interval, the time left, Cancel) →
// the session with its checks, which becomes the app's current Descope session.
// On the sandbox, its email is in the panel (PanelInbox, this login ID's enchanted links): each
// numbered link is opened as its page would open it (POST enchantedlink/verify), so the right one
// lets the next poll succeed and a wrong one shows the sandbox's refusal while polling goes on.
// With a real project the email reaches the user's own inbox; a pasted link becomes a QR code for
// a phone (CrossDeviceBox), or is opened here.
// Nothing is sent until the user acts; the panel's requests are listed (AreaExchangeList) and
// refusals shown in words (RefusalBanner). The steps are EnchantedLinkRun's; this class lays out
// the parts and connects them.

#include "oidc/Result.h"

#include <QWidget>

class QLabel;
class QScrollArea;
class QTabWidget;

namespace oidc::descope {
struct SessionOutcome;
}

namespace ui {

enum class Tone;
class CrossDeviceBox;
class DescopeContext;
class EnchantedLinkForm;
class EnchantedLinkRun;
class PanelInbox;
class PollingView;
class RefusalBanner;
class SessionView;

class EnchantedLinkPanel final : public QWidget {
    Q_OBJECT
public:
    explicit EnchantedLinkPanel(DescopeContext &context, QWidget *parent = nullptr);
    ~EnchantedLinkPanel() override;

private:
    QWidget *buildStart();
    QWidget *buildResults();
    QWidget *buildLinks();
    void followProject();
    void start();
    void openLink(const QString &link, const QString &number);
    void linkOpened(const oidc::Status &status);
    // Scrolls the email's column to the answer of a link just opened.
    void revealLinkAnswer(QWidget *answer);
    void finished(const oidc::descope::SessionOutcome &outcome);
    void setStatus(const QString &text, Tone tone);
    [[nodiscard]] bool attachClient();

    DescopeContext &m_context;
    EnchantedLinkRun *m_run;
    EnchantedLinkForm *m_form;
    QLabel *m_project;
    QLabel *m_status;
    RefusalBanner *m_refusal;
    PollingView *m_polling;
    QTabWidget *m_tabs = nullptr;
    SessionView *m_session;
    PanelInbox *m_inbox;
    RefusalBanner *m_linkRefusal;
    QLabel *m_linkResult;
    CrossDeviceBox *m_crossDevice;
    QScrollArea *m_linksScroll = nullptr;
    QString m_openingNumber; // the number of the link being opened ("" for a pasted one)
};

} // namespace ui
