#pragma once

// Where the sandbox "delivers" what Descope would email or text: enchanted-link emails (three
// numbered links), magic links and OTP codes. Readable as JSON at GET /sandbox/inbox, through
// this API, and through messageAdded() for the GUI's Inbox panel.

#include "oidc/Json.h"

#include <QMetaType>
#include <QObject>

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace sandbox {

struct InboxLink final {
    std::string number; // enchanted links: the number printed next to the link; else empty
    std::string url;
};

struct InboxMessage final {
    quint64 id = 0;           // increasing
    int64_t createdAt = 0;    // Unix seconds (sandbox clock)
    std::string kind;         // "enchanted-link", "magic-link", "otp"
    std::string channel;      // "email", "sms", "voice", "whatsapp"
    std::string to;           // address or phone number
    std::string loginId;
    std::string subject;
    std::string text;         // the message as a person would read it
    std::vector<InboxLink> links;
    std::string code;         // OTP code; empty otherwise

    [[nodiscard]] oidc::Json toJson() const;
};

class Inbox final : public QObject {
    Q_OBJECT
public:
    static constexpr size_t kMaxMessages = 500; // the oldest go first

    explicit Inbox(QObject *parent = nullptr);

    // Stores the message (assigning its id) and emits messageAdded().
    const InboxMessage &deliver(InboxMessage message);
    // Newest first; only the given login ID's messages when it is not empty (case-insensitive).
    [[nodiscard]] std::vector<InboxMessage> messages(const std::string &loginId = {}) const;
    [[nodiscard]] size_t size() const { return m_messages.size(); }
    void clear();

Q_SIGNALS:
    void messageAdded(const sandbox::InboxMessage &message);
    void cleared();

private:
    std::deque<InboxMessage> m_messages; // oldest first
    quint64 m_nextId = 1;
};

} // namespace sandbox

Q_DECLARE_METATYPE(sandbox::InboxMessage)
