#pragma once

// A refusal in plain words: what was refused, the error's message (plain text, never HTML: it
// may quote the provider), its code — a Descope error code ("E061102") with the HTTP status, or
// the app's own category and code ("IDT DESCOPE_ROLE_MISSING") — and, where one is known, what
// it means and what to do (wrong or expired code, too many attempts with E061103, rate limited
// for the Retry-After seconds with E130429, logged out, a missing role as an API's 403…).
// Hidden until showError(); dismiss() hides it again. Every Descope area shows its refusals with
// one, above the earlier session, which stays.

#include "oidc/Result.h"

#include <QLabel>
#include <QString>

namespace ui {

class RefusalBanner final : public QLabel {
    Q_OBJECT
public:
    // What the refused request was, where a code means something else there: Descope answers
    // E011003 both for a spent code or link and for a WebAuthn response that does not match its
    // options.
    enum class Topic { General, Ceremony };

    // Named `name` (tests find it by that name).
    explicit RefusalBanner(const QString &name, QWidget *parent = nullptr);

    // "✘ <what> refused: <message>", the code line, the hint line.
    void showError(const QString &what, const oidc::Error &error);
    void setTopic(Topic topic) { m_topic = topic; }
    void dismiss();

    // The code line: "Descope error E061102 · HTTP 401", or "IDT DESCOPE_ROLE_MISSING".
    [[nodiscard]] static QString codeLine(const oidc::Error &error);
    // What the error means and what to do, in words; empty when nothing is known about it.
    [[nodiscard]] static QString hint(const oidc::Error &error, Topic topic = Topic::General);
    // The whole text showError() shows.
    [[nodiscard]] static QString describe(const QString &what, const oidc::Error &error, Topic topic = Topic::General);

private:
    Topic m_topic = Topic::General;
};

} // namespace ui
