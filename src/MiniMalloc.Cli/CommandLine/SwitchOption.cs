using System.CommandLine;

namespace MiniMalloc.Cli;

/// <summary>
/// A boolean flag as the reference (Abseil) takes it: <c>--name</c> alone means true, and <c>--name=false</c>,
/// <c>--name=0</c>, <c>--name=no</c> (or <c>true</c>/<c>1</c>/<c>yes</c>) set it. System.CommandLine's own boolean
/// options only accept <c>true</c> and <c>false</c> after '=', so this is a string option read here.
/// </summary>
internal sealed class SwitchOption
{
    private static readonly string[] TrueWords = ["true", "t", "yes", "y", "1"];
    private static readonly string[] FalseWords = ["false", "f", "no", "n", "0"];

    public SwitchOption(string name, string[] aliases, bool defaultValue, string description)
    {
        Default = defaultValue;
        Option = new Option<string?>(name, aliases)
        {
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "true|false",
            Description = $"{description.TrimEnd('.')} (default: {(defaultValue ? "true" : "false")}).",
        };
        Option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && Parse(result.Tokens[0].Value) is null)
            {
                result.AddError($"{name} takes true or false (or 1/0, yes/no), not '{result.Tokens[0].Value}'");
            }
        });
    }

    /// <summary>The underlying option, to add to a command.</summary>
    public Option<string?> Option { get; }

    /// <summary>The value when the flag is absent.</summary>
    public bool Default { get; }

    /// <summary>The flag's value in <paramref name="result"/> (which must have no errors).</summary>
    public bool ValueIn(ParseResult result)
    {
        if (result.GetResult(Option) is null) return Default;
        string? text = result.GetValue(Option);
        return text is null || Parse(text) == true;
    }

    private static bool? Parse(string text)
    {
        string word = text.Trim().ToLowerInvariant();
        if (TrueWords.Contains(word)) return true;
        if (FalseWords.Contains(word)) return false;
        return null;
    }
}
