#pragma once

// An enchanted link (descope-api.md §5) as a step-up, in brief: the login ID, Start → the number
// of the link to click, then the pending session polled (the core's Poller rules, one status
// line per poll) until the link is clicked → the stepped-up session. On the sandbox the three
// numbered links are in the inbox below: Open verifies one as the link's page would (the right
// number completes the poll). The Enchanted Link area shows the polling in full; this is the
// short form the Step-up area needs.
//
// Object names (besides SignInStarter's, name "enchantedLink"): enchantedLinkStart,
// enchantedLinkNumber, enchantedLinkPolls, enchantedLinkInbox.

#include "ui/descope/SignInStarter.h"

#include "oidc/descope/EnchantedLinkApi.h"

namespace ui {

class PanelInbox;

class EnchantedLinkStepUp final : public SignInStarter {
    Q_OBJECT
public:
    EnchantedLinkStepUp(DescopeContext &context, StarterSetup setup, QWidget *parent = nullptr);
    ~EnchantedLinkStepUp() override;

private:
    void start();
    void poll(const oidc::descope::EnchantedLinkStarted &started);
    void open(const QUrl &url, const QString &number);
    void updateControls() override;
    void resetForProject() override;

    QPushButton *m_start;
    QLabel *m_number;
    QLabel *m_polls;
    PanelInbox *m_inbox;
    PendingCall m_open; // a link opened from the inbox, beside the poll
};

} // namespace ui
