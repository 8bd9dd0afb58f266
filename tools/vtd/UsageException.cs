using System;

namespace VtdDsl.Tool;

/// <summary>Bad arguments or unreadable input: the message is printed as is, and the exit code is 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }
}
