#include "SessionView.h"

#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/jwt/Jwt.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStringList>
#include <QTabWidget>
#include <QTreeView>

namespace ui {

using oidc::descope::ClaimNote;
using oidc::descope::DescopeSession;
using oidc::descope::DescopeUser;
using oidc::descope::SessionOutcome;

namespace {

QTreeView *sessionViewClaimTree(const QString &name, ClaimTreeModel *model)
{
    auto *tree = new QTreeView;
    tree->setObjectName(name);
    tree->setModel(model);
    tree->setAlternatingRowColors(true);
    tree->setUniformRowHeights(true);
    tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tree->setIndentation(12);
    tree->header()->setStretchLastSection(true);
    tree->setColumnWidth(ClaimTreeModel::NameColumn, 110);
    tree->setColumnWidth(ClaimTreeModel::ValueColumn, 220);
    return tree;
}

QWidget *sessionViewCountdownBox(const QString &title, ExpiryCountdown *countdown)
{
    return layout::widget(layout::column({typeLabel(Type::Section, title), countdown}, {.margins = layout::kFlush, .spacing = 2}));
}

QString sessionViewWho(const DescopeSession &session)
{
    QStringList parts;
    if (!session.loginIds.empty())
        parts << qs(session.loginIds.front());
    else if (session.user && !session.user->email.empty())
        parts << qs(session.user->email);
    if (!session.userId.empty())
        parts << QStringLiteral("user %1").arg(qs(session.userId));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

SessionView::SessionView(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_summary(plainLabel(QString()))
    , m_untrusted(toneLabel(name + QStringLiteral("Untrusted"), Tone::Warning))
    , m_notes(typeLabel(Type::Caption))
    , m_sessionCountdown(new ExpiryCountdown)
    , m_refreshCountdown(new ExpiryCountdown)
    , m_claims(new ClaimTreeModel(this))
    , m_refreshClaims(new ClaimTreeModel(this))
    // The rule as a column, not a details pane: a session view shares its height with the claims.
    , m_checks(new CheckListView(name + QStringLiteral("Checks"), {.detailPane = false, .ruleColumn = true, .ruleColumnWidth = 150}))
    , m_inspect(new QPushButton(QStringLiteral("Open in JWT Inspector")))
    , m_copySession(new QPushButton(QStringLiteral("Copy session JWT")))
    , m_copyRefresh(new QPushButton(QStringLiteral("Copy refresh JWT")))
{
    setObjectName(name);
    m_summary->setObjectName(name + QStringLiteral("Summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMinimumWidth(40);
    m_untrusted->hide();
    m_notes->setObjectName(name + QStringLiteral("Notes"));
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setMinimumWidth(40);
    m_sessionCountdown->setObjectName(name + QStringLiteral("SessionCountdown"));
    m_refreshCountdown->setObjectName(name + QStringLiteral("RefreshCountdown"));
    m_sessionCountdown->setToolTip(QStringLiteral("The session JWT's exp: after it, APIs refuse it and the app refreshes it."));
    m_refreshCountdown->setToolTip(QStringLiteral("The refresh JWT's exp (or the refresh cookie's expiry): after it, the user signs in again."));
    connect(m_sessionCountdown, &ExpiryCountdown::ticked, m_claims, [model = m_claims](qint64 now) { model->setNow(now); });
    connect(m_refreshCountdown, &ExpiryCountdown::ticked, m_refreshClaims, [model = m_refreshClaims](qint64 now) { model->setNow(now); });

    m_inspect->setObjectName(name + QStringLiteral("Inspect"));
    m_copySession->setObjectName(name + QStringLiteral("CopySession"));
    m_copyRefresh->setObjectName(name + QStringLiteral("CopyRefresh"));
    m_copySession->setToolTip(QStringLiteral("Copies the session JWT itself (a secret) to the clipboard."));
    m_copyRefresh->setToolTip(QStringLiteral("Copies the refresh JWT itself (a secret) to the clipboard."));
    connect(m_inspect, &QPushButton::clicked, this, [this] { Q_EMIT openInInspector(m_sessionJwt); });
    connect(m_copySession, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_sessionJwt); });
    connect(m_copyRefresh, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_refreshJwt); });

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildTabs(name));
    splitter->addWidget(m_checks);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    layout::attach(this, layout::column({m_summary, m_untrusted,
                                         layout::row({layout::Item(sessionViewCountdownBox(QStringLiteral("Session JWT"), m_sessionCountdown), 1),
                                                      layout::Item(sessionViewCountdownBox(QStringLiteral("Refresh JWT"), m_refreshCountdown), 1)},
                                                     {.margins = layout::kFlush, .spacing = 12}),
                                         m_notes, layout::Item(splitter, 1),
                                         layout::row({m_inspect, m_copySession, m_copyRefresh, layout::Stretch{}}, {.margins = layout::kFlush})},
                                        {.margins = layout::kFlush, .spacing = 6}));
    clear();
}

QWidget *SessionView::buildTabs(const QString &name)
{
    m_claimTree = sessionViewClaimTree(name + QStringLiteral("Claims"), m_claims);
    m_refreshTree = sessionViewClaimTree(name + QStringLiteral("RefreshClaims"), m_refreshClaims);
    m_user = readOnlyText(name + QStringLiteral("User"), QStringLiteral("The user record the sign-in returned."));
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(name + QStringLiteral("Tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_claimTree, QStringLiteral("Session JWT"));
    m_tabs->addTab(m_refreshTree, QStringLiteral("Refresh JWT"));
    m_tabs->addTab(m_user, QStringLiteral("User"));
    m_tabs->setTabToolTip(0, QStringLiteral("The session JWT's header and claims, explained"));
    m_tabs->setTabToolTip(1, QStringLiteral("The refresh JWT's claims (read, not checked: only Descope checks it, on refresh)"));
    m_tabs->setTabToolTip(2, QStringLiteral("The user record of the answer (ResponseUser)"));
    return m_tabs;
}

void SessionView::clear(const QString &placeholder)
{
    m_empty = true;
    m_trusted = false;
    m_summary->setText(placeholder.isEmpty() ? QStringLiteral("No session.") : placeholder);
    m_untrusted->hide();
    m_notes->clear();
    m_notes->hide();
    m_sessionCountdown->clear();
    m_refreshCountdown->clear();
    m_claims->clear();
    m_refreshClaims->clear();
    m_user->clear();
    m_checks->clear();
    setTokens({}, {});
}

void SessionView::setTokens(const QString &sessionJwt, const QString &refreshJwt)
{
    m_sessionJwt = sessionJwt;
    m_refreshJwt = refreshJwt;
    m_inspect->setEnabled(!sessionJwt.isEmpty());
    m_copySession->setEnabled(!sessionJwt.isEmpty());
    m_copyRefresh->setEnabled(!refreshJwt.isEmpty());
}

void SessionView::showSession(const DescopeSession &session)
{
    m_empty = false;
    m_trusted = true;
    QString summary = QStringLiteral("✔ Trusted session");
    if (const QString who = sessionViewWho(session); !who.isEmpty())
        summary += QStringLiteral(" · ") + who;
    if (session.firstSeen)
        summary += QStringLiteral(" · first sign-in (a new user)");
    summary += QStringLiteral(" · session JWT from the %1, refresh JWT %2")
                   .arg(qs(oidc::descope::tokenSourceName(session.sessionSource)),
                        session.refreshJwt.empty() ? QStringLiteral("absent")
                                                   : QStringLiteral("from the %1").arg(qs(oidc::descope::tokenSourceName(session.refreshSource))));
    m_summary->setText(summary);
    m_untrusted->hide();
    showClaims(session.session.headerJson, session.session.claimsJson);
    m_sessionCountdown->setTimes(session.session.numericClaim("iat"), session.expiresAt, session.session.numericClaim("nbf"));
    showRefresh(session.refreshJwt, session.refreshExpiresAt);
    showUser(session.user);
    showNotes(session.notes);
    m_checks->setChecks(session.checks);
    setTokens(qs(session.sessionJwt), qs(session.refreshJwt));
}

void SessionView::showOutcome(const SessionOutcome &outcome)
{
    if (outcome.ok()) {
        showSession(outcome.result.value());
        m_checks->setChecks(outcome.checks.empty() ? outcome.result->checks : outcome.checks);
        return;
    }
    clear();
    m_empty = false;
    const oidc::Error &error = outcome.result.error();
    m_summary->setText(QStringLiteral("✘ No session: %1").arg(errorText(error)));
    if (outcome.untrustedClaims.is_object()) {
        m_untrusted->setText(QStringLiteral("⚠ Untrusted: the session JWT below failed a check, so its claims are shown only to explain "
                                            "why. An app must not act on them."));
        m_untrusted->show();
        showClaims("{}", outcome.untrustedClaims.dump());
        const auto claims = outcome.untrustedClaims;
        const auto time = [&claims](const char *name) -> std::optional<int64_t> {
            return claims.contains(name) ? oidc::jwt::numericDate(claims.at(name)) : std::nullopt;
        };
        m_sessionCountdown->setTimes(time("iat"), time("exp"), time("nbf"));
    }
    m_checks->setChecks(outcome.checks);
}

void SessionView::showClaims(const std::string &headerJson, const std::string &claimsJson)
{
    m_claims->setToken(headerJson, claimsJson);
    m_claimTree->expandToDepth(0);
}

void SessionView::showRefresh(const std::string &refreshJwt, std::optional<int64_t> refreshExpiresAt)
{
    if (refreshJwt.empty()) {
        m_refreshClaims->clear();
        m_refreshCountdown->clear();
        return;
    }
    // Read only, as the SDKs read its exp: the refresh JWT is Descope's to check.
    auto decoded = oidc::jwt::decodeJwt(refreshJwt);
    if (!decoded) {
        m_refreshClaims->clear();
        m_refreshCountdown->setTimes(std::nullopt, refreshExpiresAt, std::nullopt);
        return;
    }
    m_refreshClaims->setToken(decoded->headerJson, decoded->claimsJson);
    m_refreshTree->expandToDepth(0);
    m_refreshCountdown->setTimes(decoded->numericClaim("iat"), refreshExpiresAt ? refreshExpiresAt : decoded->numericClaim("exp"),
                                 decoded->numericClaim("nbf"));
}

void SessionView::showUser(const std::optional<DescopeUser> &user)
{
    if (!user) {
        m_user->setPlainText(QStringLiteral("The answer carried no user record."));
        return;
    }
    m_user->setPlainText(qs(user->raw.dump(2, ' ', false, oidc::Json::error_handler_t::replace)));
}

void SessionView::showNotes(const std::vector<ClaimNote> &notes)
{
    QStringList lines;
    for (const ClaimNote &note : notes)
        lines << QStringLiteral("%1 (%2) = %3: %4").arg(qs(note.claim), qs(note.title), qs(note.value), qs(note.meaning));
    m_notes->setText(lines.join(QLatin1Char('\n')));
    m_notes->setVisible(!lines.isEmpty());
}

} // namespace ui

#include "moc_SessionView.cpp"
