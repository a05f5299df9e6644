#pragma once

// Reading the management API's answers and the area's fields: the members a table shows
// (text, a list joined with ", ", a user's or key's tenants with their roles), and names a
// person types separated by commas. Answers are shown as they come; a member that is missing or
// of another type shows as empty, never as an error (the exchange log has the answer in full).

#include "oidc/Json.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace ui {

// The string member `key` of `object` ("" when absent or not a string).
[[nodiscard]] QString mgmtText(const oidc::Json &object, const char *key);
// The string items of the array member `key`.
[[nodiscard]] QStringList mgmtStrings(const oidc::Json &object, const char *key);
// The array member `key` ("users", "tenants", …) of an answer; an empty array when absent.
[[nodiscard]] oidc::Json mgmtArray(const oidc::Json &answer, const char *key);
// "T1 (admin, user), T2": the tenants of a user ("userTenants") or an access key ("keyTenants").
[[nodiscard]] QString mgmtTenantsText(const oidc::Json &object, const char *key);

// "a, b ,, c" → {"a", "b", "c"}: names typed in one field, blanks dropped, duplicates kept once.
[[nodiscard]] std::vector<std::string> mgmtSplitNames(const QString &text);
[[nodiscard]] QString mgmtJoinNames(const std::vector<std::string> &names);

} // namespace ui
