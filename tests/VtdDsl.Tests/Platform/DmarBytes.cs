namespace VtdDsl.Tests.Platform;

/// <summary>
/// What a DMAR table holds, counted straight from its bytes with a loop of its own (structure
/// type and length at each offset; RMRR endpoint scopes of one hop): the expectation the importer's
/// output is compared with, sharing no code with the importer's reader.
/// </summary>
public static class DmarBytes
{
    public static int Count(byte[] table, int type)
    {
        int count = 0;
        foreach (var (t, _, _) in Structures(table)) if (t == type) count++;
        return count;
    }

    /// <summary>For each RMRR in table order: the source ids (<c>0000:00:14.0</c>) of its one-hop scope entries.</summary>
    public static List<List<string>> RmrrDevices(byte[] table)
    {
        var result = new List<List<string>>();
        foreach (var (type, offset, length) in Structures(table))
        {
            if (type != 1) continue;
            var devices = new List<string>();
            ushort segment = BitConverter.ToUInt16(table, offset + 6);
            for (int at = offset + 24; at < offset + length; at += table[at + 1])
            {
                if (table[at + 1] == 8) devices.Add($"{segment:x4}:{table[at + 5]:x2}:{table[at + 6]:x2}.{table[at + 7]:x}");
            }
            result.Add(devices);
        }
        return result;
    }

    private static IEnumerable<(int Type, int Offset, int Length)> Structures(byte[] table)
    {
        for (int offset = 48; offset + 4 <= table.Length;)
        {
            int type = BitConverter.ToUInt16(table, offset);
            int length = BitConverter.ToUInt16(table, offset + 2);
            yield return (type, offset, length);
            offset += length;
        }
    }
}
