namespace VtdDsl.Tool;

/// <summary>Bad arguments or unreadable input: the message is printed as is, and the exit code is 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }

    /// <param name="message">What is wrong with the command line.</param>
    /// <param name="showUsage">Whether the command's usage follows the message (the arguments do not fit it).</param>
    public UsageException(string message, bool showUsage) : base(message) => ShowUsage = showUsage;

    /// <summary>The arguments do not fit the command: print its usage after the message.</summary>
    public bool ShowUsage { get; }
}
