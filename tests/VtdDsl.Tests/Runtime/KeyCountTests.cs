using CsCheck;

namespace VtdDsl.Tests.Runtime;

/// <summary>
/// A tree step counts the keys of a cache line at or below an address. The engine takes the widest
/// vector path the processor has; every path is checked here against a plain count, whichever one
/// this machine runs (a vector path without hardware support runs in software, slowly but exactly).
/// </summary>
public class KeyCountTests
{
    // Keys near the address and at the edges of the range, where an unsigned compare done as signed would differ.
    private static readonly Gen<ulong> Word = Gen.Frequency(
        (3, Gen.ULong),
        (2, Gen.ULong[0, 16]),
        (2, Gen.ULong[ulong.MaxValue - 16, ulong.MaxValue]),
        (2, Gen.ULong[(1UL << 63) - 8, (1UL << 63) + 8]));

    [Fact]
    public void Every_path_counts_the_selected_words_at_or_below_the_address()
    {
        Gen.Select(Word.Array[8], Gen.UInt[0, 255], Word, Gen.Int[-8, 7]).Sample((words, keys, address, equalTo) =>
        {
            // Half the time the address is one of the words: "at or below" includes it.
            if (equalTo >= 0) address = words[equalTo];
            int expected = Enumerable.Range(0, 8).Count(i => (keys >> i & 1) != 0 && words[i] <= address);
            ref readonly ulong first = ref words[0];
            Assert.Equal(expected, TreeNode.KeysAtOrBelowScalar(in first, keys, address));
            Assert.Equal(expected, TreeNode.KeysAtOrBelow256(in first, keys, address));
            Assert.Equal(expected, TreeNode.KeysAtOrBelow512(in first, keys, address));
            Assert.Equal(expected, TreeNode.KeysAtOrBelow(in first, keys, address));
        });
    }

    [Fact]
    public void A_node_s_and_a_domain_root_s_child_skip_their_header_words()
    {
        // Header words of all ones would count as "at or below" the top address if they were not masked out.
        var node = new TreeNode(-1, -1, [0x1000, 0x2000, 0x3000]);
        Assert.Equal(-1 + 3, node.Child(ulong.MaxValue - 1));
        Assert.Equal(-1 + 0, node.Child(0xFFF));
        Assert.Equal(-1 + 2, node.Child(0x2FFF));

        var domain = new DomainRecord(ushort.MaxValue, 0xFF, 0xFF, -1, -1, 40, [0x10, 0x20, 0x30, 0x40, 0x50, 0x60]);
        Assert.Equal(40 + 6, domain.Child(ulong.MaxValue - 1));
        Assert.Equal(40 + 0, domain.Child(0xF));
        Assert.Equal(40 + 3, domain.Child(0x30));
    }
}
