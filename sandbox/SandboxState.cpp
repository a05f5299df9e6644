#include "SandboxState.h"

#include <algorithm>
#include <cctype>

namespace sandbox {

std::string SandboxState::foldLoginId(std::string_view loginId)
{
    std::string folded(loginId);
    std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return folded;
}

std::string SandboxState::otpKey(std::string_view method, std::string_view loginId)
{
    return std::string(method) + '\n' + foldLoginId(loginId);
}

void SandboxState::reset(const Fixtures &fixtures, int64_t now)
{
    *this = SandboxState();
    for (User user : fixtures.users) {
        if (user.createdTime == 0)
            user.createdTime = now;
        addUser(std::move(user));
    }
    m_directory.reset(fixtures, now);
}

size_t SandboxState::purge(int64_t now)
{
    size_t removed = 0;
    removed += std::erase_if(m_codes, [now](const auto &item) { return item.second.expiresAt + 3600 < now; });
    removed += std::erase_if(m_browserSessions, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_otps, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_magicLinks, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_enchantedLinks, [now](const auto &item) { return item.second.expiresAt < now; });
    std::erase_if(m_enchantedTokens, [this](const auto &item) { return !m_enchantedLinks.count(item.second); });
    removed += std::erase_if(m_sessions, [now](const auto &item) { return item.second.refreshExpiresAt < now; });
    removed += std::erase_if(m_revokedJtis, [now](const auto &item) { return item.second < now; });
    removed += std::erase_if(m_totpSignUps, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_webauthnTransactions, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_oauthStarts, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_oauthGrants, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_ssoLogins, [now](const auto &item) { return item.second.expiresAt < now; });
    removed += std::erase_if(m_ssoCodes, [now](const auto &item) { return item.second.expiresAt < now; });
    if (m_history.size() > 1000)
        m_history.erase(m_history.begin(), m_history.end() - 1000);
    return removed;
}

void SandboxState::addOAuthProvider(const std::string &userId, const std::string &provider)
{
    m_oauthProviders[userId].insert(provider);
}

std::map<std::string, bool> SandboxState::oauthProvidersOf(std::string_view userId) const
{
    std::map<std::string, bool> providers;
    if (const auto it = m_oauthProviders.find(std::string(userId)); it != m_oauthProviders.end())
        for (const std::string &provider : it->second)
            providers[provider] = true;
    return providers;
}

bool SandboxState::hasPassword(std::string_view userId) const
{
    return m_passwordHashes.count(std::string(userId)) != 0;
}

bool SandboxState::hasTotp(std::string_view userId) const
{
    const auto it = m_totp.find(std::string(userId));
    return it != m_totp.end() && it->second.active.has_value();
}

bool SandboxState::hasWebAuthn(std::string_view userId) const
{
    return std::any_of(m_webauthnCredentials.begin(), m_webauthnCredentials.end(),
                       [userId](const auto &item) { return item.second.userId == userId; });
}

const User *SandboxState::user(std::string_view userId) const
{
    const auto it = m_userIndex.find(std::string(userId));
    return it == m_userIndex.end() ? nullptr : &m_users[it->second];
}

User *SandboxState::user(std::string_view userId)
{
    const auto it = m_userIndex.find(std::string(userId));
    return it == m_userIndex.end() ? nullptr : &m_users[it->second];
}

const User *SandboxState::userByLoginId(std::string_view loginId) const
{
    const auto it = m_loginIndex.find(foldLoginId(loginId));
    return it == m_loginIndex.end() ? nullptr : &m_users[it->second];
}

User &SandboxState::addUser(User user)
{
    const size_t index = m_users.size();
    m_userIndex[user.userId] = index;
    for (const auto &loginId : user.loginIds)
        m_loginIndex[foldLoginId(loginId)] = index;
    m_users.push_back(std::move(user));
    return m_users.back();
}

void SandboxState::reindexUsers()
{
    m_userIndex.clear();
    m_loginIndex.clear();
    for (size_t index = 0; index < m_users.size(); ++index) {
        m_userIndex[m_users[index].userId] = index;
        for (const auto &loginId : m_users[index].loginIds)
            m_loginIndex[foldLoginId(loginId)] = index;
    }
}

bool SandboxState::removeUser(std::string_view userId)
{
    const auto it = m_userIndex.find(std::string(userId));
    if (it == m_userIndex.end())
        return false;
    m_users.erase(m_users.begin() + static_cast<std::ptrdiff_t>(it->second));
    m_totp.erase(std::string(userId));
    std::erase_if(m_webauthnCredentials, [userId](const auto &item) { return item.second.userId == userId; });
    reindexUsers();
    return true;
}

Session *SandboxState::session(std::string_view id)
{
    const auto it = m_sessions.find(std::string(id));
    return it == m_sessions.end() ? nullptr : &it->second;
}

Session &SandboxState::addSession(Session session)
{
    const std::string id = session.id;
    return m_sessions[id] = std::move(session);
}

int SandboxState::revokeSession(std::string_view id)
{
    Session *found = session(id);
    if (!found || found->revoked)
        return 0;
    found->revoked = true;
    found->refreshJti.clear();
    return 1;
}

int SandboxState::revokeSessionsOf(std::string_view subject, std::string_view exceptSessionId)
{
    int count = 0;
    for (auto &[id, session] : m_sessions) {
        if (session.subject == subject && id != exceptSessionId && !session.revoked) {
            session.revoked = true;
            session.refreshJti.clear();
            ++count;
        }
    }
    return count;
}

} // namespace sandbox
