using System.Text;

namespace VtdDsl.Tests.LanguageServer;

/// <summary>A valid policy with one domain of many 4 KiB windows, each landing in declared memory.</summary>
internal static class LargeDocument
{
    public static string WithWindows(int count)
    {
        var text = new StringBuilder("policy Large.Document;\n\nmemory ram 0x1_0000_0000 size 16GiB;\n\ndomain big {\n");
        for (int i = 0; i < count; i++)
        {
            ulong iova = (ulong)i * 0x2000;
            ulong host = 0x1_0000_0000UL + (ulong)i * 0x2000;
            text.Append("    map 0x").Append(iova.ToString("X")).Append(" size 4KiB -> 0x").Append(host.ToString("X")).Append(" read write;\n");
        }
        text.Append("}\n\ndevice nic 03:00.0 -> big;\n");
        return text.ToString();
    }
}
