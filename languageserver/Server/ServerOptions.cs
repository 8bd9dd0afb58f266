using System;

namespace VtdDsl.LanguageServer.Server;

/// <summary>Tunables of the server (tests shorten the debounce).</summary>
public sealed record ServerOptions
{
    /// <summary>How long a change waits for the next keystroke before it is checked.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(150);

    public static ServerOptions Default { get; } = new();
}
