#include "RefusalBanner.h"

#include "ui/UiText.h"
#include "ui/widgets/ToneLabel.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>

#include <string_view>

namespace ui {

namespace {

struct RefusalHint final {
    std::string_view code;
    const char *text;
    RefusalBanner::Topic topic = RefusalBanner::Topic::General;
};

// Descope's codes (descope-api.md §13) and the app's own, as a person would want them explained.
constexpr RefusalHint kRefusalHints[] = {
    {"E011001", "Descope could not read the request."},
    {"E011002", "A required argument or token is missing."},
    {"E011003", "Descope refused the request: the token, code or link is invalid, used, expired or revoked (after a logout, "
                "a refresh JWT no longer works), or the user is disabled (a disabled user is sent no code or link)."},
    {"E011003", "Descope refused the ceremony: the response does not match what it asked for (origin, RP ID, challenge, "
                "signature) or the ceremony's transaction expired. The comparisons show which part differs.",
     RefusalBanner::Topic::Ceremony},
    {"E011004", "An argument is invalid."},
    {"E061102", "The code is wrong or has expired. Use the newest code sent; after too many wrong codes Descope stops "
                "accepting any (E061103)."},
    {"E061103", "Too many wrong codes: this code is spent. Start again to receive a new one."},
    {"E062107", "This user already exists: sign in, or use sign-up-or-in."},
    {"E062108", "No user with this login ID in the project."},
    {"E062503", "The enchanted link has not been opened yet: Descope answers this while the sign-in is pending."},
    {"E062802", "No access key was sent."},
    {"E062803", "The access key is not valid (wrong, expired or deleted)."},
    {"E064001", "The session was ended by a logout: its refresh JWT no longer works. Sign in again."},
    {"E130429", "Rate limited: Descope asks to wait before the next request (Retry-After)."},
    {"NET_CANCELLED", "You cancelled it; nothing changed."},
    {"NET_TIMEOUT", "No answer in time. Check the network or the provider, then try again."},
    {"NET_CONNECTION_REFUSED", "Nothing listens at the provider's address (is the sandbox stopped?)."},
    {"DESCOPE_ROLE_MISSING", "The session does not hold this role: an API that requires it answers 403 Forbidden."},
    {"DESCOPE_PERMISSION_MISSING", "The session does not hold this permission: an API that requires it answers 403 Forbidden."},
    {"DESCOPE_TENANT_NOT_ASSOCIATED", "The user is not a member of this tenant: an API of that tenant answers 403 Forbidden."},
    {"EXPIRED", "The session JWT has expired: refresh it with the refresh JWT."},
    {"KID_UNKNOWN", "None of the project's keys has this kid, even after fetching them again: not this project's token?"},
    {"DESCOPE_ISS_MISMATCH", "The session JWT was issued for another project."},
};

} // namespace

RefusalBanner::RefusalBanner(const QString &name, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(name);
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setMinimumWidth(40);
    setTone(this, Tone::Bad);
    hide();
}

QString RefusalBanner::codeLine(const oidc::Error &error)
{
    static const QRegularExpression descopeCode(QStringLiteral("^[A-Z][0-9]{6}$"));
    const QString code = qs(error.code);
    QString line = error.category == oidc::ErrorCategory::Descope && descopeCode.match(code).hasMatch()
        ? QStringLiteral("Descope error %1").arg(code)
        : QStringLiteral("%1 %2").arg(qs(oidc::categoryName(error.category)), code);
    if (error.httpStatus != 0)
        line += QStringLiteral(" · HTTP %1").arg(error.httpStatus);
    return line;
}

QString RefusalBanner::hint(const oidc::Error &error, Topic topic)
{
    // The topic's own reading of a code first, else the general one.
    const auto applies = [&](const RefusalHint &known) {
        if (known.code != error.code)
            return false;
        if (known.topic == topic)
            return true;
        return known.topic == Topic::General
            && std::none_of(std::begin(kRefusalHints), std::end(kRefusalHints),
                            [&](const RefusalHint &other) { return other.code == error.code && other.topic == topic; });
    };
    for (const RefusalHint &known : kRefusalHints) {
        if (!applies(known))
            continue;
        QString text = QString::fromUtf8(known.text);
        // A rate limit's wait travels as `actual` (processDescopeError).
        if (error.code == "E130429" && !error.actual.empty())
            text += QStringLiteral(" Wait %1 s.").arg(qs(error.actual));
        return text;
    }
    return {};
}

QString RefusalBanner::describe(const QString &what, const oidc::Error &error, Topic topic)
{
    QString text = QStringLiteral("✘ %1 refused: %2").arg(what, qs(error.message));
    // A Descope error's `actual` is its Retry-After, which the hint says in words.
    if (error.category != oidc::ErrorCategory::Descope && (!error.expected.empty() || !error.actual.empty()))
        text += QStringLiteral(" (expected %1, got %2)")
                    .arg(error.expected.empty() ? QStringLiteral("-") : qs(error.expected),
                         error.actual.empty() ? QStringLiteral("-") : qs(error.actual));
    text += QLatin1Char('\n') + codeLine(error);
    if (const QString meaning = hint(error, topic); !meaning.isEmpty())
        text += QLatin1Char('\n') + meaning;
    return text;
}

void RefusalBanner::showError(const QString &what, const oidc::Error &error)
{
    setText(describe(what, error, m_topic));
    updateTone(this, Tone::Bad);
    show();
}

void RefusalBanner::dismiss()
{
    clear();
    hide();
}

} // namespace ui

#include "moc_RefusalBanner.cpp"
