using System.Diagnostics.CodeAnalysis;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Domain;

/// <summary>
/// A Jira issue key such as <c>DRP-148</c>: a project key (a letter, then letters, digits or <c>_</c>), a dash and a
/// number. Parsed once wherever a key enters the program (CLI arguments, parameter and campaign files, slash commands,
/// webhooks, Jira descriptions); surrounding blanks are ignored and lower case is accepted and upper-cased.
/// </summary>
public readonly record struct IssueKey
{
    private IssueKey(string value) => Value = value;

    /// <summary>The key in upper case, e.g. <c>PREOPS-905</c>.</summary>
    public string Value { get; }

    /// <summary>The project part, e.g. <c>PREOPS</c>.</summary>
    public string Project => Value[..Value.LastIndexOf('-')];

    /// <summary>True when <paramref name="text"/> is an issue key.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IssueKey key)
    {
        string candidate = (text ?? "").Trim().ToUpperInvariant();
        if (IsKey(candidate))
        {
            key = new IssueKey(candidate);
            return true;
        }
        key = default;
        return false;
    }

    /// <summary>The key in <paramref name="text"/>, or a <see cref="UserInputException"/> in the one message format,
    /// <c>&lt;source&gt;: '&lt;text&gt;' is not an issue key such as DRP-148</c>.</summary>
    /// <param name="source">What held the text: an argument (<c>PRODUCTION_ISSUE</c>), a file and field (<c>params.yaml: Jira</c>).</param>
    public static IssueKey Parse(string source, string? text) =>
        TryParse(text, out var key) ? key : throw new UserInputException(Error(source, text));

    /// <summary>The one message for a text that is not an issue key.</summary>
    public static string Error(string source, string? text) => $"{source}: {Problem(text)}";

    /// <summary>The message without its source, for callers that add the file and line themselves.</summary>
    public static string Problem(string? text) => $"'{text}' is not an issue key such as DRP-148";

    /// <summary>True when <paramref name="project"/> is a valid project key (<c>DRP</c>).</summary>
    public static bool IsProjectKey(string? project) => project is { Length: > 0 } p && IsKey(p + "-1");

    public override string ToString() => Value ?? "";

    public static implicit operator string(IssueKey key) => key.Value;

    private static bool IsKey(string text)
    {
        int dash = text.LastIndexOf('-');
        if (dash < 1 || dash == text.Length - 1 || !char.IsAsciiLetterUpper(text[0]))
        {
            return false;
        }
        for (int i = 1; i < dash; i++)
        {
            if (!char.IsAsciiLetterUpper(text[i]) && !char.IsAsciiDigit(text[i]) && text[i] != '_')
            {
                return false;
            }
        }
        for (int i = dash + 1; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
