// `oidcplay-cli completions bash|zsh|fish`: each script parses in its shell, and bash and fish
// complete exactly the commands, descope groups and subcommands that the CLI's own --help lists.

#include "CliProcess.h"

#include <gtest/gtest.h>

#include <QProcess>
#include <QRegularExpression>
#include <QFile>
#include <QTemporaryDir>

#include <map>
#include <set>

namespace {

using cli::test::CliRun;
using cli::test::runCli;

using WordSet = std::set<std::string>;

// The "  word [a|b|c]   summary" lines of a usage text's Commands: block (a summary may go on,
// indented further, on the next lines): word -> its subcommands.
std::map<std::string, WordSet> listedCommands(const std::string &usage)
{
    std::map<std::string, WordSet> commands;
    const QString text = QString::fromStdString(usage);
    const QString block = text.mid(text.indexOf(QStringLiteral("Commands:\n")) + 10).section(QStringLiteral("\n\n"), 0, 0);
    static const QRegularExpression line(QStringLiteral("^  ([a-z0-9-]+)(?: ([a-z0-9-]+(?:\\|[a-z0-9-]+)+))?"));
    for (const QString &row : block.split(QLatin1Char('\n'))) {
        if (row.startsWith(QStringLiteral("   ")))
            continue; // a summary's continuation line
        const QRegularExpressionMatch match = line.match(row);
        EXPECT_TRUE(match.hasMatch()) << row.toStdString();
        WordSet subcommands;
        for (const QString &subcommand : match.captured(2).split(QLatin1Char('|'), Qt::SkipEmptyParts))
            subcommands.insert(subcommand.toStdString());
        commands[match.captured(1).toStdString()] = subcommands;
    }
    return commands;
}

WordSet splitWords(const QString &text)
{
    WordSet set;
    for (const QString &word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
        set.insert(word.toStdString());
    return set;
}

class CompletionsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        for (const char *shell : {"bash", "zsh", "fish"}) {
            const CliRun run = runCli({QStringLiteral("completions"), QString::fromLatin1(shell)});
            ASSERT_EQ(run.exitCode, 0) << run.err;
            QFile file(m_dir.filePath(QString::fromLatin1(shell)));
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            file.write(QByteArray::fromStdString(run.out));
        }
    }

    [[nodiscard]] QString script(const char *shell) const { return m_dir.filePath(QString::fromLatin1(shell)); }

    // Runs a shell program; its output with the exit code checked.
    static QString runShell(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.start(program, arguments);
        EXPECT_TRUE(process.waitForFinished(30000)) << program.toStdString();
        EXPECT_EQ(process.exitCode(), 0) << program.toStdString() << ": " << process.readAllStandardError().toStdString();
        return QString::fromUtf8(process.readAllStandardOutput());
    }

    // What the bash script offers after `oidcplay-cli <typed…> <cursor>`.
    [[nodiscard]] WordSet bashCompletes(const QStringList &typed, const QString &cursor = {}) const
    {
        QStringList line = {QStringLiteral("oidcplay-cli")};
        line << typed << (cursor.isEmpty() ? QStringLiteral("''") : cursor);
        const QString program = QStringLiteral("source \"$1\"; COMP_WORDS=(%1); COMP_CWORD=%2; _oidcplay_cli; echo \"${COMPREPLY[*]}\"")
                                    .arg(line.join(QLatin1Char(' ')))
                                    .arg(typed.size() + 1);
        return splitWords(runShell(QStringLiteral("bash"), {QStringLiteral("-c"), program, QStringLiteral("bash"), script("bash")}));
    }

    // What the fish script offers for a command line (complete -C), without descriptions.
    [[nodiscard]] WordSet fishCompletes(const QString &commandLine) const
    {
        const QString program = QStringLiteral("source %1; complete -C '%2'").arg(script("fish"), commandLine);
        WordSet set;
        for (const QString &row : runShell(QStringLiteral("fish"), {QStringLiteral("--no-config"), QStringLiteral("-c"), program})
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            set.insert(row.section(QLatin1Char('\t'), 0, 0).toStdString());
        return set;
    }

    // What the zsh script hands to _describe after `oidcplay-cli <typed…> <cursor>` (name:description
    // entries): _describe and _files stand in for the completion system's.
    [[nodiscard]] WordSet zshCompletes(const QStringList &typed) const
    {
        const QString program = QStringLiteral("_describe() { print -rl -- \"${(@P)${@[-1]}}\" }; _files() { }; "
                                               "words=(oidcplay-cli %1 ''); CURRENT=%2; source \"$1\"")
                                    .arg(typed.join(QLatin1Char(' ')))
                                    .arg(typed.size() + 2);
        WordSet set;
        for (const QString &row : runShell(QStringLiteral("zsh"), {QStringLiteral("-fc"), program, QStringLiteral("zsh"), script("zsh")})
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            set.insert(row.toStdString());
        return set;
    }

    QTemporaryDir m_dir;
};

TEST_F(CompletionsTest, EachScriptParsesInItsShell)
{
    runShell(QStringLiteral("bash"), {QStringLiteral("-n"), script("bash")});
    runShell(QStringLiteral("zsh"), {QStringLiteral("-n"), script("zsh")});
    runShell(QStringLiteral("fish"), {QStringLiteral("--no-execute"), script("fish")});
}

TEST_F(CompletionsTest, BashCompletesWhatHelpLists)
{
    const auto commands = listedCommands(runCli({QStringLiteral("--help")}).out);
    WordSet expected = {"--help", "--version"};
    for (const auto &[command, subcommands] : commands)
        expected.insert(command);
    ASSERT_TRUE(expected.count("descope") && expected.count("completions"));
    EXPECT_EQ(bashCompletes({}), expected);
    EXPECT_EQ(bashCompletes({}, QStringLiteral("de")), (WordSet{"decode", "descope"}));

    const auto groups = listedCommands(runCli({QStringLiteral("descope"), QStringLiteral("--help")}).out);
    WordSet expectedGroups = {"--help"};
    for (const auto &[group, subcommands] : groups) {
        expectedGroups.insert(group);
        if (!subcommands.empty()) {
            EXPECT_EQ(bashCompletes({QStringLiteral("descope"), QString::fromStdString(group)}), subcommands) << group;
        }
    }
    ASSERT_GE(groups.size(), 7U);
    EXPECT_EQ(bashCompletes({QStringLiteral("descope")}), expectedGroups);
    EXPECT_EQ(bashCompletes({QStringLiteral("completions")}), (WordSet{"bash", "fish", "zsh"}));
    // Past the command words nothing is offered, so bash falls back to file names.
    EXPECT_EQ(bashCompletes({QStringLiteral("decode")}), WordSet{});
}

TEST_F(CompletionsTest, FishCompletesWhatHelpLists)
{
    const auto commands = listedCommands(runCli({QStringLiteral("--help")}).out);
    WordSet expected;
    for (const auto &[command, subcommands] : commands)
        expected.insert(command);
    EXPECT_EQ(fishCompletes(QStringLiteral("oidcplay-cli ")), expected);
    EXPECT_EQ(fishCompletes(QStringLiteral("oidcplay-cli --")), (WordSet{"--help", "--version"}));
    EXPECT_EQ(fishCompletes(QStringLiteral("oidcplay-cli descope totp ")), (WordSet{"signup", "verify"}));
    EXPECT_EQ(fishCompletes(QStringLiteral("oidcplay-cli completions ")), (WordSet{"bash", "fish", "zsh"}));
}

TEST_F(CompletionsTest, ZshCompletesWhatHelpLists)
{
    const auto groups = listedCommands(runCli({QStringLiteral("descope"), QStringLiteral("--help")}).out);
    for (const auto &[group, subcommands] : groups) {
        if (!subcommands.empty()) {
            EXPECT_EQ(zshCompletes({QStringLiteral("descope"), QString::fromStdString(group)}), subcommands) << group;
        }
    }
    EXPECT_EQ(zshCompletes({QStringLiteral("completions")}).count("zsh:the completion script for zsh"), 1U);
}

TEST_F(CompletionsTest, DescriptionsKeepTheirQuotes)
{
    // "Descope's authentication API…": the apostrophe survives each shell's quoting.
    const QString fish = runShell(QStringLiteral("fish"), {QStringLiteral("--no-config"), QStringLiteral("-c"),
                                                           QStringLiteral("source %1; complete -C 'oidcplay-cli desc'").arg(script("fish"))});
    EXPECT_TRUE(fish.contains(QStringLiteral("descope\tDescope's authentication API"))) << fish.toStdString();
    EXPECT_TRUE(zshCompletes({}).count("descope:Descope's authentication API: links, codes, passkeys, sessions, access keys"));
}

TEST_F(CompletionsTest, UsageErrors)
{
    EXPECT_EQ(runCli({QStringLiteral("completions")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("completions"), QStringLiteral("tcsh")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("completions"), QStringLiteral("bash"), QStringLiteral("zsh")}).exitCode, 2);
    const CliRun help = runCli({QStringLiteral("completions"), QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("Usage: oidcplay-cli completions bash|zsh|fish"), std::string::npos);
}

} // namespace
