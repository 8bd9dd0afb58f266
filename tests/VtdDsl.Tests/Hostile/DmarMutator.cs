namespace VtdDsl.Tests.Hostile;

/// <summary>
/// Deterministic mutations of DMAR tables: bit flips, random and boundary bytes, 16-bit
/// structure and 8-bit scope lengths set to edge values, truncations, insertions, deletions,
/// duplicated ranges and splices between tables. Mutant i is a pure function of (seed, i,
/// tables), so a failure is reproduced by its index.
/// </summary>
public sealed class DmarMutator
{
    private static readonly byte[] BoundaryBytes = { 0x00, 0x01, 0x02, 0x06, 0x07, 0x08, 0x1F, 0x20, 0x7F, 0x80, 0xFE, 0xFF };
    private static readonly ushort[] BoundaryLengths = { 0, 1, 3, 4, 7, 8, 9, 15, 16, 19, 20, 23, 24, 0x7FFF, 0xFFFF };

    private readonly byte[][] _tables;
    private readonly int _seed;

    public DmarMutator(IEnumerable<byte[]> tables, int seed)
    {
        _tables = tables.ToArray();
        _seed = seed;
    }

    /// <summary>Mutant <paramref name="index"/>: one to four mutations of one table; <paramref name="description"/> names them.</summary>
    public byte[] Mutant(int index, out string description)
    {
        var random = new Random(unchecked(_seed * 31 + index));
        int source = random.Next(_tables.Length);
        var bytes = new List<byte>(_tables[source]);
        var applied = new List<string> { $"table[{source}]" };
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    applied.Add($"flip bit at {at}");
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = BoundaryBytes[random.Next(BoundaryBytes.Length)];
                    applied.Add($"boundary byte at {at}");
                    break;
                case 2 when bytes.Count > 1:
                    ushort length = BoundaryLengths[random.Next(BoundaryLengths.Length)];
                    int field = Math.Min(at, bytes.Count - 2);
                    bytes[field] = (byte)length;
                    bytes[field + 1] = (byte)(length >> 8);
                    applied.Add($"16-bit {length} at {field}");
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    applied.Add($"cut at {at}");
                    break;
                case 4:
                    var inserted = new byte[1 + random.Next(24)];
                    random.NextBytes(inserted);
                    bytes.InsertRange(at, inserted);
                    applied.Add($"insert {inserted.Length} at {at}");
                    break;
                case 5 when bytes.Count > 0:
                    int removed = Math.Min(1 + random.Next(24), bytes.Count - at);
                    bytes.RemoveRange(at, removed);
                    applied.Add($"delete {removed} at {at}");
                    break;
                case 6 when bytes.Count > 0:
                    int copied = Math.Min(1 + random.Next(64), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, copied));
                    applied.Add($"duplicate {copied} from {at}");
                    break;
                case 7:
                    var other = _tables[random.Next(_tables.Length)];
                    int from = random.Next(other.Length + 1);
                    bytes.RemoveRange(at, bytes.Count - at);
                    bytes.AddRange(other.Skip(from));
                    applied.Add($"splice at {at} from {from}");
                    break;
                default:
                    int structure = Math.Min(48 + random.Next(Math.Max(1, bytes.Count - 48)), Math.Max(0, bytes.Count - 1));
                    if (structure < bytes.Count) bytes[structure] = (byte)random.Next(256);
                    applied.Add($"random byte at {structure}");
                    break;
            }
        }
        description = string.Join(", ", applied);
        return bytes.ToArray();
    }
}
