#include "M2mPanel.h"

#include "ui/AppContext.h"
#include "ui/descope/AccessKeyForm.h"
#include "ui/descope/ApiTester.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/AreaLabelTransport.h"
#include "ui/descope/ClientCredentialsForm.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/NoSessionNotice.h"
#include "ui/descope/SandboxCredentials.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"

#include "sandbox/SandboxHost.h"

#include <QSplitter>
#include <QTabWidget>

namespace ui {

M2mPanel::M2mPanel(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_transport(std::make_unique<AreaLabelTransport>(context.app().transport(), descope_area::kM2m.toString()))
{
    setObjectName(QStringLiteral("m2mPanel"));
    m_tester = new ApiTester(*m_transport, new NoSessionNotice(context));

    // The forms and their tokens take the full height on the left; the tester and the requests it
    // and the forms sent share the right.
    auto *right = new QSplitter(Qt::Vertical);
    right->setObjectName(QStringLiteral("m2mRight"));
    right->setChildrenCollapsible(false);
    right->addWidget(m_tester);
    right->addWidget(new AreaExchangeList(context, descope_area::kM2m));
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    right->setSizes({520, 180});

    auto *body = new QSplitter(Qt::Horizontal);
    body->setObjectName(QStringLiteral("m2mBody"));
    body->setChildrenCollapsible(false);
    body->addWidget(buildTokenSources());
    body->addWidget(right);
    body->setSizes({520, 480});

    auto *header = new PanelHeader(Type::Title, tr("Client Credentials & M2M"),
                                   tr("A machine gets a token without a user — OAuth client credentials or a Descope access key — and "
                                      "calls an API with it. See what the API answers, and why."));
    layout::attach(this, layout::column({header, layout::Item(body, 1)}, {.margins = QMargins(18, 14, 18, 12), .spacing = 10}));

    connect(m_clientCredentials, &ClientCredentialsForm::tokenChanged, this, [this](const QString &token) {
        m_tester->setToken(ApiTester::TokenSource::ClientCredentials, token);
        if (!token.isEmpty())
            m_tester->selectSource(ApiTester::TokenSource::ClientCredentials);
    });
    connect(m_accessKey, &AccessKeyForm::tokenChanged, this, [this](const QString &token) {
        m_tester->setToken(ApiTester::TokenSource::AccessKey, token);
        if (!token.isEmpty())
            m_tester->selectSource(ApiTester::TokenSource::AccessKey);
    });
    connect(m_clientCredentials, &ClientCredentialsForm::openInInspector, &m_context, &DescopeContext::requestInspect);
    connect(m_accessKey, &AccessKeyForm::openInInspector, &m_context, &DescopeContext::requestInspect);
    connect(&m_context, &DescopeContext::projectChanged, this, &M2mPanel::followProject);
    connect(&m_context, &DescopeContext::sessionChanged, this, &M2mPanel::followSession);
    followProject();
    followSession();
}

M2mPanel::~M2mPanel() = default;

QWidget *M2mPanel::buildTokenSources()
{
    m_clientCredentials = new ClientCredentialsForm(m_context.app().profiles(), *m_transport);
    m_accessKey = new AccessKeyForm(m_context);
    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("m2mSources"));
    tabs->setDocumentMode(true);
    tabs->addTab(m_clientCredentials, tr("Client credentials"));
    tabs->addTab(m_accessKey, tr("Access key"));
    tabs->setTabToolTip(0, tr("OAuth 2.0 client credentials grant (RFC 6749 §4.4) at the provider's token endpoint"));
    tabs->setTabToolTip(1, tr("Descope access key exchanged for a session JWT (POST /v1/auth/accesskey/exchange)"));
    return tabs;
}

void M2mPanel::followProject()
{
    sandbox::SandboxHost *host = m_context.isSandbox() && m_context.hasProject() ? m_context.sandbox() : nullptr;
    m_tester->setSampleBase(host ? host->baseUrl() : ApiTester::sampleDefaultBase());
    if (!host)
        return;
    const QString projectId = m_context.project()->projectId();
    fetchSandboxCredentials(*host, this, [this, projectId](const QList<SandboxCredential> &credentials) {
        m_clientCredentials->setSandboxCredentials(credentials, projectId);
        m_accessKey->setSandboxCredentials(credentials);
    });
}

void M2mPanel::followSession()
{
    const auto &session = m_context.session();
    m_tester->setToken(ApiTester::TokenSource::DescopeSession, session ? QString::fromStdString(session->sessionJwt) : QString());
}

} // namespace ui

#include "moc_M2mPanel.cpp"
