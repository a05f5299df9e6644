#pragma once

// The authorization request as an editable table (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636
// §4.3): the standard parameters with what each one is for, and any custom key/value rows, sent
// last in order. Step 3 (PKCE, state, nonce) fills in fresh values; what the user typed into
// client_id, scope, redirect_uri or the optional parameters is kept. Insecure or unusual choices
// are listed underneath as warnings (oidc::flow::authorizationWarnings).
//
// Values may hold `{{variables}}` (oidc/workspace/VariableSubstitution.h): the request is built
// from the substituted values, so the authorization URL shows what is sent. A value whose
// variable is unknown or unset is marked in its cell (the core's error as its tooltip, the Fail
// ink), listed under the table, and request() fails with that error: a literal `{{x}}` is never
// sent. The note under the table shows the current row's value as substituted.

#include "oidc/flow/AuthorizationRequest.h"
#include "oidc/workspace/VariableSubstitution.h"

#include <QSet>
#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ui {

class AuthorizeParameterTable final : public QWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, ColumnCount };
    // What each parameter is for: the name cell's Qt::ToolTipRole, and the line under the table
    // for the current row.
    static constexpr int NoteRole = Qt::UserRole + 1;

    // The variables for the redirect URI the request will carry (built-in redirect_uri).
    using ScopeSource = std::function<oidc::workspace::VariableScope(const QString &redirectUri)>;

    explicit AuthorizeParameterTable(QWidget *parent = nullptr);

    // Without a source, `{{name}}` is substituted with no variables (every name unknown).
    void setVariableScope(ScopeSource source);
    // The variables changed (another profile, the variable editor): marks and warnings again.
    void refreshVariables();

    // What a preset keeps (oidc::workspace::AuthorizePreset): the rows with a value, as typed,
    // except what step 3 generates (state, nonce, code_challenge, code_challenge_method) and what
    // follows the profile while untouched (response_type, client_id, scope, redirect_uri).
    [[nodiscard]] oidc::workspace::Parameters presetParameters() const;
    // Replaces the optional standard parameters and the custom rows with `parameters` (client_id,
    // scope, redirect_uri and response_type only when the preset names them), as if typed.
    void applyPreset(const oidc::workspace::Parameters &parameters);

    // Fresh values from step 3. state, nonce and the code challenge are always replaced;
    // client_id, scope and redirect_uri only while the user has not edited them.
    void applyDefaults(const oidc::flow::AuthorizationRequest &defaults);
    // The request as the table says. An automatic redirect_uri becomes `redirectUri` (written back
    // into the table). Error INPUT AUTHZ_PARAM_VALUE for a max_age or method that cannot be sent.
    [[nodiscard]] oidc::Result<oidc::flow::AuthorizationRequest> request(const QString &redirectUri);

    [[nodiscard]] QString value(const QString &name) const; // first row with that name
    void setValue(const QString &name, const QString &value); // as if typed; adds a custom row for unknown names
    void addParameter(const QString &name, const QString &value);
    [[nodiscard]] bool isUserEdited(const QString &name) const { return m_edited.contains(name); }
    [[nodiscard]] bool isRedirectUriAutomatic() const { return !m_edited.contains(QStringLiteral("redirect_uri")); }
    // The redirect URI shown while it is automatic (empty: chosen in step 4).
    void setAutomaticRedirectUri(const QString &redirectUri);

    void setCodeChallengeMethodsSupported(const QStringList &methods);
    void setAuthorizationEndpoint(const QUrl &endpoint);
    [[nodiscard]] QStringList warnings() const { return m_warnings; }

    [[nodiscard]] QString note(const QString &name) const;

    [[nodiscard]] static QStringList standardParameters();

Q_SIGNALS:
    void changed();

private:
    [[nodiscard]] int rowOf(const QString &name) const;
    void setCell(const QString &name, const QString &value);
    void updateWarnings();
    void updateRedirectNote();
    void setNote(int row, const QString &note);
    void showCurrentNote();
    [[nodiscard]] oidc::Result<oidc::flow::AuthorizationRequest> currentRequest() const;
    [[nodiscard]] oidc::workspace::Parameters rows() const; // every row, as typed
    [[nodiscard]] oidc::workspace::VariableScope scope() const;
    // Marks the cells whose variables fail; their errors.
    QStringList markVariables();

    QTableWidget *m_table;
    QLabel *m_warningLabel;
    QLabel *m_noteLabel;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    QSet<QString> m_edited;
    QStringList m_methodsSupported;
    QUrl m_endpoint;
    bool m_prepared = false; // step 3 has filled in values: warnings are meaningful
    QStringList m_warnings;
    bool m_updating = false;
    ScopeSource m_scopeSource;
};

} // namespace ui
