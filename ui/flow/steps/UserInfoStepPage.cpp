#include "UserInfoStepPage.h"

#include "ui/UiText.h"

namespace ui {

UserInfoStepPage::UserInfoStepPage(QWidget *parent)
    : TextStepPage(QStringLiteral("userInfoPageText"), QStringLiteral("Step 9 fetches the UserInfo claims."), parent)
{
}

QString UserInfoStepPage::text(const FlowRunner &runner, FlowStepModel::Step) const
{
    const auto &session = runner.session().session();
    if (!session || session->userInfo.is_null())
        return {};
    return qs(session->userInfo.dump(2, ' ', false, oidc::Json::error_handler_t::replace));
}

} // namespace ui

#include "moc_UserInfoStepPage.cpp"
