#include "TokensPanel.h"

#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/UiText.h"
#include "ui/widgets/CachedTextDelegate.h"
#include "ui/widgets/TabbedPages.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"
#include "ui/widgets/UnderPointer.h"
#include "ui/widgets/WrappedLabel.h"

#include "oidc/jwt/Jwt.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace ui {

namespace {

QString clock(qint64 unix)
{
    return QDateTime::fromSecsSinceEpoch(unix).toString(QStringLiteral("HH:mm:ss"));
}

// What QTreeView::expandToDepth(0) leaves — the Header and Payload sections open, every member
// closed — without laying the tree out again (and repainting its scroll bars) when it is so
// already: a token with the same members replaces the last one in place (ClaimTreeModel).
void openClaimSectionsOnly(QTreeView *tree, const QModelIndex &parent = {}, int depth = 0)
{
    const QAbstractItemModel *model = tree->model();
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (!model->hasChildren(index))
            continue;
        if (tree->isExpanded(index) != (depth == 0))
            tree->setExpanded(index, depth == 0);
        openClaimSectionsOnly(tree, index, depth + 1);
    }
}

} // namespace

TokensPanel::TokensPanel(QWidget *parent)
    : QWidget(parent)
    , m_banner(new WrappedLabel)
    , m_sessionLabel(new WrappedLabel)
    , m_tabs(new TabbedPages)
    , m_userInfo(new QPlainTextEdit)
    , m_checks(new CheckListView(QStringLiteral("sessionChecks"), {.ruleColumn = false}))
    , m_autoCheck(new QCheckBox(QStringLiteral("Auto-refresh at 80 % of its lifetime")))
    , m_autoStatus(typeLabel(Type::Caption))
{
    setObjectName(QStringLiteral("tokensPanel"));

    m_banner->setObjectName(QStringLiteral("tokensBanner"));
    m_banner->setWordWrap(true);
    selectableUnderPointer(m_banner);
    updateTone(m_banner, Tone::Bad);
    m_banner->hide();

    m_sessionLabel->setObjectName(QStringLiteral("sessionLabel"));
    m_sessionLabel->setWordWrap(true);
    selectableUnderPointer(m_sessionLabel);
    m_sessionLabel->setMinimumWidth(40);
    m_banner->setMinimumWidth(40);
    m_autoStatus->setMinimumWidth(40);

    m_userInfo->setAccessibleName(QStringLiteral("UserInfo claims"));
    m_tabs->setObjectName(QStringLiteral("tokenTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildTokenTab(m_id, QStringLiteral("idToken")), QStringLiteral("ID token"));
    m_tabs->addTab(buildTokenTab(m_access, QStringLiteral("accessToken")), QStringLiteral("Access"));
    m_tabs->addTab(buildTokenTab(m_refresh, QStringLiteral("refreshToken")), QStringLiteral("Refresh"));
    m_userInfo->setObjectName(QStringLiteral("userInfoText"));
    m_userInfo->setReadOnly(true);
    m_userInfo->setFont(monospaceFont());
    m_userInfo->setPlaceholderText(QStringLiteral("Step 9 fetches the UserInfo claims."));
    m_tabs->addTab(m_userInfo, QStringLiteral("UserInfo"));
    m_tabs->setTabToolTip(0, QStringLiteral("The ID token (OIDC Core §2), decoded, and the checks it passed"));
    m_tabs->setTabToolTip(1, QStringLiteral("The access token (a JWT at Descope), decoded"));
    m_tabs->setTabToolTip(2, QStringLiteral("The refresh token (a JWT at Descope), decoded"));
    m_tabs->setTabToolTip(3, QStringLiteral("The UserInfo claims (step 9)"));

    m_autoCheck->setObjectName(QStringLiteral("autoRefreshCheck"));
    m_autoCheck->setToolTip(QStringLiteral("Refreshes the tokens when 80 % of the access token's lifetime has passed. "
                                           "Stops after the first failure instead of retrying."));
    m_autoStatus->setObjectName(QStringLiteral("autoRefreshStatus"));
    m_autoTimer.setSingleShot(true);
    connect(&m_autoTimer, &QTimer::timeout, this, &TokensPanel::refreshDueNow);
    connect(m_autoCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_lastAutoResult.clear();
        if (!on)
            m_autoStatus->setText(QStringLiteral("Automatic refresh is off."));
        scheduleAutoRefresh();
    });

    // The access token's countdown stays in view: it is what automatic refresh follows.
    auto *accessBox = new QVBoxLayout;
    accessBox->setSpacing(2);
    accessBox->addWidget(typeLabel(Type::Section, QStringLiteral("Access token")));
    accessBox->addWidget(m_access.countdown);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(typeLabel(Type::Heading, QStringLiteral("Tokens")));
    layout->addWidget(m_sessionLabel);
    layout->addWidget(m_banner);
    layout->addLayout(accessBox);
    layout->addWidget(m_autoCheck);
    layout->addWidget(m_autoStatus);
    layout->addWidget(m_tabs, 1);

    setSession(std::nullopt);
    m_autoStatus->setText(QStringLiteral("Automatic refresh is off."));
}

QWidget *TokensPanel::buildTokenTab(TokenView &view, const QString &name)
{
    view.model = new ClaimTreeModel(this);
    view.tree = new QTreeView;
    view.tree->setObjectName(name + QStringLiteral("Tree"));
    view.tree->setAccessibleName(QStringLiteral("Claims"));
    view.tree->setAccessibleDescription(QStringLiteral("The token's claims, decoded, with what each one means"));
    view.tree->setModel(view.model);
    view.tree->setAlternatingRowColors(true);
    view.tree->setUniformRowHeights(true);
    view.tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view.tree->setIndentation(12);
    view.tree->setItemDelegate(new CachedTextDelegate(view.tree)); // repainted at every tick of the countdown
    view.tree->header()->setStretchLastSection(true);
    view.tree->setColumnWidth(ClaimTreeModel::NameColumn, 96);
    view.tree->setColumnWidth(ClaimTreeModel::ValueColumn, 200);
    view.countdown = new ExpiryCountdown;
    view.countdown->setObjectName(name + QStringLiteral("Countdown"));
    view.countdown->setKeepsSpace(true);
    connect(view.countdown, &ExpiryCountdown::ticked, view.model, [model = view.model](qint64 now) { model->setNow(now); });
    view.summary = typeLabel(Type::Caption);
    view.summary->setObjectName(name + QStringLiteral("Summary"));
    view.inspect = new QPushButton(QStringLiteral("Open in JWT Inspector"));
    view.inspect->setObjectName(name + QStringLiteral("InspectButton"));
    view.copy = new QPushButton(QStringLiteral("Copy"));
    view.copy->setObjectName(name + QStringLiteral("CopyButton"));
    view.copy->setToolTip(QStringLiteral("Copies the token itself (a secret) to the clipboard."));
    TokenView *self = &view;
    connect(view.inspect, &QPushButton::clicked, this, [this, self] { Q_EMIT openInInspector(self->token); });
    connect(view.copy, &QPushButton::clicked, this, [self] { QGuiApplication::clipboard()->setText(self->token); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(view.inspect);
    buttons->addWidget(view.copy);
    buttons->addStretch(1);

    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(view.summary);
    if (&view != &m_access)
        layout->addWidget(view.countdown);
    layout->addWidget(view.tree, 3);
    if (&view == &m_id) {
        // The checks this ID token passed (OIDC Core §3.1.3.7); step 8 shows each rule in full.
        m_checks->setToolTip(QStringLiteral("The checks this ID token passed (OIDC Core §3.1.3.7); step 8 shows each rule."));
        layout->addWidget(m_checks, 2);
    }
    layout->addLayout(buttons);
    return tab;
}

TokensPanel::TokenView &TokensPanel::view(Token which)
{
    switch (which) {
    case Token::Id: return m_id;
    case Token::Access: return m_access;
    case Token::Refresh: return m_refresh;
    }
    return m_id;
}

const TokensPanel::TokenView &TokensPanel::view(Token which) const
{
    return const_cast<TokensPanel *>(this)->view(which);
}

QString TokensPanel::selectedToken() const
{
    switch (m_tabs->currentIndex()) {
    case 0: return token(Token::Id);
    case 1: return token(Token::Access);
    case 2: return token(Token::Refresh);
    default: return {};
    }
}

QString TokensPanel::token(Token which) const
{
    return view(which).token;
}

bool TokensPanel::showToken(TokenView &tokenView, const QString &token, std::optional<int64_t> fallbackIssued,
                            std::optional<int64_t> fallbackExpiry, const QString &missing)
{
    // Incremental: a new session that keeps a token (after UserInfo, a refresh without rotation)
    // leaves its view, claim tree and countdown as they are.
    if (!token.isEmpty() && token == tokenView.token && fallbackIssued == tokenView.fallbackIssued && fallbackExpiry == tokenView.fallbackExpiry)
        return false;
    tokenView.token = token;
    tokenView.fallbackIssued = fallbackIssued;
    tokenView.fallbackExpiry = fallbackExpiry;
    tokenView.inspect->setEnabled(!token.isEmpty());
    tokenView.copy->setEnabled(!token.isEmpty());
    if (token.isEmpty()) {
        tokenView.summary->setText(missing);
        tokenView.model->clear();
        tokenView.countdown->clear();
        return true;
    }
    auto decoded = oidc::jwt::decodeJwt(toStd(token));
    if (!decoded) {
        tokenView.summary->setText(QStringLiteral("Opaque token · %1 characters (not a JWT: only the provider can read it)").arg(token.size()));
        tokenView.model->clear();
        tokenView.inspect->setEnabled(false);
        if (fallbackExpiry)
            tokenView.countdown->setTimes(fallbackIssued, fallbackExpiry, std::nullopt);
        else
            tokenView.countdown->clear();
        return true;
    }
    QString summary = QStringLiteral("JWT · %1").arg(qs(decoded->alg));
    if (!decoded->kid.empty())
        summary += QStringLiteral(" · kid %1").arg(qs(decoded->kid));
    summary += QStringLiteral(" · %1 characters").arg(token.size());
    tokenView.summary->setText(summary);
    tokenView.model->setToken(decoded->headerJson, decoded->claimsJson);
    openClaimSectionsOnly(tokenView.tree);
    const auto iat = decoded->numericClaim("iat");
    const auto exp = decoded->numericClaim("exp");
    const auto nbf = decoded->numericClaim("nbf");
    tokenView.countdown->setTimes(iat ? iat : fallbackIssued, exp ? exp : fallbackExpiry, nbf);
    return true;
}

void TokensPanel::setSession(const std::optional<oidc::flow::TokenSession> &session)
{
    const std::optional<oidc::flow::TokenSession> previous = std::exchange(m_session, session);
    if (!session) {
        m_sessionLabel->setText(QStringLiteral("No session: run the flow to sign in."));
        showToken(m_id, {}, std::nullopt, std::nullopt, QStringLiteral("No ID token."));
        showToken(m_access, {}, std::nullopt, std::nullopt, QStringLiteral("No access token."));
        showToken(m_refresh, {}, std::nullopt, std::nullopt, QStringLiteral("No refresh token."));
        m_userInfo->clear();
        m_checks->clear();
        scheduleAutoRefresh();
        return;
    }
    const auto &tokens = session->tokens;
    QString who;
    if (session->idToken) {
        const auto email = session->idToken->stringClaim("email");
        const auto sub = session->idToken->stringClaim("sub");
        who = email ? qs(*email) : (sub ? qs(*sub) : QString());
    }
    QString text = who.isEmpty() ? QStringLiteral("Signed in") : QStringLiteral("Signed in as %1").arg(who);
    text += QStringLiteral(" · tokens obtained at %1").arg(clock(session->obtainedAt));
    if (!tokens.scope.isEmpty())
        text += QStringLiteral(" · scope %1").arg(tokens.scope);
    m_sessionLabel->setText(text);

    const bool idTokenChanged = showToken(m_id, tokens.idToken, std::nullopt, std::nullopt, QStringLiteral("No ID token (scope openid asks for one)."));
    const std::optional<int64_t> accessExpiry =
        session->accessTokenExpiresAt ? std::optional<int64_t>(*session->accessTokenExpiresAt) : std::nullopt;
    showToken(m_access, tokens.accessToken, static_cast<int64_t>(session->obtainedAt), accessExpiry,
              QStringLiteral("No access token."));
    showToken(m_refresh, tokens.refreshToken, std::nullopt, std::nullopt,
              QStringLiteral("No refresh token (scope offline_access asks for one)."));
    // The checks are the ID token's validation and the UserInfo text its claims: a session that
    // keeps them (after UserInfo, a refresh) leaves their views as they are.
    if (idTokenChanged || !previous || previous->idTokenChecks.size() != session->idTokenChecks.size())
        m_checks->setChecks(session->idTokenChecks);
    if (!previous || previous->userInfo != session->userInfo) {
        if (session->userInfo.is_null())
            m_userInfo->clear();
        else
            m_userInfo->setPlainText(qs(session->userInfo.dump(2, ' ', false, oidc::Json::error_handler_t::replace)));
    }
    scheduleAutoRefresh();
}

void TokensPanel::showRefused(const oidc::Error &error, bool earlierSessionKept)
{
    m_banner->setText(earlierSessionKept
                          ? QStringLiteral("✘ New tokens refused — %1\nThe earlier session below is kept and still in use.").arg(errorText(error))
                          : QStringLiteral("✘ Tokens refused — %1\nNothing was stored.").arg(errorText(error)));
    updateTone(m_banner, Tone::Bad);
    m_banner->show();
}

void TokensPanel::clearBanner()
{
    m_banner->clear();
    m_banner->hide();
}

void TokensPanel::setAutoRefreshEnabled(bool enabled)
{
    m_autoCheck->setChecked(enabled);
}

bool TokensPanel::isAutoRefreshEnabled() const
{
    return m_autoCheck->isChecked();
}

void TokensPanel::scheduleAutoRefresh()
{
    m_autoTimer.stop();
    m_autoDueAt = 0;
    if (!m_autoCheck->isChecked())
        return;
    if (!m_session) {
        m_autoStatus->setText(QStringLiteral("Automatic refresh waits for a session."));
        return;
    }
    if (m_session->tokens.refreshToken.isEmpty()) {
        m_autoStatus->setText(QStringLiteral("No refresh token in this session: nothing to refresh (scope offline_access asks for one)."));
        return;
    }
    std::optional<int64_t> issued = static_cast<int64_t>(m_session->obtainedAt);
    std::optional<int64_t> expires;
    if (m_session->accessTokenExpiresAt)
        expires = static_cast<int64_t>(*m_session->accessTokenExpiresAt);
    if (auto decoded = oidc::jwt::decodeJwt(toStd(m_session->tokens.accessToken)); decoded) {
        if (!expires)
            expires = decoded->numericClaim("exp");
    }
    if (!expires || *expires <= *issued) {
        m_autoStatus->setText(QStringLiteral("The access token's lifetime is unknown: no automatic refresh."));
        return;
    }
    const int64_t lifetime = *expires - *issued;
    m_autoDueAt = *issued + static_cast<qint64>(static_cast<double>(lifetime) * kAutoRefreshFraction);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 delayMs = std::max<qint64>(0, (m_autoDueAt - now) * 1000);
    m_autoTimer.start(static_cast<int>(std::min<qint64>(delayMs, 24LL * 3600 * 1000)));
    const QString next = QStringLiteral("Next automatic refresh at %1 (80 % of the access token's lifetime).").arg(clock(m_autoDueAt));
    m_autoStatus->setText(m_lastAutoResult.isEmpty() ? next : m_lastAutoResult + QLatin1Char(' ') + next);
}

void TokensPanel::refreshDueNow()
{
    m_autoTimer.stop();
    m_autoDueAt = 0;
    if (!m_autoCheck->isChecked() || !m_session)
        return;
    m_autoStatus->setText(QStringLiteral("Refreshing automatically…"));
    Q_EMIT autoRefreshDue();
}

void TokensPanel::autoRefreshFinished(bool ok, const QString &message)
{
    if (ok) {
        // Shown before the next schedule, whichever of this and the new session comes first.
        m_lastAutoResult = QStringLiteral("Refreshed automatically at %1.").arg(clock(QDateTime::currentSecsSinceEpoch()));
        if (m_autoTimer.isActive()) // the new session is scheduled already
            m_autoStatus->setText(m_lastAutoResult + QStringLiteral(" Next automatic refresh at %1 (80 % of the access token's lifetime).")
                                                         .arg(clock(m_autoDueAt)));
        else
            m_autoStatus->setText(m_lastAutoResult);
        return;
    }
    m_lastAutoResult.clear();
    // Never loop on a failure: switch off and say why.
    {
        const QSignalBlocker blocker(m_autoCheck);
        m_autoCheck->setChecked(false);
    }
    m_autoTimer.stop();
    m_autoDueAt = 0;
    m_autoStatus->setText(QStringLiteral("Automatic refresh stopped after a failure: %1. Switch it on again to retry.").arg(message));
}

void TokensPanel::autoRefreshPostponed()
{
    if (m_autoCheck->isChecked() && m_session) {
        m_autoStatus->setText(QStringLiteral("Automatic refresh waits for the running step to finish…"));
        m_autoTimer.start(3000);
    }
}

} // namespace ui

#include "moc_TokensPanel.cpp"
