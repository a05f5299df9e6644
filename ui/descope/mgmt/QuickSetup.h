#pragma once

// One click before a demo: "Create a test user" makes a test user with a generated login ID
// (test-<8 random hex>@example.com, also its verified email) and shows that login ID with Copy and
// where to sign in as it; "Create an access key for M2M" makes a key that never expires and shows
// its cleartext once (CleartextOnce) with where to exchange it. The cleartext is copied by hand:
// the Client Credentials & M2M area takes keys typed or pasted, and nothing in DescopeContext
// hands a secret from one area to another. Object names: quickTestUser, quickAccessKey, quickUser,
// quickLoginId (a CopyableField: quickLoginIdEdit, quickLoginIdCopyButton), quickHint,
// quickCleartext.

#include <QWidget>

class QLabel;
class QPushButton;

namespace ui {

class CleartextOnce;
class CopyableField;
class ManagementConnection;

class QuickSetup final : public QWidget {
    Q_OBJECT
public:
    explicit QuickSetup(ManagementConnection &connection, QWidget *parent = nullptr);

    // A new project: what was shown belongs to the old one.
    void forget();

Q_SIGNALS:
    void testUserCreated(const QString &loginId);

private:
    void createTestUser();
    void createM2mKey();

    ManagementConnection &m_connection;
    QPushButton *m_testUser;
    QPushButton *m_accessKey;
    QWidget *m_user;
    CopyableField *m_loginId;
    QLabel *m_hint;
    CleartextOnce *m_cleartext;
};

} // namespace ui
