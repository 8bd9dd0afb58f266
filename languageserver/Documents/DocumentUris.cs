using System;

namespace VtdDsl.LanguageServer.Documents;

/// <summary>Document URIs and the file paths they name.</summary>
public static class DocumentUris
{
    /// <summary>The local path of a <c>file:</c> URI; any other URI is used as it is (untitled documents have no folder).</summary>
    public static string ToFilePath(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
        {
            return parsed.LocalPath;
        }
        return uri;
    }
}
