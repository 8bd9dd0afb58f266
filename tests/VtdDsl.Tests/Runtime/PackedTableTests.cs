using System.Text;
using System.Threading;
using CsCheck;
using VtdDsl.Generator.Emit;

namespace VtdDsl.Tests.Runtime;

/// <summary>
/// The generator's <see cref="PackedTableEncoder"/> and the runtime's <see cref="PackedTable"/> agree on
/// every table (any element size, stride, runs), and a text that is not a packed table is refused
/// with a <see cref="FormatException"/> saying why, never decoded into something else.
/// </summary>
public class PackedTableTests
{
    private static byte[] Encode(ulong[] values, int size, int stride = 1) =>
        Encoding.ASCII.GetBytes(PackedTableEncoder.Encode(values, size, stride, CancellationToken.None));

    /// <summary>Values with long zero runs, repeats and evenly spaced stretches, as real tables have.</summary>
    private static readonly Gen<ulong[]> Tables = Gen.OneOf(
        Gen.ULong.Array[0, 200],
        Gen.Select(Gen.ULong[0, 3], Gen.Int[0, 40], (value, n) => Enumerable.Repeat(value, n).ToArray()).Array[0, 20].Select(runs => runs.SelectMany(r => r).ToArray()),
        Gen.Select(Gen.ULong, Gen.ULong[0, 0x10000], Gen.Int[0, 300], (start, step, n) => Enumerable.Range(0, n).Select(i => start + step * (ulong)i).ToArray()));

    [Fact]
    public void Round_trips_every_element_size_and_stride()
    {
        Gen.Select(Tables, Gen.Int[1, 8]).Sample((values, stride) =>
        {
            Assert.Equal(values.Select(v => (byte)v), PackedTable.Decode<byte>(Encode(values, 1, stride)).Span.ToArray());
            Assert.Equal(values.Select(v => (ushort)v), PackedTable.Decode<ushort>(Encode(values, 2, stride)).Span.ToArray());
            Assert.Equal(values.Select(v => (int)v), PackedTable.Decode<int>(Encode(values, 4, stride)).Span.ToArray());
            Assert.Equal(values.Select(v => (uint)v), PackedTable.Decode<uint>(Encode(values, 4, stride)).Span.ToArray());
            Assert.Equal(values, PackedTable.Decode<ulong>(Encode(values, 8, stride)).Span.ToArray());
            Assert.Equal(values.Select(v => (long)v), PackedTable.Decode<long>(Encode(values, 8, stride)).Span.ToArray());
        }, iter: 300);
    }

    [Fact]
    public void Words_decode_straight_into_the_records_they_make()
    {
        Gen.Select(Gen.ULong.Array[0, 40], Gen.Int[1, 8]).Sample((records, stride) =>
        {
            // Whole records of four words (WindowRecord) and of eight (TreeNode, DomainRecord).
            ulong[] windows = records.Take(records.Length / 4 * 4).ToArray();
            ulong[] nodes = records.Take(records.Length / 8 * 8).ToArray();
            Assert.Equal(System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, WindowRecord>(windows).ToArray(),
                PackedTable.DecodeRecords<WindowRecord>(Encode(windows, 8, stride)).Span.ToArray());
            var decoded = PackedTable.DecodeRecords<TreeNode>(Encode(nodes, 8, stride));
            Assert.Equal(System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, TreeNode>(nodes).ToArray(), decoded.Span.ToArray());
            Assert.Equal(0u, decoded.Address % PackedTable.Alignment);
        }, iter: 200);
    }

    [Theory]
    [InlineData(5, 8, "5 words, not whole records of 4 words (WindowRecord)")]
    [InlineData(8, 4, "elements of 4 bytes, expected 8")]
    public void Words_that_do_not_make_whole_records_are_refused(int count, int size, string expected)
    {
        byte[] text = Encode(Enumerable.Range(1, count).Select(i => (ulong)i).ToArray(), size);
        var error = Assert.Throws<FormatException>(() => PackedTable.DecodeRecords<WindowRecord>(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Signed_values_round_trip_whichever_way_they_were_widened()
    {
        int[] values = { -1, 0, int.MinValue, int.MaxValue, -2, 5, -1, -1, -1, -1 };
        var signExtended = values.Select(v => (ulong)(long)v).ToArray();
        var zeroExtended = values.Select(v => (ulong)(uint)v).ToArray();
        Assert.Equal(values, PackedTable.Decode<int>(Encode(signExtended, 4)).Span.ToArray());
        Assert.Equal(values, PackedTable.Decode<int>(Encode(zeroExtended, 4)).Span.ToArray());
        Assert.Equal(Encode(signExtended, 4), Encode(zeroExtended, 4));
    }

    [Fact]
    public void A_decoded_table_starts_on_a_cache_line()
    {
        for (int count = 1; count < 70; count += 7)
        {
            var table = PackedTable.Decode<ulong>(Encode(Enumerable.Range(0, count).Select(i => (ulong)i * 3).ToArray(), 8, 4));
            Assert.Equal(count, table.Length);
            Assert.Equal(0u, table.Address % PackedTable.Alignment);
        }
        Assert.True(PackedTable.Decode<byte>(Encode(Array.Empty<ulong>(), 1)).Span.IsEmpty);
    }

    [Fact]
    public void Zero_runs_and_evenly_spaced_values_cost_a_few_characters()
    {
        var sparse = new ulong[65536];
        sparse[1000] = 7;
        sparse[40000] = 9;
        Assert.True(Encode(sparse, 2).Length < 40, Encoding.ASCII.GetString(Encode(sparse, 2)));
        var spaced = Enumerable.Range(0, 100_000).Select(i => 0x1_0000_0000UL + (ulong)i * 0x2000).ToArray();
        Assert.True(Encode(spaced, 8).Length < 40, Encoding.ASCII.GetString(Encode(spaced, 8)));
    }

    [Fact]
    public void Spaces_and_line_breaks_are_ignored()
    {
        var values = Enumerable.Range(0, 500).Select(i => (ulong)(i * i)).ToArray();
        string text = Encoding.ASCII.GetString(Encode(values, 4));
        string broken = string.Join("\n    ", Enumerable.Range(0, (text.Length + 9) / 10).Select(i => text.Substring(i * 10, Math.Min(10, text.Length - i * 10)))) + "\r\n";
        Assert.Equal(values.Select(v => (uint)v), PackedTable.Decode<uint>(Encoding.ASCII.GetBytes(broken)).Span.ToArray());
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        var values = new ulong[] { 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0xFFFF_FFFF_FFFF, 9 };
        byte[] text = Encode(values, 8, 2);
        for (int length = 0; length < text.Length; length++)
        {
            var error = Assert.Throws<FormatException>(() => PackedTable.Decode<ulong>(text.AsSpan(0, length)));
            Assert.StartsWith("Not a packed table: ", error.Message);
        }
    }

    [Theory]
    // Digits: A = 0, B = 1, C = 2, G = 6, I = 8. "BIBB": version 1, 8-byte elements, count 1, stride 1.
    [InlineData("C", "", "format version 2")]
    [InlineData("", "!", "character 0x21")]
    [InlineData("BC", "", "elements of 2 bytes, expected 8")]   // a ushort table read as ulong
    [InlineData("BICA", "", "stride 0")]
    [InlineData("BIBB", "CAA", "data after the last element")]  // one literal (C: n 1), delta 0, then more
    [InlineData("BIBB", "G", "an operation of 3 elements at element 0 of 1")]
    [InlineData("BIBB", "C=", "character 0x3d")]
    public void Hostile_text_gives_a_clear_exception(string header, string body, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PackedTable.Decode<ulong>(Encoding.ASCII.GetBytes(header + body)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_number_wider_than_64_bits_is_refused()
    {
        // version 1, size 8, count 1, stride 1, one literal whose delta has 14 digits of 5 bits.
        string text = "BIBBC" + new string('/', 13) + "B";
        var error = Assert.Throws<FormatException>(() => PackedTable.Decode<ulong>(Encoding.ASCII.GetBytes(text)));
        Assert.Contains("does not fit in 64 bits", error.Message);
    }

    [Fact]
    public void A_count_beyond_any_array_is_refused_before_allocating()
    {
        // version 1, size 8, count 2^40 (digits: 8 × "more|0" then "B" ...), stride 1.
        string text = "BI" + new string('g', 8) + "B" + "B";
        var error = Assert.Throws<FormatException>(() => PackedTable.Decode<ulong>(Encoding.ASCII.GetBytes(text)));
        Assert.Contains("more than a table may have", error.Message);
    }
}
