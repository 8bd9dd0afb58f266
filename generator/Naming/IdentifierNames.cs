using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace VtdDsl.Generator.Naming;

/// <summary>Turns spec names into valid, readable C# identifiers.</summary>
internal static class IdentifierNames
{
    /// <summary>
    /// <c>nic_pf</c> → <c>NicPf</c>: each '_'-separated part starts upper-case, the rest is kept.
    /// A result that starts with a digit gets a leading '_'; a C# keyword gets '@'.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        bool startOfPart = true;
        foreach (char c in name)
        {
            if (c == '_' || c == '-')
            {
                startOfPart = true;
                continue;
            }
            text.Append(startOfPart ? char.ToUpperInvariant(c) : c);
            startOfPart = false;
        }
        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            text.Insert(0, '_');
        }
        return EscapeKeyword(text.ToString());
    }

    /// <summary>Prefixes '@' to a reserved C# keyword (contextual keywords are valid identifiers).</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>Escapes each part of a dotted name: <c>My.class.Host</c> → <c>My.@class.Host</c>.</summary>
    public static string EscapeDotted(string dotted)
    {
        if (dotted.Length == 0) return dotted;
        var parts = dotted.Split('.');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = EscapeKeyword(parts[i]);
        }
        return string.Join(".", parts);
    }
}

/// <summary>
/// Hands out unique member names inside one generated class: a name already taken (by an
/// earlier member, the class itself or a member inherited from object) gets a suffix _2, _3, ….
/// </summary>
internal sealed class UniqueNames
{
    private static readonly string[] ObjectMembers =
        { "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals", "Finalize" };

    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

    public UniqueNames(string enclosingType)
    {
        _taken.Add(enclosingType);
        foreach (var member in ObjectMembers)
        {
            _taken.Add(member);
        }
    }

    public string Claim(string identifier)
    {
        string bare = identifier.TrimStart('@');
        string candidate = identifier;
        for (int suffix = 2; !_taken.Add(candidate.TrimStart('@')); suffix++)
        {
            candidate = bare + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return candidate;
    }
}
