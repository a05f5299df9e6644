#include "Inbox.h"

#include "sandbox/SandboxState.h"

namespace sandbox {

oidc::Json InboxMessage::toJson() const
{
    oidc::Json linkList = oidc::Json::array();
    for (const auto &link : links) {
        oidc::Json item = {{"url", link.url}};
        if (!link.number.empty())
            item["number"] = link.number;
        linkList.push_back(std::move(item));
    }
    oidc::Json json = {
        {"id", id}, {"createdAt", createdAt}, {"kind", kind}, {"channel", channel}, {"to", to},
        {"loginId", loginId}, {"subject", subject}, {"text", text}, {"links", std::move(linkList)},
    };
    if (!code.empty())
        json["code"] = code;
    return json;
}

Inbox::Inbox(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<sandbox::InboxMessage>();
}

const InboxMessage &Inbox::deliver(InboxMessage message)
{
    message.id = m_nextId++;
    m_messages.push_back(std::move(message));
    while (m_messages.size() > kMaxMessages)
        m_messages.pop_front();
    const InboxMessage &stored = m_messages.back();
    Q_EMIT messageAdded(stored);
    return stored;
}

std::vector<InboxMessage> Inbox::messages(const std::string &loginId) const
{
    std::vector<InboxMessage> out;
    const std::string folded = SandboxState::foldLoginId(loginId);
    for (auto it = m_messages.rbegin(); it != m_messages.rend(); ++it) {
        if (loginId.empty() || SandboxState::foldLoginId(it->loginId) == folded)
            out.push_back(*it);
    }
    return out;
}

void Inbox::clear()
{
    m_messages.clear();
    Q_EMIT cleared();
}

} // namespace sandbox

#include "moc_Inbox.cpp"
