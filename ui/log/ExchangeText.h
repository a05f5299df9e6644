#pragma once

// An exchange as a person reads it in the detail panes: the request line and headers as the core
// renders them (redacted unless revealed), then the body laid out — a form one field per line,
// percent-decoded; JSON indented in its own member order. "Copy as curl" keeps the raw form.

#include "oidc/net/ExchangeLog.h"

#include <QString>

namespace ui {

[[nodiscard]] QString readableRequest(const oidc::net::ExchangeRecord &record, oidc::net::Reveal reveal);
[[nodiscard]] QString readableResponse(const oidc::net::ExchangeRecord &record, oidc::net::Reveal reveal);
// The body alone, laid out (form fields one per line, JSON indented); other bodies as they are.
[[nodiscard]] QString readableBody(const QByteArray &body, const oidc::net::HeaderList &headers);

} // namespace ui
