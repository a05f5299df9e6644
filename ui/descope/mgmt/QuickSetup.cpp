#include "QuickSetup.h"

#include "ui/CopyableField.h"
#include "ui/UiText.h"
#include "ui/descope/mgmt/CleartextOnce.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementForm.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/crypto/Random.h"

#include <QByteArray>
#include <QLabel>

namespace ui {

namespace mgmt = oidc::descope::mgmt;

namespace {

// 8 hex digits from the CSPRNG: a name to tell demo objects apart, not a secret.
oidc::Result<QString> quickRandomSuffix()
{
    auto bytes = oidc::crypto::randomBytes(4);
    if (!bytes)
        return bytes.error();
    return QString::fromLatin1(QByteArray::fromStdString(*bytes).toHex());
}

} // namespace

QuickSetup::QuickSetup(ManagementConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_testUser(mgmtButton("quickTestUser", tr("Create a test user")))
    , m_accessKey(mgmtButton("quickAccessKey", tr("Create an access key for M2M")))
    , m_user(new QWidget)
    , m_loginId(new CopyableField(QStringLiteral("quickLoginId")))
    , m_hint(typeLabel(Type::Caption))
    , m_cleartext(new CleartextOnce(QStringLiteral("quickCleartext")))
{
    setObjectName(QStringLiteral("quickSetup"));
    m_testUser->setToolTip(tr("A test user with a generated login ID and email, no roles"));
    m_accessKey->setToolTip(tr("An access key with no roles that never expires; its cleartext is shown once"));
    m_user->setObjectName(QStringLiteral("quickUser"));
    m_hint->setObjectName(QStringLiteral("quickHint"));
    layout::attach(m_user, layout::column({layout::row({plainLabel(tr("Test user")), layout::Item(m_loginId, 1)}, {.margins = layout::kFlush}), m_hint},
                                          {.margins = layout::kFlush, .spacing = 2}));
    m_user->hide();
    layout::attach(this, layout::column({layout::row({typeLabel(Type::Section, tr("For the next demo")), m_testUser, m_accessKey, layout::Stretch{}},
                                                     {.margins = layout::kFlush}),
                                         m_user, m_cleartext},
                                        {.margins = layout::kFlush, .spacing = 4}));
    connect(m_testUser, &QPushButton::clicked, this, &QuickSetup::createTestUser);
    connect(m_accessKey, &QPushButton::clicked, this, &QuickSetup::createM2mKey);
}

void QuickSetup::forget()
{
    m_loginId->setText(QString());
    m_user->hide();
    m_cleartext->forget();
}

void QuickSetup::createTestUser()
{
    const QString what = tr("Create a test user");
    auto suffix = quickRandomSuffix();
    if (!suffix) {
        m_connection.refuseInput(what, suffix.error());
        return;
    }
    const QString loginId = QStringLiteral("test-%1@example.com").arg(*suffix);
    oidc::descope::ManagedUser user;
    user.loginId = toStd(loginId);
    user.email = user.loginId;
    user.verifiedEmail = true;
    user.displayName = "Test user " + toStd(*suffix);
    m_connection.change(mgmt::createUser(user, true), tr("Create test user %1").arg(loginId), QString(), [this, loginId](oidc::Result<oidc::Json> answer) {
        if (!answer)
            return;
        m_loginId->setText(loginId);
        m_hint->setText(m_connection.context().isSandbox()
                            ? tr("Sign in as it in Magic Link, OTP & TOTP (an email code or a magic link): the sandbox's Inbox has what it sends.")
                            : tr("Descope sends test users nothing: sign in as it in a flow of yours with a code from Descope's test-user API, "
                                 "or create a user with your own address on the Users tab."));
        m_user->show();
        Q_EMIT testUserCreated(loginId);
    });
}

void QuickSetup::createM2mKey()
{
    const QString what = tr("Create an access key for M2M");
    auto suffix = quickRandomSuffix();
    if (!suffix) {
        m_connection.refuseInput(what, suffix.error());
        return;
    }
    m_cleartext->forget();
    const QString name = QStringLiteral("m2m-demo-%1").arg(*suffix);
    m_connection.createAccessKey(mgmt::createAccessKey(toStd(name), 0), tr("Create access key %1").arg(name),
                                 [this](oidc::Result<oidc::descope::CreatedAccessKey> created) {
                                     if (!created)
                                         return;
                                     m_cleartext->showKey(qs(created->keyId), qs(created->cleartext),
                                                          tr("Copy it, then paste it in Client Credentials & M2M → Access key and Exchange."));
                                 });
}

} // namespace ui

#include "moc_QuickSetup.cpp"
