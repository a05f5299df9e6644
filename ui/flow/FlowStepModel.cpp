#include "FlowStepModel.h"

#include "ui/UiText.h"

namespace ui {

FlowStepModel::FlowStepModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_entries.resize(kStepCount);
    for (int i = 0; i < kStepCount; ++i)
        m_entries[static_cast<size_t>(i)].step = static_cast<Step>(i);
}

QString FlowStepModel::title(Step step)
{
    switch (step) {
    case Step::Discovery: return QStringLiteral("Provider metadata");
    case Step::Keys: return QStringLiteral("Provider keys (JWKS)");
    case Step::Prepare: return QStringLiteral("PKCE, state, nonce");
    case Step::Authorize: return QStringLiteral("Authorization URL");
    case Step::Browser: return QStringLiteral("Browser sign-in");
    case Step::Callback: return QStringLiteral("Callback");
    case Step::Token: return QStringLiteral("Token exchange");
    case Step::IdToken: return QStringLiteral("ID token validation");
    case Step::UserInfo: return QStringLiteral("UserInfo");
    case Step::Refresh: return QStringLiteral("Refresh");
    case Step::Revoke: return QStringLiteral("Revoke");
    case Step::Logout: return QStringLiteral("Logout");
    case Step::ClientCredentials: return QStringLiteral("Client credentials");
    }
    return {};
}

QString FlowStepModel::description(Step step)
{
    switch (step) {
    case Step::Discovery:
        return QStringLiteral("Fetches the provider's metadata (OpenID Connect Discovery 1.0 §4, RFC 8414 as a fallback). Its issuer "
                              "must equal the configured issuer exactly, or nothing of it is used (RFC 8414 §3.3).");
    case Step::Keys:
        return QStringLiteral("Fetches the provider's signing keys from jwks_uri (RFC 7517). Unusable keys are skipped and listed.");
    case Step::Prepare:
        return QStringLiteral("Generates a fresh PKCE code_verifier and its code_challenge (RFC 7636 §4.1–4.2), a state (RFC 6749 "
                              "§10.12) and a nonce (OIDC Core §3.1.2.1) from OpenSSL's random generator, off the GUI thread.");
    case Step::Authorize:
        return QStringLiteral("Builds the authorization request from the parameter table (RFC 6749 §4.1.1, OIDC Core §3.1.2.1). "
                              "Edit any value before running this step; insecure choices are listed as warnings.");
    case Step::Browser:
        return QStringLiteral("Opens the authorization URL in the chosen browser and waits for the redirect back: intercepted by the "
                              "embedded browser, received by a loopback listener on 127.0.0.1 (RFC 8252 §7.3), or handed over by the desktop "
                              "through the private-use URI scheme (RFC 8252 §7.1).");
    case Step::Callback:
        return QStringLiteral("Checks the redirect back: state must match (RFC 6749 §10.12), iss must be the issuer (RFC 9207 §2.4), "
                              "a code must be present. A callback without this login's state is listed and the flow keeps waiting; one with it that "
                              "fails a check ends the sign-in.");
    case Step::Token:
        return QStringLiteral("Exchanges the code and the code_verifier for tokens at the token endpoint (RFC 6749 §4.1.3, "
                              "RFC 7636 §4.5). A code is single-use: it is never retried automatically.");
    case Step::IdToken:
        return QStringLiteral("Validates the ID token (OIDC Core §3.1.3.7): signature with the provider's keys, iss, aud, exp, iat, "
                              "nonce, at_hash… Runs with the token exchange; new tokens are kept only when every check passes.");
    case Step::UserInfo:
        return QStringLiteral("Calls the UserInfo endpoint with the access token (OIDC Core §5.3); its sub must equal the ID "
                              "token's (§5.3.2).");
    case Step::Refresh:
        return QStringLiteral("Uses the refresh token (RFC 6749 §6). A new ID token must keep iss, sub and aud (OIDC Core §12.2).");
    case Step::Revoke:
        return QStringLiteral("Revokes the access or the refresh token at the revocation endpoint (RFC 7009).");
    case Step::Logout:
        return QStringLiteral("Ends the session locally and at the provider (RP-Initiated Logout 1.0) with id_token_hint, "
                              "post_logout_redirect_uri and a state checked on return.");
    case Step::ClientCredentials:
        return QStringLiteral("Tokens for the client itself, without a user (RFC 6749 §4.4).");
    }
    return {};
}

QString FlowStepModel::stateText(State state)
{
    switch (state) {
    case State::Pending: return QStringLiteral("pending");
    case State::Running: return QStringLiteral("running");
    case State::Ok: return QStringLiteral("ok");
    case State::Failed: return QStringLiteral("failed");
    case State::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

void FlowStepModel::changed(Step step)
{
    const QModelIndex changedIndex = indexOf(step);
    Q_EMIT dataChanged(changedIndex, changedIndex);
    Q_EMIT stepChanged(step);
}

void FlowStepModel::setRunning(Step step, const QString &summary)
{
    Entry &entry = mutableEntry(step);
    entry.state = State::Running;
    entry.summary = summary;
    entry.error.reset();
    entry.checks.clear();
    changed(step);
}

void FlowStepModel::setOk(Step step, const QString &summary, std::vector<oidc::jwt::ClaimCheck> checks)
{
    Entry &entry = mutableEntry(step);
    entry.state = State::Ok;
    entry.summary = summary;
    entry.error.reset();
    if (!checks.empty())
        entry.checks = std::move(checks);
    changed(step);
}

void FlowStepModel::setFailed(Step step, const oidc::Error &error, const QString &summary, std::vector<oidc::jwt::ClaimCheck> checks)
{
    Entry &entry = mutableEntry(step);
    entry.state = State::Failed;
    entry.summary = summary.isEmpty() ? errorText(error) : summary;
    entry.error = error;
    if (!checks.empty())
        entry.checks = std::move(checks);
    changed(step);
}

void FlowStepModel::setCancelled(Step step, const QString &summary)
{
    Entry &entry = mutableEntry(step);
    entry.state = State::Cancelled;
    entry.summary = summary;
    entry.error.reset();
    changed(step);
}

void FlowStepModel::setChecks(Step step, std::vector<oidc::jwt::ClaimCheck> checks)
{
    mutableEntry(step).checks = std::move(checks);
    changed(step);
}

void FlowStepModel::addRecord(Step step, int recordId)
{
    mutableEntry(step).recordIds.append(recordId);
    changed(step);
}

void FlowStepModel::addNote(Step step, const QString &note)
{
    mutableEntry(step).notes.append(note);
    changed(step);
}

void FlowStepModel::reset(Step step)
{
    Entry &entry = mutableEntry(step);
    entry = Entry{};
    entry.step = step;
    changed(step);
}

void FlowStepModel::resetAll()
{
    for (int i = 0; i < kStepCount; ++i)
        reset(static_cast<Step>(i));
}

int FlowStepModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kStepCount;
}

QVariant FlowStepModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(static_cast<size_t>(index.row()));
    switch (role) {
    case Qt::DisplayRole: return title(entry.step);
    case Qt::ToolTipRole: {
        QString text = title(entry.step) + QStringLiteral(" — ") + stateText(entry.state);
        if (!entry.summary.isEmpty())
            text += QLatin1Char('\n') + entry.summary;
        return plainToolTip(text);
    }
    case StepRole: return static_cast<int>(entry.step);
    case StateRole: return static_cast<int>(entry.state);
    case StateTextRole: return stateText(entry.state);
    case SummaryRole: return entry.summary;
    case ErrorRole: return entry.error ? errorText(*entry.error) : QString();
    case ErrorCategoryRole: return entry.error ? qs(oidc::categoryName(entry.error->category)) : QString();
    case ErrorCodeRole: return entry.error ? qs(entry.error->code) : QString();
    case NumberRole: return isLoginStep(entry.step) ? QString::number(index.row() + 1) : QString();
    case DescriptionRole: return description(entry.step);
    default: return {};
    }
}

QHash<int, QByteArray> FlowStepModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(StepRole, "step");
    names.insert(StateRole, "state");
    names.insert(StateTextRole, "stateText");
    names.insert(SummaryRole, "summary");
    names.insert(ErrorRole, "error");
    names.insert(ErrorCategoryRole, "errorCategory");
    names.insert(ErrorCodeRole, "errorCode");
    names.insert(NumberRole, "number");
    names.insert(DescriptionRole, "description");
    return names;
}

} // namespace ui

#include "moc_FlowStepModel.cpp"
