#pragma once

// What one step of a route's request pipeline returns: the value to carry on with, or the reply
// to send at once (a Descope or OAuth error body). Shaped like oidc::Result, so a handler reads
//
//     auto call = descope::accept(request, m_context);
//     if (!call)
//         return call.takeReply();
//     const std::string token = descope::string(call->body, "token");

#include "oidc/net/LocalHttpServer.h"

#include <cassert>
#include <utility>
#include <variant>

namespace sandbox {

template <typename T>
class [[nodiscard]] ReplyOr final {
public:
    ReplyOr(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    ReplyOr(oidc::net::LocalHttpResponse reply) : m_data(std::in_place_index<1>, std::move(reply)) {}

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { assert(ok()); return std::get<0>(m_data); }
    [[nodiscard]] T &value() & { assert(ok()); return std::get<0>(m_data); }
    [[nodiscard]] T &&value() && { assert(ok()); return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }

    // The reply to send instead, moved out: return it from the handler.
    [[nodiscard]] oidc::net::LocalHttpResponse takeReply() { assert(!ok()); return std::get<1>(std::move(m_data)); }

private:
    std::variant<T, oidc::net::LocalHttpResponse> m_data;
};

} // namespace sandbox
