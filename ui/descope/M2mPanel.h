#pragma once

// The Client Credentials & M2M area: how a machine gets a token and what an API does with it.
// On the left, two ways to a token: the OAuth client credentials grant at the current provider's
// token endpoint (ClientCredentialsForm) and Descope's access-key exchange (AccessKeyForm, with
// its automatic re-exchange). On the right, the protected-API tester (ApiTester), which sends
// either token, the app's current Descope session, or none, and beneath it every request this
// area sent (AreaExchangeList; labelled "M2M · …" in the Exchange Log). With the sandbox, its
// confidential client and access keys are offered in one click and the M2M sample's API is the
// sandbox's own. Nothing is sent until the user acts; secrets typed here stay in memory.

#include <QWidget>

#include <memory>

namespace ui {

class AccessKeyForm;
class ApiTester;
class AreaLabelTransport;
class ClientCredentialsForm;
class DescopeContext;

class M2mPanel final : public QWidget {
    Q_OBJECT
public:
    explicit M2mPanel(DescopeContext &context, QWidget *parent = nullptr);
    ~M2mPanel() override;

private:
    QWidget *buildTokenSources();
    void followProject();
    void followSession();

    DescopeContext &m_context;
    // Labels this area's own requests (client credentials, API calls) "M2M · …"; the access-key
    // exchange goes through the area's DescopeClient, which does the same.
    std::unique_ptr<AreaLabelTransport> m_transport;
    ClientCredentialsForm *m_clientCredentials = nullptr;
    AccessKeyForm *m_accessKey = nullptr;
    ApiTester *m_tester = nullptr;
};

} // namespace ui
