#include "AccessTokenView.h"

#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"

#include "oidc/jwt/Jwt.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QTreeView>

namespace ui {

AccessTokenView::AccessTokenView(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_summary(plainLabel(QString()))
    , m_countdown(new ExpiryCountdown)
    , m_claims(new ClaimTreeModel(this))
    , m_tree(new QTreeView)
    , m_copy(new QPushButton(tr("Copy access token")))
    , m_inspect(new QPushButton(tr("Open in JWT Inspector")))
{
    setObjectName(name);
    m_summary->setObjectName(name + QStringLiteral("Summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countdown->setObjectName(name + QStringLiteral("Countdown"));
    m_countdown->setToolTip(tr("The access token's expiry: after it, APIs refuse it and the client asks for a new one."));
    m_tree->setObjectName(name + QStringLiteral("Claims"));
    m_tree->setModel(m_claims);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setIndentation(12);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(ClaimTreeModel::NameColumn, 110);
    m_tree->setColumnWidth(ClaimTreeModel::ValueColumn, 220);
    m_copy->setObjectName(name + QStringLiteral("Copy"));
    m_copy->setToolTip(tr("Copies the access token itself (a secret) to the clipboard."));
    m_inspect->setObjectName(name + QStringLiteral("Inspect"));
    connect(m_countdown, &ExpiryCountdown::ticked, m_claims, [model = m_claims](qint64 now) { model->setNow(now); });
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_token); });
    connect(m_inspect, &QPushButton::clicked, this, [this] { Q_EMIT openInInspector(m_token); });

    layout::attach(this, layout::column({m_summary, m_countdown, layout::Item(m_tree, 1),
                                         layout::row({m_inspect, m_copy, layout::Stretch{}}, {.margins = layout::kFlush})},
                                        {.margins = layout::kFlush, .spacing = 6}));
    clear(QString());
}

void AccessTokenView::clear(const QString &placeholder)
{
    m_token.clear();
    m_summary->setText(placeholder.isEmpty() ? tr("No access token.") : placeholder);
    m_countdown->clear();
    m_claims->clear();
    m_copy->setEnabled(false);
    m_inspect->setEnabled(false);
}

void AccessTokenView::showTokens(const oidc::flow::TokenResponse &tokens)
{
    m_token = tokens.accessToken;
    QStringList parts{tr("%1 access token").arg(tokens.tokenType.isEmpty() ? tr("An") : tokens.tokenType)};
    parts << (tokens.scope.isEmpty() ? tr("no scope returned (the requested one applies, RFC 6749 §5.1)") : tr("scope \"%1\"").arg(tokens.scope));
    parts << (tokens.expiresIn ? tr("expires_in %1 s").arg(*tokens.expiresIn) : tr("no expires_in"));
    std::optional<int64_t> issuedAt = tokens.receivedAt;
    std::optional<int64_t> expiresAt = tokens.expiresIn ? std::optional<int64_t>(tokens.receivedAt + *tokens.expiresIn) : std::nullopt;
    std::optional<int64_t> notBefore;
    // Read, not verified (RFC 9068 §4: the resource server validates an access token).
    auto decoded = oidc::jwt::decodeJwt(toStd(tokens.accessToken));
    if (decoded) {
        parts << tr("a JWT (%1), its claims read without verification").arg(qs(decoded->alg));
        m_claims->setToken(decoded->headerJson, decoded->claimsJson);
        m_tree->expandToDepth(0);
        if (const auto exp = decoded->numericClaim("exp")) {
            expiresAt = exp;
            issuedAt = decoded->numericClaim("iat");
        }
        notBefore = decoded->numericClaim("nbf");
    } else {
        parts << tr("opaque: only the provider can read it (RFC 7662 introspection)");
        m_claims->clear();
    }
    m_summary->setText(QStringLiteral("✔ ") + parts.join(QStringLiteral(" · ")));
    m_countdown->setTimes(issuedAt, expiresAt, notBefore);
    m_copy->setEnabled(true);
    m_inspect->setEnabled(decoded.ok());
}

} // namespace ui

#include "moc_AccessTokenView.cpp"
