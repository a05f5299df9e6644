#pragma once

// A live countdown to a token's exp with a bar from iat to exp, updated every second. Green while
// valid, amber in the last 10 % of the lifetime (or the last 60 s), red once expired.

#include <QTimer>
#include <QWidget>

#include <cstdint>
#include <optional>

class QLabel;
class QProgressBar;

namespace ui {

class SteadyText;

class ExpiryCountdown final : public QWidget {
    Q_OBJECT
public:
    enum class State { NoToken, NoExpiry, NotYetValid, Valid, Expiring, Expired };
    Q_ENUM(State)

    explicit ExpiryCountdown(QWidget *parent = nullptr);

    // Times of the token shown (Unix seconds); starts the one-second timer when there is an exp.
    void setTimes(std::optional<int64_t> issuedAt, std::optional<int64_t> expiresAt, std::optional<int64_t> notBefore);
    void clear();
    // Keeps the height of a line and the bar while nothing is shown, so that showing and clearing a
    // token (every sign-in and logout) moves nothing below it: no relayout and repaint of the
    // panel under it (issue 12).
    void setKeepsSpace(bool keep);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QLabel *label() const { return m_label; }
    [[nodiscard]] QProgressBar *progressBar() const { return m_progress; }

    // Amber when at most this much of the lifetime is left.
    [[nodiscard]] static int64_t warningThreshold(int64_t lifetimeSeconds);

Q_SIGNALS:
    void ticked(qint64 unixNow); // every second while a token is shown

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void setState(State state);
    void keepSpace();

    SteadyText *m_text; // the label in a box: a tick's new text lays out nothing above it
    QLabel *m_label;
    QProgressBar *m_progress;
    QTimer m_timer;
    std::optional<int64_t> m_iat;
    std::optional<int64_t> m_exp;
    std::optional<int64_t> m_nbf;
    State m_state = State::NoToken;
    std::optional<State> m_shownState; // the state whose colours the label and the bar have
    bool m_keepsSpace = false;
};

} // namespace ui
